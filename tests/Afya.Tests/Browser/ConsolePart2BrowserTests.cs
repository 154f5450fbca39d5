using System.Text.RegularExpressions;
using Afya.Tests.Console;
using Afya.Tests.Platform;
using Microsoft.Playwright;

namespace Afya.Tests.Browser;

// Part 2 in Chromium, on both databases: the clinic desk confirms a cash package purchase in Arabic and sees it active;
// every clinic, care and operations page an admin opens is checked with axe and photographed at desktop and phone width.
[Collection(BrowserCollection.Collection)]
public sealed class ConsolePart2BrowserTests(SharedChromium chromium)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_clinic_desk_confirms_a_cash_purchase_in_arabic_and_the_part_2_pages_pass_axe(Db db)
    {
        Chromium.SkipIfMissing();
        await using var app = new AfyaFactory(db);
        var baseUrl = Chromium.Serve(app);
        var admin = await ConsoleUser.AdminAsync(app);
        var adminApi = app.Client().WithToken((await app.AdminAsync()).Access);
        var package = await Modules.Clinic.Clinics.PackageAsync(adminApi, "KWD", 45.500m, name: "Family care " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var bought = await (await buyer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"], user_info = new { name = "Ahmed Al-Kuwait", national_id = "123456789" } }))
            .ShouldBe(System.Net.HttpStatusCode.Created);

        await using var lease = await chromium.LeaseAsync();
        var browser = lease.Browser;
        var blocked = new List<string>();
        var page = await ConsolePage.OpenAsync(browser, blocked);
        var shots = new Shots(page, db);

        await page.GotoAsync($"{baseUrl}/admin/clinic");
        await ConsolePage.SignInEnrollingTotpAsync(page, admin.Email, admin.Password);

        await page.GotoAsync($"{baseUrl}/admin/clinic");
        await shots.TakeAsync("clinic-packages");
        await page.Locator("#switch-language").ClickAsync();
        await page.ArriveAsync(new Regex("lang=ar"));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await shots.TakeAsync("clinic-packages-ar");
        await page.GotoAsync($"{baseUrl}/admin/clinic/subscriptions?status=pending_payment&lang=ar");
        await shots.TakeAsync("clinic-subscriptions-ar");
        await page.GotoAsync($"{baseUrl}/admin/clinic/subscriptions/{bought["id"]}?lang=ar");
        await shots.TakeAsync("clinic-subscription-ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "تأكيد استلام النقد" }).ClickAsync();
        await Assertions.Expect(page.Locator("#subscription-status")).ToHaveTextAsync("active");
        await shots.TakeAsync("clinic-subscription-active-ar");
        await page.GotoAsync($"{baseUrl}/admin/clinic/subscriptions/{bought["id"]}");
        await shots.TakeAsync("clinic-subscription");
        await page.GotoAsync($"{baseUrl}/admin/clinic/otp");
        await shots.TakeAsync("clinic-otp");
        await page.GotoAsync($"{baseUrl}/admin/clinic/otp?lang=ar");
        await shots.TakeAsync("clinic-otp-ar");

        foreach (var (path, name) in new[]
        {
            ("/admin/care", "care-patients"), ("/admin/care/hospitals", "care-hospitals"), ("/admin/care/doctors", "care-doctors"),
            ("/admin/care/consents", "care-consents"), ("/admin/care/requests", "care-requests"), ("/admin/operations?status=sent", "operations"),
            ($"/admin/care/patients/{Guid.NewGuid()}", "care-not-found"), ("/admin/dashboard", "dashboard-part2"),
        })
        {
            var response = await page.GotoAsync(baseUrl + path);
            response!.Status.ShouldBe(name == "care-not-found" ? 404 : 200, path);
            await shots.TakeAsync(name);
        }

        shots.Violations.ShouldBeEmpty();
        blocked.ShouldBeEmpty();
    }
}
