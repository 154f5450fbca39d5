using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Security;

// Clinical access (doctor, hospital_admin) is not a role an admin can give itself.
public abstract class ClinicalSelfGrantTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ClinicalSelfGrantTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ClinicalSelfGrantTests(apps.Postgres);

    [Theory]
    [InlineData("doctor")]
    [InlineData("hospital_admin")]
    public async Task An_admin_granting_itself_a_clinical_role_is_refused(string role)
    {
        var admin = await app.AdminAsync();
        var client = app.Client().WithToken(admin.Access);
        await (await client.PatchJson($"/api/v1/admin/users/{admin.UserId}", new { roles = new[] { "admin", role } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "CANNOT_GRANT_CLINICAL_ROLE_TO_SELF");
        (await (await client.GetAsync($"/api/v1/admin/users/{admin.UserId}")).ShouldBe(HttpStatusCode.OK))["roles"]!.AsArray()
            .Select(r => r!.GetValue<string>()).ShouldNotContain(role);
    }

    [Fact]
    public async Task An_admin_may_grant_a_clinical_role_to_someone_else()
    {
        var admin = await app.AdminAsync();
        var other = await app.Client().RegisterAsync();
        await (await app.Client().WithToken(admin.Access).PatchJson($"/api/v1/admin/users/{other.UserId}", new { roles = new[] { "doctor" } }))
            .ShouldBe(HttpStatusCode.OK);
    }
}
