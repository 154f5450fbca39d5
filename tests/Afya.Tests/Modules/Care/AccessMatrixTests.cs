using System.Net;
using Afya.Api.Modules.Care.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Modules.Care;

// Who reads which scope of a patient's record: role x relation x consent state, each cell its expected answer for the
// record, the list, a document's content and the scope flags (wearables is only a flag here; its data is another module's).
public abstract class AccessMatrixTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : AccessMatrixTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : AccessMatrixTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    // role: who asks; relation: how they stand to the patient; consent: none|active|revoked|expired; scope: what the consent covers.
    // expected: the scopes they may read (r = records, d = documents, w = wearables), "" for none (every read 404).
    public static readonly TheoryData<string, string, string, string, string> Cells = new()
    {
        { "doctor", "none", "none", "", "" },
        { "doctor", "assigned", "none", "", "rw" },
        { "doctor", "assigned", "revoked", "all", "rw" },
        { "doctor", "consented", "active", "records", "r" },
        { "doctor", "consented", "active", "documents", "d" },
        { "doctor", "consented", "active", "wearables", "w" },
        { "doctor", "consented", "active", "all", "rdw" },
        { "doctor", "consented", "revoked", "all", "" },
        { "doctor", "consented", "expired", "all", "" },
        { "doctor", "other-doctor-consented", "active", "all", "" },
        { "doctor", "own-hospital-consented", "active", "all", "" },
        { "hospital_admin", "none", "none", "", "" },
        { "hospital_admin", "own-hospital-consented", "active", "records", "r" },
        { "hospital_admin", "own-hospital-consented", "active", "wearables", "w" },
        { "hospital_admin", "own-hospital-consented", "active", "all", "rdw" },
        { "hospital_admin", "own-hospital-consented", "revoked", "all", "" },
        { "hospital_admin", "own-hospital-consented", "expired", "all", "" },
        { "hospital_admin", "other-hospital-consented", "active", "all", "" },
        { "admin", "none", "none", "", "" },
        { "admin", "own-hospital-consented", "active", "all", "" },
        { "patient", "other-patient", "none", "", "" },
        { "customer", "none", "none", "", "" },
        { "patient", "self", "none", "", "rdwm" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_cell_reads_exactly_its_scopes(string role, string relation, string consent, string scope, string expected)
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var document = (await (await CareWorld.UploadAsync(patient, patientId, CareWorld.Pdf("matrix"))).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var hospital = await _world.HospitalAsync();
        var otherHospital = await _world.HospitalAsync();
        CareUser caller;
        string? doctorId = null;
        switch (role)
        {
            case "doctor":
                (caller, doctorId) = await _world.DoctorAsync(hospital);
                break;
            case "hospital_admin":
                caller = await _world.HospitalAdminAsync(hospital);
                break;
            case "admin":
                caller = await _world.AdminAsync();
                break;
            case "patient" when relation == "self":
                caller = patient;
                break;
            case "patient":
                caller = (await _world.PatientAsync()).User;
                break;
            default:
                caller = await _world.UserAsync();
                break;
        }

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
            if (consent == "revoked")
                (await (await patient.Client.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("revoked");
            if (consent == "expired")
                await app.WithDbAsync(db => db.Set<Consent>().Where(c => c.Id == Guid.Parse(consentId))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, Now.AddSeconds(-1))));
        }

        var record = await caller.Client.GetAsync($"/api/v1/patients/{patientId}");
        record.StatusCode.ShouldBe(expected.Contains('r') ? HttpStatusCode.OK : HttpStatusCode.NotFound, await record.Content.ReadAsStringAsync());
        var listed = CareWorld.Results(await (await caller.Client.GetAsync("/api/v1/patients?page_size=100")).ShouldBe(HttpStatusCode.OK))
            .Any(p => p!["id"]!.GetValue<string>() == patientId);
        listed.ShouldBe(expected.Contains('r'));

        var content = await caller.Client.GetAsync($"/api/v1/documents/{document}/content");
        content.StatusCode.ShouldBe(expected.Contains('d') ? HttpStatusCode.OK : HttpStatusCode.NotFound);

        var access = await caller.Client.GetAsync($"/api/v1/patients/{patientId}/access");
        await ShouldHaveAuditedAsync(caller, patientId, [
            ("patient.read", expected.Contains('r') ? 200 : 404),
            ("document.read", expected.Contains('d') ? 200 : 404),
            ("patient.access", expected.Length == 0 ? 404 : 200),
        ]);
        if (expected.Length == 0)
        {
            await access.ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
            return;
        }
        var flags = await access.ShouldBe(HttpStatusCode.OK);
        flags["records"]!.GetValue<bool>().ShouldBe(expected.Contains('r'));
        flags["documents"]!.GetValue<bool>().ShouldBe(expected.Contains('d'));
        flags["wearables"]!.GetValue<bool>().ShouldBe(expected.Contains('w'));
        flags["manage"]!.GetValue<bool>().ShouldBe(expected.Contains('m'));
    }

    // The cell's reads of this patient, refusals too, each left exactly one entry with its outcome, in order.
    private async Task ShouldHaveAuditedAsync(CareUser caller, string patientId, (string Action, int Outcome)[] expected)
    {
        var admin = await _world.AdminAsync();
        var trail = CareWorld.Results(await (await admin.Client.GetAsync($"/api/v1/audit?patient_id={patientId}&actor_id={caller.UserId}&page_size=100"))
                .ShouldBe(HttpStatusCode.OK))
            .Select(e => (Action: e!["action"]!.GetValue<string>(), Outcome: e["outcome"]!.GetValue<int>()))
            .Where(e => e.Action is "patient.read" or "document.read" or "patient.access")
            .Reverse().ToList();
        trail.ShouldBe(expected);
    }

    [Fact]
    public async Task A_revoked_consent_stops_the_very_next_request()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var (doctor, doctorId) = await _world.DoctorAsync();
        var consentId = await CareWorld.ConsentAsync(patient, new { doctor_id = doctorId, scope = "records", purpose = "Second opinion", expires_at = Now.AddDays(1) });
        await (await doctor.Client.GetAsync($"/api/v1/patients/{patientId}")).ShouldBe(HttpStatusCode.OK);
        var consents = CareWorld.Results(await (await doctor.Client.GetAsync("/api/v1/consents")).ShouldBe(HttpStatusCode.OK));
        consents.Single(c => c!["id"]!.GetValue<string>() == consentId)!["status"]!.GetValue<string>().ShouldBe("active");
        await (await patient.Client.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).ShouldBe(HttpStatusCode.OK);
        await (await doctor.Client.GetAsync($"/api/v1/patients/{patientId}")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        // Only the patient's side revokes.
        await (await doctor.Client.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).ShouldBeProblem(HttpStatusCode.NotFound, "CONSENT_NOT_FOUND");
    }

    [Fact]
    public async Task Consents_are_refused_when_malformed()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var (_, doctorId) = await _world.DoctorAsync();
        var hospital = await _world.HospitalAsync();
        var future = Now.AddDays(1);
        await (await patient.Client.PostJson("/api/v1/consents", new { doctor_id = doctorId, hospital_id = hospital, scope = "all", purpose = "x", expires_at = future })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await patient.Client.PostJson("/api/v1/consents", new { doctor_id = doctorId, scope = "everything", purpose = "x", expires_at = future })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await patient.Client.PostJson("/api/v1/consents", new { doctor_id = doctorId, scope = "all", purpose = "", expires_at = future })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await patient.Client.PostJson("/api/v1/consents", new { doctor_id = doctorId, scope = "all", purpose = "x", expires_at = Now.AddDays(-1) })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await patient.Client.PostJson("/api/v1/consents", new { doctor_id = Guid.NewGuid(), scope = "all", purpose = "x", expires_at = future })).ShouldBeProblem(HttpStatusCode.BadRequest, "DOCTOR_NOT_FOUND");
        var stranger = await _world.UserAsync();
        await (await stranger.Client.PostJson("/api/v1/consents", new { doctor_id = doctorId, scope = "all", purpose = "x", expires_at = future })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
    }
}
