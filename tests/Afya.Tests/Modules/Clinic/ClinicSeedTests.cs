using System.Net;
using Afya.Api.Platform.Cli;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afya.Tests.Modules.Clinic;

public class ClinicSeedTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Seeding_adds_the_clinic_sample_packages_once_in_KWD_and_one_in_KES(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        (await (await app.Client().GetAsync("/api/v1/packages/available")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], new StringWriter())).ShouldBe(0);
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], new StringWriter())).ShouldBe(0);
        var packages = (await (await app.Client().GetAsync("/api/v1/packages/available")).ShouldBe(HttpStatusCode.OK)).AsArray();
        packages.Count.ShouldBe(4);
        packages.Count(p => p!["currency"]!.GetValue<string>() == "KWD").ShouldBe(3);
        packages.Single(p => p!["currency"]!.GetValue<string>() == "KES")!["price"]!.GetValue<decimal>().ShouldBe(2_500.50m);
        packages[0]!["name"]!.GetValue<string>().ShouldBe("Basic Health Package");
        packages[0]!.ToJsonString().ShouldContain("\"price\":25.000");
    }
}
