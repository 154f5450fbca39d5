using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirFlagTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirFlagTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirFlagTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    private static string Id(JsonNode n) => n["id"]!.GetValue<string>();

    private static object Glucose(double value, DateTime at) => new { metric = "glucose", value, unit = "mmol/L", measured_at = WearablesWorld.At(at) };

    [Fact]
    public async Task Alerts_are_valid_flags_active_until_acknowledged_and_found_by_each_parameter()
    {
        var (patient, patientId, _) = await _world.Wearables.PatientAsync();
        var (doctor, _, _) = await _world.Wearables.DoctorAsync(patient, patientId);
        var now = _world.Wearables.Now;
        var start = now.AddSeconds(-1);
        await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(135, now.AddMinutes(-10)));
        await WearablesWorld.SyncAsync(patient.Client, Glucose(2.6, now.AddMinutes(-9)));
        var between = _world.Wearables.Now;
        await WearablesWorld.SyncAsync(patient.Client, Glucose(25, now.AddMinutes(-8)));
        var c = patient.Client;

        var all = await FhirWorld.Fhir(c, $"/fhir/Flag?patient={patientId}");
        FhirValidation.ShouldBeValid(all);
        var flags = FhirWorld.Entries(all);
        flags.Select(f => f["code"]!["coding"]![0]!["code"]!.GetValue<string>()).ShouldBe(["glucose_high", "glucose_low", "news2_urgent"]);
        var (high, low, news2) = (Id(flags[0]), Id(flags[1]), Id(flags[2]));
        await (await doctor.Client.PostJson($"/api/v1/wearables/alerts/{news2}/acknowledge", new { note = "Resting now." })).ShouldBe(HttpStatusCode.OK);
        var acknowledged = await FhirWorld.Fhir(c, $"/fhir/Flag/{news2}");
        acknowledged["status"]!.GetValue<string>().ShouldBe("inactive");
        acknowledged["period"]!["end"].ShouldNotBeNull();
        foreach (var id in new[] { high, low, news2 })
        {
            var flag = await FhirWorld.Fhir(c, $"/fhir/Flag/{id}");
            FhirValidation.ShouldBeValid(flag);
            FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/Flag?_id={id}")).Single().ToJsonString().ShouldBe(flag.ToJsonString());
        }

        async Task<List<string>> Ids(string query) => FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/Flag?{query}")).Select(Id).ToList();
        (await Ids("status=active")).ShouldBe([high, low]);
        (await Ids($"subject=Patient/{patientId}&status=inactive")).ShouldBe([news2]);
        (await Ids($"patient={patientId}&_sort=date")).ShouldBe([news2, low, high]);
        (await Ids($"patient={patientId}&date=ge{WearablesWorld.At(between)}")).ShouldBe([high]);
        (await Ids($"patient={patientId}&date=lt{WearablesWorld.At(between)}")).ShouldBe([low, news2]);
        (await Ids($"patient={patientId}&_lastUpdated=gt{WearablesWorld.At(between)}")).ShouldBe([high, news2]);
        (await Ids($"patient={patientId}&_lastUpdated=lt{WearablesWorld.At(start)}")).ShouldBeEmpty();
        (await FhirWorld.Total(c, "/fhir/Flag?_summary=count")).ShouldBe(3);
        var (pages, n) = await FhirWorld.AllPages(c, $"/fhir/Flag?patient={patientId}&_count=1");
        pages.Select(Id).ShouldBe([high, low, news2]);
        n.ShouldBe(3);
        var included = await FhirWorld.Fhir(c, $"/fhir/Flag?patient={patientId}&_include=Flag:patient");
        FhirValidation.ShouldBeValid(included);
        FhirWorld.Entries(included, "include").Select(Id).ShouldBe([patientId]);
        await FhirWorld.Fhir(c, $"/fhir/Flag?patient={patientId}&_count=-1", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(doctor.Client, "/fhir/Flag", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(c, $"/fhir/Flag/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Owner_assigned_and_consented_doctors_read_flags_while_strangers_and_revoked_consents_get_404_and_all_is_audited()
    {
        var w = await _world.CircleAsync("wearables");
        await WearablesWorld.SyncAsync(w.Patient.Client, WearablesWorld.Hr(135, _world.Wearables.Now.AddMinutes(-5)));
        var id = Id(FhirWorld.Entries(await FhirWorld.Fhir(w.Patient.Client, "/fhir/Flag")).Single());
        foreach (var reader in new[] { w.Patient, w.Assigned, w.Consented })
        {
            await FhirWorld.Fhir(reader.Client, $"/fhir/Flag/{id}");
            (await FhirWorld.Total(reader.Client, $"/fhir/Flag?patient={w.PatientId}")).ShouldBe(1);
        }
        foreach (var outsider in new[] { w.Revoked, w.Stranger })
        {
            (await FhirWorld.Fhir(outsider.Client, $"/fhir/Flag/{id}", HttpStatusCode.NotFound))["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("not-found");
            (await FhirWorld.Total(outsider.Client, $"/fhir/Flag?patient={w.PatientId}")).ShouldBe(0);
        }

        var audit = await FhirWorld.AuditAsync(w.Patient, w.PatientId);
        audit(w.Consented, "fhir.flag.read", 200).ShouldBe(1);
        audit(w.Assigned, "fhir.flag.search", 200).ShouldBe(1);
        audit(w.Revoked, "fhir.flag.read", 404).ShouldBe(1);
        audit(w.Stranger, "fhir.flag.read", 404).ShouldBe(1);
        audit(w.Stranger, "fhir.flag.search", 200).ShouldBe(1);
    }
}
