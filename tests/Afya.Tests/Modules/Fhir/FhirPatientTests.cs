using System.Net;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirPatientTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirPatientTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirPatientTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    [Fact]
    public async Task A_patient_reads_their_record_as_a_valid_patient_found_by_id_and_universal_identifier()
    {
        var (patient, patientId, uid) = await _world.Wearables.PatientAsync();
        var read = await FhirWorld.Fhir(patient.Client, $"/fhir/Patient/{patientId}");
        FhirValidation.ShouldBeValid(read);
        read["birthDate"]!.GetValue<string>().ShouldBe("1990-04-12");
        read["gender"]!.GetValue<string>().ShouldBe("female");
        read["identifier"]![0]!["value"]!.GetValue<string>().ShouldBe(uid);

        var byUid = await FhirWorld.Fhir(patient.Client, $"/fhir/Patient?identifier=urn:afya:patient-uid|{uid}");
        FhirValidation.ShouldBeValid(byUid);
        FhirWorld.Entries(byUid).Single()["id"]!.GetValue<string>().ShouldBe(patientId);
        FhirWorld.Entries(await FhirWorld.Fhir(patient.Client, $"/fhir/Patient?identifier={uid}")).Count.ShouldBe(1);
        FhirWorld.Entries(await FhirWorld.Fhir(patient.Client, $"/fhir/Patient?_id={patientId}")).Count.ShouldBe(1);
        FhirWorld.Entries(await FhirWorld.Fhir(patient.Client, $"/fhir/Patient?identifier=urn:other|{uid}")).ShouldBeEmpty();
        var day = _world.Wearables.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await FhirWorld.Fhir(patient.Client, $"/fhir/Patient?_lastUpdated=ge{day}&_summary=count"))["total"]!.GetValue<int>().ShouldBe(1);
        (await FhirWorld.Fhir(patient.Client, $"/fhir/Patient?_lastUpdated=lt{day}"))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_doctor_pages_through_assigned_patients_to_the_end_and_strangers_and_revoked_consents_get_404()
    {
        var (doctor, doctorId, _) = await _world.Wearables.DoctorAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (p, pid, _) = await _world.Wearables.PatientAsync();
            await (await p.Client.PostJson("/api/v1/mappings", new { patient = pid, doctor = doctorId })).ShouldBe(HttpStatusCode.Created);
            ids.Add(pid);
        }
        var (matches, pages) = await FhirWorld.AllPages(doctor.Client, "/fhir/Patient?_count=1");
        matches.Select(m => m["id"]!.GetValue<string>()).ShouldBe(ids, ignoreOrder: true);
        pages.ShouldBe(3);

        var (owner, ownerId, _) = await _world.Wearables.PatientAsync();
        var (consented, consentedId, _) = await _world.Wearables.DoctorAsync();
        var (revoked, revokedId, _) = await _world.Wearables.DoctorAsync();
        var expires = WearablesAt(30);
        await CareWorld.ConsentAsync(owner, new { doctor_id = consentedId, scope = "records", purpose = "second opinion", expires_at = expires });
        var consent = await CareWorld.ConsentAsync(owner, new { doctor_id = revokedId, scope = "records", purpose = "second opinion", expires_at = expires });
        await (await owner.Client.PostAsync($"/api/v1/consents/{consent}/revoke", null)).ShouldBe(HttpStatusCode.OK);
        await FhirWorld.Fhir(consented.Client, $"/fhir/Patient/{ownerId}");
        await FhirWorld.Fhir(revoked.Client, $"/fhir/Patient/{ownerId}", HttpStatusCode.NotFound);
        await FhirWorld.Fhir(doctor.Client, $"/fhir/Patient/{ownerId}", HttpStatusCode.NotFound);
        await FhirWorld.Fhir(doctor.Client, $"/fhir/Patient/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        (await FhirWorld.Fhir(doctor.Client, $"/fhir/Patient?_id={ownerId}"))["total"]!.GetValue<int>().ShouldBe(0);

        var audit = CareWorld.Results(await (await owner.Client.GetAsync($"/api/v1/audit?patient_id={ownerId}&action=fhir.patient.read&page_size=100")).ShouldBe(HttpStatusCode.OK));
        audit.Count(e => e!["actor_id"]!.GetValue<string>() == consented.UserId && e["outcome"]!.GetValue<int>() == 200).ShouldBe(1);
        audit.Count(e => e!["actor_id"]!.GetValue<string>() == revoked.UserId && e["outcome"]!.GetValue<int>() == 404).ShouldBe(1);
        audit.Count(e => e!["actor_id"]!.GetValue<string>() == doctor.UserId && e["outcome"]!.GetValue<int>() == 404).ShouldBe(1);
    }

    private string WearablesAt(int days) => Wearables.WearablesWorld.At(_world.Wearables.Now.AddDays(days));
}
