using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Care;

// Every access to a record, consent or assignment leaves exactly its entry, refusals included.
public abstract class AuditTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : AuditTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : AuditTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Each_access_leaves_exactly_its_entry_and_the_patient_sees_who_touched_the_record()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var (doctor, doctorId) = await _world.DoctorAsync();
        var stranger = await _world.UserAsync();

        await (await doctor.Client.GetAsync($"/api/v1/patients/{patientId}")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.Client.PatchJson($"/api/v1/patients/{patientId}", new { notes = "x" })).ShouldBe(HttpStatusCode.NotFound);
        var consentId = await CareWorld.ConsentAsync(patient, new { doctor_id = doctorId, scope = "records", purpose = "Checkup", expires_at = Now.AddDays(1) });
        await (await doctor.Client.GetAsync($"/api/v1/patients/{patientId}/")).ShouldBe(HttpStatusCode.OK);
        var mapping = (await (await patient.Client.PostJson("/api/v1/mappings", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await patient.Client.PostJson("/api/v1/mappings", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Conflict);
        await (await patient.Client.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).ShouldBe(HttpStatusCode.OK);
        (await patient.Client.DeleteAsync($"/api/v1/mappings/{mapping}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await doctor.Client.GetAsync($"/api/patients/{patientId}/")).ShouldBe(HttpStatusCode.NotFound);

        var trail = CareWorld.Results(await (await patient.Client.GetAsync("/api/v1/audit?page_size=100")).ShouldBe(HttpStatusCode.OK))
            .Select(e => (Actor: e!["actor_id"]!.GetValue<string>(), Role: e["actor_role"]!.GetValue<string>(), Action: e["action"]!.GetValue<string>(),
                Outcome: e["outcome"]!.GetValue<int>(), Patient: e["patient_id"]!.GetValue<string>()))
            .Reverse().ToList();
        trail.ShouldBe([
            (patient.UserId, "patient", "patient.register", 201, patientId),
            (doctor.UserId, "doctor", "patient.read", 404, patientId),
            (stranger.UserId, "customer", "patient.update", 404, patientId),
            (patient.UserId, "patient", "consent.grant", 201, patientId),
            (doctor.UserId, "doctor", "patient.read", 200, patientId),
            (patient.UserId, "patient", "mapping.create", 201, patientId),
            (patient.UserId, "patient", "mapping.create", 409, patientId),
            (patient.UserId, "patient", "consent.revoke", 200, patientId),
            (patient.UserId, "patient", "mapping.delete", 204, patientId),
            (doctor.UserId, "doctor", "patient.read", 404, patientId),
        ]);

        // Someone else's trail is not the caller's to read; admins filter all of it.
        CareWorld.Results(await (await stranger.Client.GetAsync($"/api/v1/audit?patient_id={patientId}")).ShouldBe(HttpStatusCode.OK)).Count.ShouldBe(0);
        var admin = await _world.AdminAsync();
        var reads = CareWorld.Results(await (await admin.Client.GetAsync($"/api/v1/audit?patient_id={patientId}&action=patient.read&actor_id={doctor.UserId}")).ShouldBe(HttpStatusCode.OK));
        reads.Select(e => e!["outcome"]!.GetValue<int>()).ShouldBe([404, 200, 404]);
        reads[0]!["client_address"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_trail_cannot_be_changed_or_deleted_through_the_API()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var admin = await _world.AdminAsync();
        var entry = CareWorld.Results(await (await patient.Client.GetAsync("/api/v1/audit")).ShouldBe(HttpStatusCode.OK))[0]!["id"]!.GetValue<long>();
        foreach (var client in new[] { patient.Client, admin.Client })
        {
            (await client.DeleteAsync($"/api/v1/audit/{entry}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.DeleteAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
            (await client.PutJson($"/api/v1/audit/{entry}", new { outcome = 200 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }
}
