using System.Text.RegularExpressions;
using Afya.Tests.Console;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace Afya.Tests.Browser;

// Part 2 in Chromium, on both databases: the clinic desk confirms a cash package purchase in Arabic and sees it active;
// every clinic, care and operations page an admin opens is checked with axe and photographed at desktop and phone width.
public partial class ConsoleBrowserTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_clinic_desk_confirms_a_cash_purchase_in_arabic_and_the_part_2_pages_pass_axe(Db db)
    {
        if (!File.Exists(Chromium)) Assert.Skip($"Debian's chromium is not installed at {Chromium} (.ci/run installs it).");
        await using var app = new AfyaFactory(db);
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        app.ServerAddress = new Uri(baseUrl);
        var admin = await ConsoleUser.AdminAsync(app);
        var adminApi = app.Client().WithToken((await app.AdminAsync()).Access);
        var package = await Modules.Clinic.Clinics.PackageAsync(adminApi, "KWD", 45.500m, name: "Family care " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var bought = await (await buyer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"], user_info = new { name = "Ahmed Al-Kuwait", national_id = "123456789" } }))
            .ShouldBe(System.Net.HttpStatusCode.Created);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var blocked = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };
        var shots = new Shots(page, Path.Combine(ScreenshotFolder, db.ToString().ToLowerInvariant()));

        await page.GotoAsync($"{baseUrl}/admin/clinic");
        await page.GetByLabel("Email or username").FillAsync(admin.Email);
        await page.GetByLabel("Password").FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/signin/enroll"));
        var secret = (await page.Locator("#totp-secret").InnerTextAsync()).Trim();
        await page.GetByLabel("Six-digit code").FillAsync(new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on and sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to the console" }).ClickAsync();

        await page.GotoAsync($"{baseUrl}/admin/clinic");
        await shots.TakeAsync("clinic-packages");
        await page.Locator("#switch-language").ClickAsync();
        await page.WaitForURLAsync(new Regex("lang=ar"));
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
            await page.GotoAsync(baseUrl + path);
            await shots.TakeAsync(name);
        }

        shots.Violations.ShouldBeEmpty();
        blocked.ShouldBeEmpty();
    }
}
