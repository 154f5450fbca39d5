using Afya.Api.Platform.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.PlatformTests;

public class SquashedMigrationsTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_database_from_before_the_squash_is_refused_with_what_to_do(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The history a database built by the pre-squash migrations has: old ids, no baseline.
            var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM __ef_migrations_history", TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO __ef_migrations_history (migration_id, product_version) VALUES ('20261123032656_Initial', '10.0.14'), ('20261124173000_SearchPrefixIndex', '10.0.14')",
                TestContext.Current.CancellationToken);
        }

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => DatabaseSetup.MigrateAsync(app.Services, TestContext.Current.CancellationToken));
        refused.Message.ShouldContain("squashed");
        refused.Message.ShouldContain("afya db reset --yes");
    }
}
