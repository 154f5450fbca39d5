using System.Net;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirCareTeamTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirCareTeamTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirCareTeamTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    [Fact]
    public async Task Assignments_are_valid_care_teams_found_by_each_parameter_and_paged_to_the_end()
    {
        var (patient, patientId, _) = await _world.Wearables.PatientAsync();
        var start = _world.Wearables.Now.AddSeconds(-1);
        var (_, firstId, _) = await _world.Wearables.DoctorAsync(patient, patientId);
        var between = _world.Wearables.Now;
        var (_, secondId, _) = await _world.Wearables.DoctorAsync(patient, patientId);
        var (_, thirdId, _) = await _world.Wearables.DoctorAsync(patient, patientId);
        var c = patient.Client;
        string Member(System.Text.Json.Nodes.JsonNode team) => team["participant"]![0]!["member"]!["reference"]!.GetValue<string>()["Practitioner/".Length..];

        var all = await FhirWorld.Fhir(c, $"/fhir/CareTeam?patient={patientId}");
        FhirValidation.ShouldBeValid(all);
        all["total"]!.GetValue<int>().ShouldBe(3);
        FhirWorld.Entries(all).Select(Member).ShouldBe([thirdId, secondId, firstId]);
        foreach (var team in FhirWorld.Entries(all))
        {
            FhirValidation.ShouldBeValid(team);
            (await FhirWorld.Fhir(c, $"/fhir/CareTeam/{team["id"]!.GetValue<string>()}")).ToJsonString().ShouldBe(team.ToJsonString());
        }
        FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/CareTeam?subject=Patient/{patientId}&_sort=date")).Select(Member).ShouldBe([firstId, secondId, thirdId]);
        (await FhirWorld.Total(c, $"/fhir/CareTeam?patient={patientId}&participant={secondId}")).ShouldBe(1);
        (await FhirWorld.Total(c, $"/fhir/CareTeam?participant=Practitioner/{secondId}")).ShouldBe(1);
        var one = FhirWorld.Entries(all)[1]["id"]!.GetValue<string>();
        FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/CareTeam?_id={one}")).Single()["id"]!.GetValue<string>().ShouldBe(one);
        (await FhirWorld.Total(c, $"/fhir/CareTeam?patient={patientId}&date=ge{WearablesWorld.At(between)}")).ShouldBe(2);
        (await FhirWorld.Total(c, $"/fhir/CareTeam?patient={patientId}&date=lt{WearablesWorld.At(between)}")).ShouldBe(1);
        (await FhirWorld.Total(c, $"/fhir/CareTeam?patient={patientId}&_lastUpdated=gt{WearablesWorld.At(start)}")).ShouldBe(3);
        (await FhirWorld.Total(c, $"/fhir/CareTeam?patient={patientId}&_lastUpdated=lt{WearablesWorld.At(start)}")).ShouldBe(0);
        (await FhirWorld.Total(c, $"/fhir/CareTeam?patient={Guid.NewGuid()}")).ShouldBe(0);
        var count = await FhirWorld.Fhir(c, $"/fhir/CareTeam?patient={patientId}&_summary=count");
        (count["total"]!.GetValue<int>(), count["entry"]).ShouldBe((3, null));

        var (pages, n) = await FhirWorld.AllPages(c, $"/fhir/CareTeam?patient={patientId}&_count=1");
        pages.Select(Member).ShouldBe([thirdId, secondId, firstId]);
        n.ShouldBe(3);

        var withPatient = await FhirWorld.Fhir(c, $"/fhir/CareTeam?patient={patientId}&_include=CareTeam:patient");
        FhirValidation.ShouldBeValid(withPatient);
        FhirWorld.Entries(withPatient, "include").Single()["id"]!.GetValue<string>().ShouldBe(patientId);
        var withDoctors = await FhirWorld.Fhir(c, $"/fhir/CareTeam?patient={patientId}&_include=CareTeam:participant");
        FhirWorld.Entries(withDoctors, "include").Select(p => p["id"]!.GetValue<string>()).ShouldBe([firstId, secondId, thirdId], ignoreOrder: true);

        await FhirWorld.Fhir(c, $"/fhir/CareTeam?patient={patientId}&_sort=name", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(c, $"/fhir/CareTeam?patient={patientId}&_include=CareTeam:encounter", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(c, $"/fhir/CareTeam?patient={patientId}&date=yesterday", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(c, $"/fhir/CareTeam/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Owner_assigned_and_consented_doctors_read_care_teams_while_strangers_and_revoked_consents_get_404_and_all_is_audited()
    {
        var w = await _world.CircleAsync("records");
        var id = FhirWorld.Entries(await FhirWorld.Fhir(w.Patient.Client, $"/fhir/CareTeam?patient={w.PatientId}")).Single()["id"]!.GetValue<string>();
        foreach (var reader in new[] { w.Patient, w.Assigned, w.Consented })
        {
            await FhirWorld.Fhir(reader.Client, $"/fhir/CareTeam/{id}");
            (await FhirWorld.Total(reader.Client, $"/fhir/CareTeam?patient={w.PatientId}")).ShouldBe(1);
        }
        foreach (var outsider in new[] { w.Revoked, w.Stranger })
        {
            (await FhirWorld.Fhir(outsider.Client, $"/fhir/CareTeam/{id}", HttpStatusCode.NotFound))["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("not-found");
            (await FhirWorld.Total(outsider.Client, $"/fhir/CareTeam?patient={w.PatientId}")).ShouldBe(0);
            (await FhirWorld.Total(outsider.Client, $"/fhir/CareTeam?_id={id}")).ShouldBe(0);
        }

        var audit = await FhirWorld.AuditAsync(w.Patient, w.PatientId);
        audit(w.Consented, "fhir.careteam.read", 200).ShouldBe(1);
        audit(w.Assigned, "fhir.careteam.search", 200).ShouldBe(1);
        audit(w.Stranger, "fhir.careteam.read", 404).ShouldBe(1);
        audit(w.Revoked, "fhir.careteam.read", 404).ShouldBe(1);
        audit(w.Revoked, "fhir.careteam.search", 200).ShouldBe(1);
    }
}
