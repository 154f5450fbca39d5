using System.Net;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Wearables;

// Who reads a patient's wearables: the patient, assigned doctors, holders of a live consent with the wearables scope
// (every read audited); a revoked consent, another scope or a stranger gets 404, as if the patient did not exist.
public abstract class WearablesAccessTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : WearablesAccessTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : WearablesAccessTests(apps.Postgres);

    private readonly WearablesWorld _world = new(app);

    private static readonly string[] Reads = ["/api/v1/wearables/summary?period=week", "/api/v1/wearables/metrics/recent?limit=10", "/api/v1/wearables/metrics/series?metric=heart_rate"];

    private static async Task ShouldReadAsync(CareUser user, string patientId, bool allowed)
    {
        foreach (var read in Reads)
        {
            var response = await user.Client.GetAsync($"{read}&patient_id={patientId}");
            if (allowed) await response.ShouldBe(HttpStatusCode.OK);
            else await response.ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        }
    }

    [Fact]
    public async Task Patient_assigned_doctor_and_wearables_consent_read_while_revoked_other_scope_and_strangers_get_404()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        (await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(66, _world.Now.AddMinutes(-10))))["accepted"]!.GetValue<int>().ShouldBe(1);
        var (assigned, _, _) = await _world.DoctorAsync(patient, patientId);
        var (consented, consentedId, _) = await _world.DoctorAsync();
        var (recordsOnly, recordsOnlyId, _) = await _world.DoctorAsync();
        var (stranger, _, _) = await _world.DoctorAsync();
        var otherPatient = (await _world.PatientAsync()).User;
        var expires = WearablesWorld.At(_world.Now.AddDays(30));
        var consent = await CareWorld.ConsentAsync(patient, new { doctor_id = consentedId, scope = "wearables", purpose = "remote monitoring", expires_at = expires });
        await CareWorld.ConsentAsync(patient, new { doctor_id = recordsOnlyId, scope = "records", purpose = "second opinion", expires_at = expires });

        await ShouldReadAsync(patient, patientId, allowed: true);
        (await (await patient.Client.GetAsync("/api/v1/wearables/summary")).ShouldBe(HttpStatusCode.OK))["patient_id"]!.GetValue<string>().ShouldBe(patientId);
        await ShouldReadAsync(assigned, patientId, allowed: true);
        await ShouldReadAsync(consented, patientId, allowed: true);
        await ShouldReadAsync(recordsOnly, patientId, allowed: false);
        await ShouldReadAsync(stranger, patientId, allowed: false);
        await ShouldReadAsync(otherPatient, patientId, allowed: false);

        await (await patient.Client.PostAsync($"/api/v1/consents/{consent}/revoke", null)).ShouldBe(HttpStatusCode.OK);
        await ShouldReadAsync(consented, patientId, allowed: false);

        // Each read is in the patient's audit trail, refusals included.
        var audit = CareWorld.Results(await (await patient.Client.GetAsync($"/api/v1/audit?patient_id={patientId}&action=wearables.summary&page_size=100")).ShouldBe(HttpStatusCode.OK));
        audit.Count(e => e!["actor_id"]!.GetValue<string>() == assigned.UserId && e["outcome"]!.GetValue<int>() == 200).ShouldBe(1);
        audit.Count(e => e!["actor_id"]!.GetValue<string>() == consented.UserId && e["outcome"]!.GetValue<int>() == 404).ShouldBe(1);
        audit.Count(e => e!["actor_id"]!.GetValue<string>() == stranger.UserId && e["outcome"]!.GetValue<int>() == 404).ShouldBe(1);
    }
}
