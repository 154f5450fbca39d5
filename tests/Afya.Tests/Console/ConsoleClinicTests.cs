using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Audit;
using Afya.Tests.Modules.Care;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Console;

// The Kuwait clinic's desk in the console over HTTP, on both databases: a package made and put on sale, a cash purchase
// confirmed at the desk and used, in English and Arabic; support's view of sign-in codes that never shows a code.
public abstract partial class ConsoleClinicTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ConsoleClinicTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ConsoleClinicTests(apps.Postgres);

    [Fact]
    public async Task Staff_make_a_package_confirm_a_cash_purchase_at_the_desk_and_record_a_use()
    {
        var session = await app.AdminAsync();
        var staff = await new ConsoleUser(app, app.Client(), session.Email, session.Password).SignInAsync();
        var name = "Family care " + Guid.NewGuid().ToString("N")[..6];

        await staff.GetPageAsync("/admin/clinic");
        var missing = await staff.PostFormAsync("/admin/clinic", new() { ["name"] = name, ["name_ar"] = "", ["currency"] = "KWD", ["price"] = "45.500", ["duration_days"] = "30" });
        (await missing.Content.ReadAsStringAsync()).ShouldContain("id=\"name_ar-error\">name_ar is required");
        var badPrice = await staff.PostFormAsync("/admin/clinic", new() { ["name"] = name, ["name_ar"] = "رعاية", ["currency"] = "KWD", ["price"] = "45.5001", ["duration_days"] = "30" });
        (await badPrice.Content.ReadAsStringAsync()).ShouldContain("id=\"price-error\">price must be 0 or more with at most 3 decimals for KWD.");
        var made = await staff.PostFormAsync("/admin/clinic?lang=ar", new()
        {
            ["name"] = name, ["name_ar"] = "رعاية الأسرة", ["currency"] = "KWD", ["price"] = "45.500", ["duration_days"] = "30", ["services"] = "consultation, 2\nlab_panel، 1",
        });
        made.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var package = await app.WithDbAsync(db => db.Set<ServicePackage>().AsNoTracking().Include(p => p.Services).SingleAsync(p => p.NameEn == name));
        package.PriceMinor.ShouldBe(45_500);
        package.IsActive.ShouldBeFalse();
        package.Services.Count.ShouldBe(2);
        // Razor writes non-ASCII text as character references; the browser shows the words.
        var arabic = WebUtility.HtmlDecode(await staff.GetPageAsync("/admin/clinic?lang=ar"));
        arabic.ShouldContain("<html lang=\"ar\" dir=\"rtl\">");
        arabic.ShouldContain("رعاية الأسرة");
        (await staff.PostFormAsync($"/admin/clinic?handler=active&id={package.Id}", new() { ["active"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var customer = await app.Client().RegisterAsync();
        var buyer = app.Client().WithToken(customer.Access);
        var bought = await (await buyer.PostJson("/api/v1/packages/purchase", new { package_id = package.Id, user_info = new { name = "Ahmed Al-Kuwait", national_id = "123456789" } }))
            .ShouldBe(HttpStatusCode.Created);
        var id = bought["id"]!.GetValue<string>();
        var list = await staff.GetPageAsync($"/admin/clinic/subscriptions?user={Uri.EscapeDataString(customer.Email)}&status=pending_payment&package_id={package.Id}");
        list.ShouldContain($"/admin/clinic/subscriptions/{id}");
        (await staff.GetPageAsync("/admin/clinic/subscriptions?from=someday")).ShouldContain("id=\"from-error\">from must be a date (yyyy-mm-dd).");

        await staff.GetPageAsync($"/admin/clinic/subscriptions/{id}");
        (await staff.PostFormAsync($"/admin/clinic/subscriptions/{id}?handler=cash", new(), withToken: false)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PostFormAsync($"/admin/clinic/subscriptions/{id}?handler=cash", new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var active = await staff.GetPageAsync($"/admin/clinic/subscriptions/{id}");
        active.ShouldContain("id=\"subscription-status\">active<");
        (await staff.PostFormAsync($"/admin/clinic/subscriptions/{id}?handler=use", new() { ["service"] = "consultation", ["note"] = "Dr. Fatima" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var used = await staff.GetPageAsync($"/admin/clinic/subscriptions/{id}?lang=ar");
        used.ShouldContain("id=\"remaining-consultation\">1<");
        used.ShouldContain("subscription.confirm_cash");
        used.ShouldContain("subscription.usage");
        // Every label of the Arabic page is Arabic, the console's frame and the history table included.
        var usedText = WebUtility.HtmlDecode(used);
        usedText.ShouldContain(">السجل</h2>");
        usedText.ShouldContain(">تسجيل الخروج</button>");
        foreach (var english in new[] { ">History<", ">Sign out<", ">Your account<", ">Skip to content<", ">When (UTC)<", ">Clinic<", ">Care<" })
            usedText.ShouldNotContain(english, Case.Sensitive);
        WebUtility.HtmlDecode(await staff.GetPageAsync("/admin/clinic/otp?lang=ar")).ShouldContain(">الساعات</label>");
        (await staff.PostFormAsync($"/admin/clinic/subscriptions/{id}?handler=use", new() { ["service"] = "massage" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await app.WithDbAsync(db => db.Set<StaffAuditEntry>().AsNoTracking().Where(e => e.ObjectId == id && e.Status == 422).CountAsync());
        refused.ShouldBe(1);
        (await staff.GetPageAsync($"/admin/clinic/subscriptions?status=active&package_id={package.Id}")).ShouldContain($"/admin/clinic/subscriptions/{id}");
        (await staff.Http.GetAsync($"/admin/clinic/subscriptions/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Support_sees_sign_in_codes_sent_and_numbers_at_the_limit_but_never_a_code_and_other_staff_roles_are_kept_out()
    {
        var phone = Phones.Kuwaiti();
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone, purpose = "login" })).ShouldBe(HttpStatusCode.OK);
        var code = await app.LatestCodeAsync(phone);
        // Four more sends this hour (past the resend cooldown the API would impose between them) put the number at its limit of five.
        var now = DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 4; i++)
                db.Add(new OtpChallenge { PhoneNumber = phone, Purpose = OtpPurpose.Login, CodeHash = new string('0', 64), CreatedAt = now.AddMinutes(-i * 5), ExpiresAt = now.AddMinutes(-i * 5 + 5), ConsumedAt = now.AddMinutes(-i * 5 + 1) });
            return await db.SaveChangesAsync();
        });
        var session = await app.AdminAsync();
        var staff = await new ConsoleUser(app, app.Client(), session.Email, session.Password).SignInAsync();
        var page = WebUtility.HtmlDecode(await staff.GetPageAsync($"/admin/clinic/otp?phone={Uri.EscapeDataString(phone)}"));
        page.ShouldContain(phone);
        page.ShouldContain("id=\"limited\"");
        Regex.Count(page, Regex.Escape(phone)).ShouldBeGreaterThanOrEqualTo(6); // the filter, the limit list and five rows
        page.ShouldNotContain($">{code}<");
        (await staff.GetPageAsync("/admin/clinic/otp?phone=not-a-phone")).ShouldContain("id=\"phone-error\"");

        var world = new CareWorld(app);
        var (doctor, _, _) = await ConsoleCare.StaffAsync(world, "doctor", await world.HospitalAsync());
        foreach (var path in new[] { "/admin/clinic", "/admin/clinic/subscriptions", "/admin/clinic/otp" })
            (await doctor.Http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        (await doctor.GetPageAsync("/admin")).ShouldNotContain("href=\"/admin/clinic\"");
    }
}
