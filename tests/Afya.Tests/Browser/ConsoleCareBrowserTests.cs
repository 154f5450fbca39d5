using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Modules.Wearables.Data;
using Afya.Tests.Modules.Care;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Afya.Tests.Browser;

// Part 2's workflows in Chromium, on both databases, each person in a browser of their own: a hospital admin registers a
// patient and assigns a doctor, who then reads the record but gets the 404 page for another hospital's patient (a refusal
// in the care audit) and acknowledges a wearables alert; the platform admin retries a dead letter, which reaches the test
// SMTP listener, and reads the platform and settings pages. Every page is checked with axe and photographed.
[Collection(BrowserCollection.Collection)]
public sealed class ConsoleCareBrowserTests(SharedChromium chromium)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_hospital_admin_assigns_a_doctor_who_reads_the_patient_acknowledges_an_alert_and_the_admin_retries_a_dead_letter(Db db)
    {
        Chromium.SkipIfMissing();
        await using var smtp = SmtpSink.Start();
        await using var app = new AfyaFactory(db, new Dictionary<string, string?>
        {
            ["MAIL_SERVER"] = "127.0.0.1", ["MAIL_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["MAIL_STARTTLS"] = "false",
        });
        var baseUrl = Chromium.Serve(app);

        // The people and records, through the API.
        var world = new WearablesWorld(app);
        var care = world.Care;
        var hospital = await care.HospitalAsync();
        var otherHospital = await care.HospitalAsync();
        var manager = await StaffAccountAsync(app, care, "hospital_admin", hospital);
        var doctor = await StaffAccountAsync(app, care, "doctor", hospital);
        var doctorName = "Dr. Wanjiru " + Guid.NewGuid().ToString("N")[..6];
        var doctorId = await care.LinkDoctorAsync(hospital, new CareUser(app.Client(), doctor.UserId, doctor.Email, doctor.Access),
            new { name = doctorName, specialization = "Cardiology", experience = 9 });
        var otherManager = await StaffAccountAsync(app, care, "hospital_admin", otherHospital);
        var otherPatient = (await (await (await LoggedInAsync(app, otherManager)).PostJson("/api/v1/patients", new { name = "Elsewhere " + Guid.NewGuid().ToString("N")[..6], age = 51, gender = "Male" }))
            .ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var (wearer, wearerId, _) = await world.PatientAsync();
        await (await wearer.Client.PostJson("/api/v1/mappings", new { patient = wearerId, doctor = doctorId })).ShouldBe(HttpStatusCode.Created);
        var t = world.Now.AddMinutes(-20);
        await WearablesWorld.SyncAsync(wearer.Client, WearablesWorld.Hr(72, t), WearablesWorld.Hr(138, t.AddMinutes(1)));
        var alert = await app.WithDbAsync(d => d.Set<Alert>().AsNoTracking().SingleAsync(a => a.PatientId == Guid.Parse(wearerId)));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var dead = new OutboxMessage
        {
            Channel = MessageChannel.Email, Recipient = Calls.UniqueEmail("dead"), Template = "welcome", Subject = "Welcome back", TextBody = "Hello from the retry.",
            Status = MessageStatus.Dead, Attempts = 8, NextAttemptAt = now.AddYears(1), LastError = "550 mailbox unavailable", CreatedAt = now,
        };
        await app.WithDbAsync(d => { d.Add(dead); return d.SaveChangesAsync(); });

        await using var lease = await chromium.LeaseAsync();
        var browser = lease.Browser;
        var blocked = new List<string>();

        // The hospital admin registers a walk-in patient and assigns the doctor.
        var page = await SignedInAsync(browser, baseUrl, manager, "/admin/care", blocked);
        var shots = new Shots(page, db);
        var patientName = "Amina Otieno " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#name").FillAsync(patientName);
        await page.Locator("#gender").SelectOptionAsync("Female");
        await page.Locator("#register-patient").ClickAsync();
        await page.ArriveAsync(new Regex("/admin/care/patients/[0-9a-f-]{36}"));
        var patientPath = new Uri(page.Url).AbsolutePath;
        await page.Locator("#tab-doctors").ClickAsync();
        await page.Locator("#doctor").SelectOptionAsync(doctorId!);
        await shots.TakeAsync("care-assign-doctor");
        await page.Locator("#assign").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Assigned doctors" })).ToContainTextAsync(doctorName);
        await shots.TakeAsync("care-doctor-assigned");

        // The doctor now sees the patient, and only the 404 page for another hospital's.
        page = await SignedInAsync(browser, baseUrl, doctor, "/admin/care", blocked);
        shots = shots.For(page);
        await page.GetByRole(AriaRole.Link, new() { Name = patientName }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(patientName);
        page.Url.ShouldEndWith(patientPath);
        await shots.TakeAsync("care-patient-doctor");
        var refused = await page.GotoAsync($"{baseUrl}/admin/care/patients/{otherPatient}");
        refused!.Status.ShouldBe(404);
        await Assertions.Expect(page.Locator("#not-found")).ToBeVisibleAsync();
        await shots.TakeAsync("care-other-hospital-404");
        (await app.WithDbAsync(d => d.Set<AuditEntry>().AsNoTracking()
            .AnyAsync(e => e.PatientId == Guid.Parse(otherPatient) && e.ActorId == Guid.Parse(doctor.UserId) && e.Outcome == 404))).ShouldBeTrue("the refusal is in the care audit");

        await page.GotoAsync($"{baseUrl}/admin/alerts");
        await Assertions.Expect(page.Locator($"#alert-{alert.Id}")).ToBeVisibleAsync();
        await shots.TakeAsync("alerts-open");
        await page.Locator($"#note-{alert.Id}").FillAsync("Phoned her; resting, rechecking in an hour.");
        await page.Locator($"#ack-{alert.Id}").ClickAsync();
        await Assertions.Expect(page.Locator($"#ack-{alert.Id}")).ToHaveCountAsync(0);
        var acknowledged = await app.WithDbAsync(d => d.Set<Alert>().AsNoTracking().SingleAsync(a => a.Id == alert.Id));
        acknowledged.AcknowledgedBy.ShouldBe(Guid.Parse(doctor.UserId));
        await page.GotoAsync($"{baseUrl}/admin/alerts?status=acknowledged");
        await Assertions.Expect(page.Locator($"#alert-{alert.Id}")).ToContainTextAsync("Phoned her");
        await shots.TakeAsync("alerts-acknowledged");
        await page.GotoAsync($"{baseUrl}/admin/alerts/vitals/{wearerId}?metric=heart_rate&days=2");
        await shots.TakeAsync("alerts-vitals");

        // The platform admin retries the dead letter and reads the platform pages.
        var admin = await app.AdminAsync();
        page = await SignedInAsync(browser, baseUrl, admin, "/admin/operations?status=dead", blocked);
        shots = shots.For(page);
        await Assertions.Expect(page.Locator($"#message-{dead.Id}")).ToContainTextAsync("550 mailbox unavailable");
        await shots.TakeAsync("operations-dead");
        await page.Locator($"#retry-{dead.Id}").ClickAsync();
        var mail = await Calls.Eventually(() => Task.FromResult(smtp.Messages.FirstOrDefault(m => m.To.Contains(dead.Recipient))), what: "the retried message");
        mail.Data.ShouldContain("Hello from the retry.");
        await page.GotoAsync($"{baseUrl}/admin/operations/platform");
        await Assertions.Expect(page.Locator("#nodes")).ToContainTextAsync("(this node)");
        await shots.TakeAsync("operations-platform");
        await page.GotoAsync($"{baseUrl}/admin/operations/settings");
        await Assertions.Expect(page.Locator("#settings")).ToContainTextAsync("Jwt:Secret");
        (await page.ContentAsync()).ShouldNotContain(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Jwt:Secret"]!);
        await shots.TakeAsync("operations-settings");

        shots.Violations.ShouldBeEmpty();
        blocked.ShouldBeEmpty();
    }

    // A registered account given a staff role (and, for a hospital admin, a hospital) through the admin API.
    private static async Task<Session> StaffAccountAsync(AfyaFactory app, CareWorld care, string role, string hospital)
    {
        var s = await app.Client().RegisterAsync(Calls.UniqueEmail(role.Replace('_', '-')));
        var admin = await care.AdminAsync();
        await (await admin.Client.PatchJson($"/api/v1/admin/users/{s.UserId}", new { roles = new[] { role } })).ShouldBe(HttpStatusCode.OK);
        if (role == "hospital_admin")
            (await admin.Client.PostJson($"/api/v1/hospitals/{hospital}/staff", new { user_id = s.UserId })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return s;
    }

    // A client with a token minted after the role change (the registration's token predates it).
    private static async Task<HttpClient> LoggedInAsync(AfyaFactory app, Session s)
    {
        var body = await (await app.Client().PostJson("/api/v1/auth/login", new { email = s.Email, password = s.Password })).ShouldBe(HttpStatusCode.OK);
        return app.Client().WithToken(body["access"]!.GetValue<string>());
    }

    // A browser context of the person's own: password, TOTP enrolment, then the page asked for.
    private static async Task<IPage> SignedInAsync(IBrowser browser, string baseUrl, Session person, string path, List<string> blocked)
    {
        var page = await ConsolePage.OpenAsync(browser, blocked);
        await page.GotoAsync(baseUrl + path);
        await ConsolePage.SignInEnrollingTotpAsync(page, person.Email, person.Password);
        await page.GotoAsync(baseUrl + path);
        return page;
    }
}
