using System.Net;
using Afya.Tests.Modules.Clinic;
using Afya.Tests.Platform;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Identity;

// /auth/me is kept per user: every change it shows must reach it at once, and time alone must move it too.
public class ProfileAnswerTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_kept_profile_follows_profile_edits_package_moves_usage_and_the_clock(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, clock: clock);
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var package = await Clinics.PackageAsync(admin, "KWD", 7m, days: 3, consultations: 2);
        var session = await app.Client().RegisterAsync();
        var customer = app.Client().WithToken(session.Access);
        async Task<System.Text.Json.Nodes.JsonNode> MeAsync() => await (await customer.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        // Access tokens expire by the same clock: sign in again after moving it.
        async Task SignInAgainAsync()
        {
            var pair = await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBe(HttpStatusCode.OK);
            customer = app.Client().WithToken(pair["access"]!.GetValue<string>());
        }

        (await MeAsync())["active_package"].ShouldBeNull();
        await (await customer.PatchJson("/api/v1/auth/profile", new { name = "Amina Yusuf" })).ShouldBe(HttpStatusCode.OK);
        (await MeAsync())["name"]!.GetValue<string>().ShouldBe("Amina Yusuf");

        var sub = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"] })).ShouldBe(HttpStatusCode.Created);
        (await MeAsync())["active_package"].ShouldBeNull();
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{sub["id"]}/confirm", new { })).ShouldBe(HttpStatusCode.OK);
        var active = (await MeAsync())["active_package"]!;
        active["days_remaining"]!.GetValue<int>().ShouldBe(3);

        await (await admin.PostJson($"/api/v1/admin/subscriptions/{sub["id"]}/usage", new { service = "consultation" })).ShouldBe(HttpStatusCode.OK);
        var consultation = (await MeAsync())["active_package"]!["services"]!.AsArray().Single(s => s!["service"]!.GetValue<string>() == "consultation")!;
        consultation["remaining"]!.GetValue<int>().ShouldBe(1);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await SignInAgainAsync();
        (await MeAsync())["active_package"]!["days_remaining"]!.GetValue<int>().ShouldBe(2);
        clock.Advance(TimeSpan.FromDays(2));
        await SignInAgainAsync();
        (await MeAsync())["active_package"].ShouldBeNull();
    }
}
