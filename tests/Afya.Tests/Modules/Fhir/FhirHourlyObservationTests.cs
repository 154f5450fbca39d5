using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirHourlyObservationTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirHourlyObservationTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirHourlyObservationTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    private static string Id(JsonNode n) => n["id"]!.GetValue<string>();

    private static string Code(JsonNode n) => n["code"]!["coding"]![0]!["code"]!.GetValue<string>();

    // Two heart rates and a blood pressure in one hour two hours back, one heart rate the hour after.
    private async Task<(DateTime Hour, int Readings)> VitalsAsync(HttpClient client)
    {
        var now = _world.Wearables.Now;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-2);
        await WearablesWorld.SyncAsync(client, WearablesWorld.Hr(60, hour.AddMinutes(10)), WearablesWorld.Hr(80, hour.AddMinutes(20)),
            new { metric = "blood_pressure", systolic = 120.0, diastolic = 80.0, unit = "mmHg", measured_at = WearablesWorld.At(hour.AddMinutes(15)) },
            WearablesWorld.Hr(70, hour.AddMinutes(65)));
        return (hour, 4);
    }

    [Fact]
    public async Task Hourly_aggregates_are_vital_signs_observations_apart_from_raw_readings_and_found_by_each_parameter()
    {
        var (patient, patientId, _) = await _world.Wearables.PatientAsync();
        var (hour, readings) = await VitalsAsync(patient.Client);
        var c = patient.Client;
        var url = $"/fhir/Observation?patient={patientId}&category=hourly";

        var all = await FhirWorld.Fhir(c, url);
        FhirValidation.ShouldBeValid(all);
        var hours = FhirWorld.Entries(all);
        hours.Select(Code).ShouldBe(["8867-4", "85354-9", "8867-4"]);
        hours.ShouldAllBe(h => Id(h).StartsWith("hour-", StringComparison.Ordinal));
        foreach (var h in hours)
        {
            FhirValidation.ShouldBeValid(h, "http://hl7.org/fhir/StructureDefinition/vitalsigns");
            h["category"]!.AsArray().Select(x => x!["coding"]![0]!["code"]!.GetValue<string>()).ShouldBe(["vital-signs", "hourly"]);
            h["method"]!["coding"]![0]!["code"]!.GetValue<string>().ShouldBe("hourly-mean");
            h["status"]!.GetValue<string>().ShouldBe("final");
            (await FhirWorld.Fhir(c, $"/fhir/Observation/{Id(h)}")).ToJsonString().ShouldBe(h.ToJsonString());
            FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/Observation?patient={patientId}&_id={Id(h)}")).Single().ToJsonString().ShouldBe(h.ToJsonString());
        }
        var heart = hours[2];
        FhirValidation.ShouldBeValid(heart, "http://hl7.org/fhir/StructureDefinition/heartrate");
        heart["valueQuantity"]!["value"]!.GetValue<decimal>().ShouldBe(70m);
        heart["effectivePeriod"]!["start"]!.GetValue<string>().ShouldStartWith(hour.ToString("yyyy-MM-dd'T'HH:00:00", System.Globalization.CultureInfo.InvariantCulture));
        heart["method"]!["text"]!.GetValue<string>().ShouldStartWith("Mean of 2 readings");
        var bp = hours[1];
        FhirValidation.ShouldBeValid(bp, "http://hl7.org/fhir/StructureDefinition/bp");
        bp["component"]!.AsArray().Select(x => x!["valueQuantity"]!["value"]!.GetValue<decimal>()).ShouldBe([120m, 80m]);

        // Raw readings stay as they were: no hours among them.
        var raw = FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/Observation?patient={patientId}"));
        raw.Count.ShouldBe(readings);
        raw.ShouldAllBe(r => !Id(r).StartsWith("hour-", StringComparison.Ordinal));

        async Task<List<string>> Ids(string query) => FhirWorld.Entries(await FhirWorld.Fhir(c, $"{url}&{query}")).Select(Id).ToList();
        (await Ids("code=8867-4")).ShouldBe([Id(hours[0]), Id(hours[2])]);
        FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/Observation?subject=Patient/{patientId}&category=urn:afya:observation-kind%7Chourly,vital-signs&code=http://loinc.org%7C85354-9"))
            .Select(Id).ShouldBe([Id(bp)]);
        (await Ids("category=activity")).ShouldBeEmpty();
        (await Ids($"date=ge{WearablesWorld.At(hour.AddHours(1))}")).ShouldBe([Id(hours[0])]);
        (await Ids($"date=lt{WearablesWorld.At(hour.AddHours(1))}")).ShouldBe([Id(bp), Id(heart)]);
        (await Ids($"date={WearablesWorld.At(hour.AddMinutes(30))}")).ShouldBe([Id(bp), Id(heart)]);
        (await Ids("_sort=date")).ShouldBe([Id(heart), Id(bp), Id(hours[0])]);
        (await FhirWorld.Total(c, $"{url}&_summary=count")).ShouldBe(3);

        var first = await FhirWorld.Fhir(c, $"{url}&_count=1");
        var (rest, pages) = await FhirWorld.AllPages(c, FhirWorld.Link(first, "next")!);
        FhirWorld.Entries(first).Concat(rest).Select(Id).ShouldBe(hours.Select(Id));
        pages.ShouldBe(2);
        var second = await FhirWorld.Fhir(c, FhirWorld.Link(first, "next")!);
        FhirWorld.Entries(await FhirWorld.Fhir(c, FhirWorld.Link(second, "previous")!)).Select(Id).ShouldBe([Id(hours[0])]);
        var included = await FhirWorld.Fhir(c, $"{url}&_include=Observation:patient");
        FhirWorld.Entries(included, "include").Select(Id).ShouldBe([patientId]);
        await FhirWorld.Fhir(c, "/fhir/Observation/hour-forged", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Owner_assigned_and_consented_doctors_read_hours_while_strangers_and_revoked_consents_get_404_and_all_is_audited()
    {
        var w = await _world.CircleAsync("wearables");
        await VitalsAsync(w.Patient.Client);
        var id = Id(FhirWorld.Entries(await FhirWorld.Fhir(w.Patient.Client, "/fhir/Observation?category=hourly&code=85354-9")).Single());
        foreach (var reader in new[] { w.Patient, w.Assigned, w.Consented })
        {
            await FhirWorld.Fhir(reader.Client, $"/fhir/Observation/{id}");
            (await FhirWorld.Total(reader.Client, $"/fhir/Observation?patient={w.PatientId}&category=hourly")).ShouldBe(3);
        }
        foreach (var outsider in new[] { w.Revoked, w.Stranger })
        {
            (await FhirWorld.Fhir(outsider.Client, $"/fhir/Observation/{id}", HttpStatusCode.NotFound))["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("not-found");
            (await FhirWorld.Total(outsider.Client, $"/fhir/Observation?patient={w.PatientId}&category=hourly")).ShouldBe(0);
        }

        var audit = await FhirWorld.AuditAsync(w.Patient, w.PatientId);
        audit(w.Consented, "fhir.observation.read", 200).ShouldBe(1);
        audit(w.Assigned, "fhir.observation.search", 200).ShouldBe(1);
        audit(w.Revoked, "fhir.observation.read", 404).ShouldBe(1);
        audit(w.Stranger, "fhir.observation.read", 404).ShouldBe(1);
    }
}
