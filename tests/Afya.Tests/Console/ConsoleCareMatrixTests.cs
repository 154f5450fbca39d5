using System.Net;
using Afya.Api.Modules.Care.Data;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Console;

// The API's care access matrix (AccessMatrixTests.Cells) re-run through the console's pages: each staff cell reads exactly
// the same scopes through /admin/care as through /api/v1, and leaves the same audit entries with the same outcomes.
// Patients and customers are not let into the console at all, so their cells are asked at the sign-in door.
public abstract class ConsoleCareMatrixTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ConsoleCareMatrixTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ConsoleCareMatrixTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Theory]
    [MemberData(nameof(AccessMatrixTests.Cells), MemberType = typeof(AccessMatrixTests))]
    public async Task Each_cell_reads_exactly_its_scopes_through_the_console(string role, string relation, string consent, string scope, string expected)
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var document = (await (await CareWorld.UploadAsync(patient, patientId, CareWorld.Pdf("console-matrix"))).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var hospital = await _world.HospitalAsync();
        var otherHospital = await _world.HospitalAsync();
        if (role is "patient" or "customer")
        {
            var outsider = role == "patient" && relation == "self" ? patient : (role == "patient" ? (await _world.PatientAsync()).User : await _world.UserAsync());
            await ConsoleCare.ShouldBeKeptOutAsync(app, outsider.Email);
            return;
        }
        var (caller, callerId, doctorId) = await ConsoleCare.StaffAsync(_world, role, hospital);

        if (relation == "assigned")
            await (await patient.Client.PostJson("/api/v1/mappings", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Created);
        if (consent != "none")
        {
            object grant = relation switch
            {
                "consented" or "assigned" => new { doctor_id = doctorId, scope, purpose = "Treatment", expires_at = Now.AddDays(30) },
                "other-doctor-consented" => new { doctor_id = (await _world.DoctorAsync()).DoctorId, scope, purpose = "Treatment", expires_at = Now.AddDays(30) },
                "own-hospital-consented" => new { hospital_id = hospital, scope, purpose = "Referral", expires_at = Now.AddDays(30) },
                _ => new { hospital_id = otherHospital, scope, purpose = "Referral", expires_at = Now.AddDays(30) },
            };
            var consentId = await CareWorld.ConsentAsync(patient, grant);
            if (consent == "revoked") await (await patient.Client.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).ShouldBe(HttpStatusCode.OK);
            if (consent == "expired")
                await app.WithDbAsync(db => db.Set<Consent>().Where(c => c.Id == Guid.Parse(consentId))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, Now.AddSeconds(-1))));
        }

        var record = await caller.Http.GetAsync($"/admin/care/patients/{patientId}");
        var recordHtml = await record.Content.ReadAsStringAsync();
        record.StatusCode.ShouldBe(expected.Contains('r') ? HttpStatusCode.OK : HttpStatusCode.NotFound, recordHtml);
        if (!expected.Contains('r')) recordHtml.ShouldContain("id=\"not-found\"");
        (await caller.GetPageAsync("/admin/care?page_size=100")).Contains($"/admin/care/patients/{patientId}\"", StringComparison.Ordinal)
            .ShouldBe(expected.Contains('r'));

        var content = await caller.Http.GetAsync($"/admin/care/documents/{document}");
        content.StatusCode.ShouldBe(expected.Contains('d') ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        if (expected.Contains('d')) content.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");

        var access = await caller.Http.GetAsync($"/admin/care/patients/{patientId}/access");
        await ShouldHaveAuditedAsync(callerId, patientId, [
            ("patient.read", expected.Contains('r') ? 200 : 404),
            ("document.read", expected.Contains('d') ? 200 : 404),
            ("patient.access", expected.Length == 0 ? 404 : 200),
        ]);
        if (expected.Length == 0)
        {
            access.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            return;
        }
        var flags = await access.Content.ReadAsStringAsync();
        foreach (var (flag, letter) in new[] { ("records", 'r'), ("documents", 'd'), ("wearables", 'w'), ("manage", 'm') })
            flags.ShouldContain($"id=\"scope-{flag}\">{(expected.Contains(letter) ? "yes" : "no")}<", Case.Sensitive, flag);
    }

    // The same check as the API matrix's: each read left exactly one entry with its outcome, in order.
    private async Task ShouldHaveAuditedAsync(string callerId, string patientId, (string Action, int Outcome)[] expected)
    {
        var admin = await _world.AdminAsync();
        var trail = CareWorld.Results(await (await admin.Client.GetAsync($"/api/v1/audit?patient_id={patientId}&actor_id={callerId}&page_size=100"))
                .ShouldBe(HttpStatusCode.OK))
            .Select(e => (Action: e!["action"]!.GetValue<string>(), Outcome: e["outcome"]!.GetValue<int>()))
            .Where(e => e.Action is "patient.read" or "document.read" or "patient.access")
            .Reverse().ToList();
        trail.ShouldBe(expected);
    }
}

// Staff of a care test with a console session: accounts given a role by an admin, linked to a hospital as the API links them.
public static class ConsoleCare
{
    // role: doctor (a directory entry at the hospital, linked to the account), hospital_admin (one of its administrators), admin.
    public static async Task<(ConsoleUser Console, string UserId, string? DoctorId)> StaffAsync(CareWorld world, string role, string hospital)
    {
        var app = world.App;
        if (role == "admin")
        {
            var session = await app.AdminAsync();
            return (await new ConsoleUser(app, app.Client(), session.Email, session.Password).SignInAsync(), session.UserId, null);
        }
        var s = await app.Client().RegisterAsync();
        var admin = await world.AdminAsync();
        await (await admin.Client.PatchJson($"/api/v1/admin/users/{s.UserId}", new { roles = new[] { role } })).ShouldBe(HttpStatusCode.OK);
        string? doctorId = null;
        if (role == "doctor")
        {
            var account = new CareUser(app.Client(), s.UserId, s.Email, s.Access);
            doctorId = await world.LinkDoctorAsync(hospital, account, new { name = "Dr. " + Guid.NewGuid().ToString("N")[..6], specialization = "Cardiology", experience = 9 });
        }
        else (await admin.Client.PostJson($"/api/v1/hospitals/{hospital}/staff", new { user_id = s.UserId })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return (await new ConsoleUser(app, app.Client(), s.Email, s.Password).SignInAsync(), s.UserId, doctorId);
    }

    // Patients and customers get no console session at all, whatever their password.
    public static async Task ShouldBeKeptOutAsync(AfyaFactory app, string email)
    {
        var outsider = new ConsoleUser(app, app.Client(), email, "correct-horse-1");
        await outsider.GetPageAsync("/admin/signin");
        var refused = await outsider.PostFormAsync("/admin/signin", new() { ["email"] = email, ["password"] = "correct-horse-1" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Invalid email or password.");
        (await outsider.Http.GetAsync("/admin/care")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
