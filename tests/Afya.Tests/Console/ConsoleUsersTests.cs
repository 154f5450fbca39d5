using System.Net;
using Afya.Api.Modules.Identity.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Console;

// The users pages over HTTP, on both databases: search, roles, (de)activation and ending sessions, each through the
// identity module and in the account's history.
public class ConsoleUsersTests(ClassApps apps) : IClassFixture<ClassApps>
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Staff_find_a_customer_grant_a_role_end_their_sessions_and_deactivate_them_and_the_history_shows_each_change(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var customer = await app.Client().RegisterAsync(Calls.UniqueEmail("console-user"));
        var id = customer.UserId;

        (await staff.GetPageAsync($"/admin/users?q={Uri.EscapeDataString(customer.Email)}")).ShouldContain($"/admin/users/{id}");
        (await staff.GetPageAsync("/admin/users?role=wizard")).ShouldContain("id=\"role-error\"");
        await staff.GetPageAsync($"/admin/users/{id}");
        await ConsoleCatalogTests.Post(staff, $"/admin/users/{id}?handler=roles", new() { ["roles"] = "patient" });
        (await app.WithDbAsync(d => d.Set<UserRole>().Where(r => r.UserId == Guid.Parse(id)).Select(r => r.Role).ToListAsync())).ShouldBe(["patient"]);
        // The role change ended the customer's sessions: the old token is refused.
        (await app.Client().WithToken(customer.Access).GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var again = await app.Client().PostJson("/api/v1/auth/login", new { email = customer.Email, password = customer.Password });
        var access = (await again.ShouldBe(HttpStatusCode.OK))["access"]!.GetValue<string>();
        await ConsoleCatalogTests.Post(staff, $"/admin/users/{id}?handler=endsessions", new());
        (await app.Client().WithToken(access).GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await ConsoleCatalogTests.Post(staff, $"/admin/users/{id}?handler=active", new() { ["active"] = "false" });
        (await app.WithDbAsync(d => d.Set<User>().Where(u => u.Id == Guid.Parse(id)).Select(u => u.IsActive).FirstAsync())).ShouldBeFalse();
        (await app.Client().PostJson("/api/v1/auth/login", new { email = customer.Email, password = customer.Password })).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        var history = await staff.GetPageAsync($"/admin/users/{id}?tab=history");
        foreach (var action in new[] { "user.roles", "user.end_sessions", "user.deactivate" }) history.ShouldContain(action);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_admin_cannot_take_away_their_own_admin_role_from_the_console(Db db)
    {
        var app = apps.For(db);
        var admin = await ConsoleUser.AdminAsync(app);
        var staff = await admin.SignInAsync();
        var normalized = admin.Email.ToLowerInvariant();
        var me = await app.WithDbAsync(d => d.Set<User>().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstAsync());
        await staff.GetPageAsync($"/admin/users/{me}");
        var refused = await staff.PostFormAsync($"/admin/users/{me}?handler=roles", new() { ["roles"] = "customer" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Admins cannot deactivate themselves or remove their own admin role.");
        (await app.WithDbAsync(d => d.Set<UserRole>().AnyAsync(r => r.UserId == me && r.Role == "admin"))).ShouldBeTrue();
    }
}
