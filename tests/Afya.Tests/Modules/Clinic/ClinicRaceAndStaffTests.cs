using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Clinic;

// One package in force per user however requests interleave, and the staff list of subscriptions.
public abstract class ClinicRaceAndStaffTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ClinicRaceAndStaffTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ClinicRaceAndStaffTests(apps.Postgres);

    private async Task<HttpClient> AdminAsync() => app.Client().WithToken((await app.AdminAsync()).Access);

    private static void ShouldFollowOneAnother(IReadOnlyList<JsonNode> subscriptions, int days)
    {
        subscriptions.Count(s => s["status"]!.GetValue<string>() == "active").ShouldBe(1);
        var periods = subscriptions.Select(s => (Start: s["starts_at"]!.GetValue<DateTime>(), End: s["ends_at"]!.GetValue<DateTime>())).OrderBy(p => p.Start).ToList();
        for (var i = 0; i < periods.Count; i++)
        {
            (periods[i].End - periods[i].Start).ShouldBe(TimeSpan.FromDays(days));
            if (i > 0) periods[i].Start.ShouldBe(periods[i - 1].End, "each queued package starts when the one before it ends");
        }
    }

    [Fact]
    public async Task A_burst_of_free_purchases_by_one_user_leaves_one_active_package_and_queues_the_rest_end_to_end()
    {
        var admin = await AdminAsync();
        var free = await Clinics.PackageAsync(admin, "KES", 0m, days: 10);
        var customer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => customer.PostJson("/api/v1/packages/purchase", new { package_id = free["id"] })));
        foreach (var answer in answers) await answer.ShouldBe(HttpStatusCode.Created);

        var history = (await (await customer.GetAsync("/api/v1/packages/history")).ShouldBe(HttpStatusCode.OK)).AsArray().Select(h => h!).ToList();
        history.Count.ShouldBe(8);
        history.Count(h => h["status"]!.GetValue<string>() == "queued").ShouldBe(7);
        ShouldFollowOneAnother(history, 10);
    }

    [Fact]
    public async Task Staff_confirming_several_cash_purchases_at_once_start_one_and_queue_the_others()
    {
        var admin = await AdminAsync();
        var package = await Clinics.PackageAsync(admin, "KWD", 15m, days: 30);
        var customer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
            ids.Add((await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"] })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>());
        var confirms = await Task.WhenAll(ids.Select(id => admin.PostJson($"/api/v1/admin/subscriptions/{id}/confirm", new { })));
        foreach (var confirm in confirms) await confirm.ShouldBe(HttpStatusCode.OK);

        var history = (await (await customer.GetAsync("/api/v1/packages/history")).ShouldBe(HttpStatusCode.OK)).AsArray().Select(h => h!).ToList();
        ShouldFollowOneAnother(history, 30);
    }

    [Fact]
    public async Task Staff_list_subscriptions_filtered_by_status_and_user_newest_first_in_pages()
    {
        var admin = await AdminAsync();
        var package = await Clinics.PackageAsync(admin, "KWD", 5m);
        var session = await app.Client().RegisterAsync();
        var customer = app.Client().WithToken(session.Access);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"] })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>());
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{ids[0]}/confirm", new { })).ShouldBe(HttpStatusCode.OK);

        var all = await (await admin.GetAsync($"/api/v1/admin/subscriptions?user_id={session.UserId}")).ShouldBe(HttpStatusCode.OK);
        all["count"]!.GetValue<int>().ShouldBe(3);
        all["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ShouldBe([ids[2], ids[1], ids[0]]);
        all["results"]![0]!["user_id"]!.GetValue<string>().ShouldBe(session.UserId);

        var pending = await (await admin.GetAsync($"/api/v1/admin/subscriptions?user_id={session.UserId}&status=pending_payment&page_size=1")).ShouldBe(HttpStatusCode.OK);
        pending["count"]!.GetValue<int>().ShouldBe(2);
        pending["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ShouldBe([ids[2]]);
        pending["next"]!.GetValue<string>().ShouldContain("page=2");
        var active = await (await admin.GetAsync($"/api/v1/admin/subscriptions?user_id={session.UserId}&status=active")).ShouldBe(HttpStatusCode.OK);
        active["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ShouldBe([ids[0]]);

        await (await admin.GetAsync("/api/v1/admin/subscriptions?status=paid")).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_FILTER");
        await (await admin.GetAsync("/api/v1/admin/subscriptions?user_id=someone")).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_FILTER");
        await (await customer.GetAsync("/api/v1/admin/subscriptions")).ShouldBe(HttpStatusCode.Forbidden);
        (await (await customer.GetAsync("/api/v1/packages/history")).ShouldBe(HttpStatusCode.OK)).ToJsonString().ShouldNotContain("user_id");
    }
}
