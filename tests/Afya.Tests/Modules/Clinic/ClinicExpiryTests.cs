using System.Net;
using Afya.Api.Modules.Clinic;
using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Clinic;

public class ClinicExpiryTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Packages_remind_three_days_before_expire_start_the_queued_one_and_unpaid_ones_lapse(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Clinic:PaymentWindowMinutes"] = "60" }, clock);
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var package = await Clinics.PackageAsync(admin, "KWD", 7m, days: 7);
        var session = await app.Client().RegisterAsync();
        var customer = app.Client().WithToken(session.Access);
        var body = new { package_id = package["id"] };
        var first = await (await customer.PostJson("/api/v1/packages/purchase", body)).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{first["id"]}/confirm", new { })).ShouldBe(HttpStatusCode.OK);
        var second = await (await customer.PostJson("/api/v1/packages/purchase", body)).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{second["id"]}/confirm", new { })).ShouldBe(HttpStatusCode.OK);
        var unpaid = await (await customer.PostJson("/api/v1/packages/purchase", body)).ShouldBe(HttpStatusCode.Created);
        // A user with a verified phone hears by text.
        var phone = Afya.Tests.Modules.Identity.Phones.Kuwaiti();
        var texted = app.Client().WithToken((await Afya.Tests.Modules.Identity.Phones.SignInByPhoneAsync(app, phone)).Access);
        var theirs = await (await texted.PostJson("/api/v1/packages/purchase", body)).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{theirs["id"]}/confirm", new { })).ShouldBe(HttpStatusCode.OK);

        async Task RunJobAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ExpireSubscriptions>().RunOnceAsync(CancellationToken.None);
        }
        Task<SubscriptionStatus> StatusAsync(Afya.Tests.Platform.Session _, System.Text.Json.Nodes.JsonNode sub) =>
            app.WithDbAsync(db => db.Set<Subscription>().Where(s => s.Id == Guid.Parse(sub["id"]!.GetValue<string>())).Select(s => s.Status).SingleAsync());
        Task<List<string>> NoticesAsync() =>
            app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Recipient == session.Email && m.Template.StartsWith("package_"))
                .OrderBy(m => m.CreatedAt).Select(m => m.Template).ToListAsync());

        clock.Advance(TimeSpan.FromMinutes(59));
        await RunJobAsync();
        (await StatusAsync(session, unpaid)).ShouldBe(SubscriptionStatus.PendingPayment);
        clock.Advance(TimeSpan.FromMinutes(2));
        await RunJobAsync();
        (await StatusAsync(session, unpaid)).ShouldBe(SubscriptionStatus.Expired);
        (await NoticesAsync()).ShouldBeEmpty();

        clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        await RunJobAsync();
        await RunJobAsync();
        (await NoticesAsync()).ShouldBe(["package_reminder"]);

        clock.Advance(TimeSpan.FromDays(3));
        await RunJobAsync();
        (await StatusAsync(session, first)).ShouldBe(SubscriptionStatus.Expired);
        (await StatusAsync(session, second)).ShouldBe(SubscriptionStatus.Active);
        (await NoticesAsync()).ShouldBe(["package_reminder", "package_expired"]);
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Recipient == phone && m.Template.StartsWith("package_"))
            .OrderBy(m => m.CreatedAt).Select(m => m.Template).ToListAsync())).ShouldBe(["package_reminder", "package_expired"]);
    }
}
