using System.Net;
using Afya.Tests.Modules.Care;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirObservationTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirObservationTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirObservationTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    [Fact]
    public async Task Readings_are_vital_signs_observations_that_validate_and_read_back_by_id()
    {
        var (patient, patientId, _, _) = await _world.PatientWithVitalsAsync();
        var bundle = await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}");
        FhirValidation.ShouldBeValid(bundle);
        bundle["total"]!.GetValue<int>().ShouldBe(5);
        var observations = FhirWorld.Entries(bundle);
        observations.Count.ShouldBe(5);
        foreach (var o in observations)
        {
            FhirValidation.ShouldBeValid(o!, "http://hl7.org/fhir/StructureDefinition/vitalsigns");
            var read = await FhirWorld.Fhir(patient.Client, $"/fhir/Observation/{o["id"]!.GetValue<string>()}");
            read.ToJsonString().ShouldBe(o.ToJsonString());
        }
        var bp = observations.Single(o => o["code"]!["coding"]![0]!["code"]!.GetValue<string>() == "85354-9");
        FhirValidation.ShouldBeValid(bp, "http://hl7.org/fhir/StructureDefinition/bp");
        bp["component"]!.AsArray().Select(c => (c!["code"]!["coding"]![0]!["code"]!.GetValue<string>(), c["valueQuantity"]!["value"]!.GetValue<decimal>()))
            .ShouldBe([("8480-6", 105m), ("8462-4", 70m)]);
        var spo2 = observations.Single(o => o["code"]!["coding"]![0]!["code"]!.GetValue<string>() == "2708-6");
        spo2["code"]!["coding"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()).ShouldBe(["2708-6", "59408-5"]);
        FhirValidation.ShouldBeValid(spo2, "http://hl7.org/fhir/StructureDefinition/oxygensat");
        var temp = observations.Single(o => o["code"]!["coding"]![0]!["code"]!.GetValue<string>() == "8310-5");
        (temp["valueQuantity"]!["code"]!.GetValue<string>(), temp["valueQuantity"]!["system"]!.GetValue<string>()).ShouldBe(("Cel", "http://unitsofmeasure.org"));
    }

    [Fact]
    public async Task Search_narrows_by_code_category_date_and_id_and_includes_the_patient()
    {
        var (patient, patientId, _, at) = await _world.PatientWithVitalsAsync();
        await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(70, at.AddMinutes(-60)), WearablesWorld.Hr(71, at.AddMinutes(5)),
            new { metric = "steps", value = 1200.0, unit = "count", measured_at = WearablesWorld.At(at) });
        async Task<int> Count(string query) => (await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}&{query}"))["total"]!.GetValue<int>();

        (await Count("code=8867-4")).ShouldBe(3);
        (await Count("code=http://loinc.org|8867-4,http://loinc.org|8310-5")).ShouldBe(4);
        (await Count("code=http://snomed.info/sct|364075005")).ShouldBe(0);
        (await Count("category=vital-signs")).ShouldBe(7);
        (await Count("category=activity")).ShouldBe(1);
        (await Count($"code=8867-4&date=ge{WearablesWorld.At(at)}")).ShouldBe(2);
        (await Count($"code=8867-4&date=lt{WearablesWorld.At(at)}")).ShouldBe(1);
        (await Count($"code=8867-4&date=gt{WearablesWorld.At(at)}&date=le{WearablesWorld.At(at.AddMinutes(5))}")).ShouldBe(1);
        (await Count($"date={at:yyyy-MM-dd}&code=85354-9")).ShouldBe(1);

        var subject = await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?subject=Patient/{patientId}&code=8867-4&_sort=date&_include=Observation:patient");
        FhirWorld.Entries(subject).Select(o => o["valueQuantity"]!["value"]!.GetValue<decimal>()).ShouldBe([70m, 125m, 71m]);
        FhirWorld.Entries(subject, "include").Single()["id"]!.GetValue<string>().ShouldBe(patientId);
        FhirValidation.ShouldBeValid(subject);

        var one = FhirWorld.Entries(subject)[1]["id"]!.GetValue<string>();
        FhirWorld.Entries(await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}&_id={one}")).Single()["id"]!.GetValue<string>().ShouldBe(one);
        var count = await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?_summary=count");
        count["total"]!.GetValue<int>().ShouldBe(8);
        count["entry"].ShouldBeNull();
    }

    [Fact]
    public async Task Paging_reaches_the_end_and_back_and_stays_exact_while_readings_arrive()
    {
        var (patient, patientId, _) = await _world.Wearables.PatientAsync();
        var start = _world.Wearables.Now.AddHours(-3);
        // 12 heart rates a minute apart, and at one minute three metrics at the same instant (a group that must not split).
        var readings = Enumerable.Range(0, 12).Select(i => WearablesWorld.Hr(60 + i, start.AddMinutes(i))).ToList<object>();
        readings.Add(new { metric = "spo2", value = 97.0, unit = "%", measured_at = WearablesWorld.At(start.AddMinutes(6)) });
        readings.Add(new { metric = "respiratory_rate", value = 14.0, unit = "/min", measured_at = WearablesWorld.At(start.AddMinutes(6)) });
        await WearablesWorld.SyncAsync(patient.Client, readings.ToArray());

        var first = await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}&_count=4");
        first["total"]!.GetValue<int>().ShouldBe(14);
        FhirWorld.Link(first, "previous").ShouldBeNull();
        // A newer reading and an older one arrive between pages: the links carry (time, metric), not offsets.
        await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(90, start.AddMinutes(30)), WearablesWorld.Hr(50, start.AddMinutes(-30)));
        var (rest, pages) = await FhirWorld.AllPages(patient.Client, FhirWorld.Link(first, "next")!);
        var seen = FhirWorld.Entries(first).Concat(rest).Select(o => o["id"]!.GetValue<string>()).ToList();
        seen.Count.ShouldBe(15);
        seen.Distinct().Count().ShouldBe(15);
        pages.ShouldBeGreaterThanOrEqualTo(3);
        var times = FhirWorld.Entries(first).Concat(rest).Select(o => DateTime.Parse(o["effectiveDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList());

        var second = await FhirWorld.Fhir(patient.Client, FhirWorld.Link(first, "next")!);
        var back = await FhirWorld.Fhir(patient.Client, FhirWorld.Link(second, "previous")!);
        FhirWorld.Entries(back).Select(o => o["id"]!.GetValue<string>()).ShouldBe(FhirWorld.Entries(first).Select(o => o["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Owner_assigned_and_consented_doctors_read_while_strangers_and_revoked_consents_get_nothing_and_all_is_audited()
    {
        var (patient, patientId, _, _) = await _world.PatientWithVitalsAsync();
        var id = FhirWorld.Entries(await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}"))[0]["id"]!.GetValue<string>();
        var (assigned, _, _) = await _world.Wearables.DoctorAsync(patient, patientId);
        var (consented, consentedId, _) = await _world.Wearables.DoctorAsync();
        var (revoked, revokedId, _) = await _world.Wearables.DoctorAsync();
        var (stranger, _, _) = await _world.Wearables.DoctorAsync();
        var expires = WearablesWorld.At(_world.Wearables.Now.AddDays(30));
        await CareWorld.ConsentAsync(patient, new { doctor_id = consentedId, scope = "wearables", purpose = "monitoring", expires_at = expires });
        var consent = await CareWorld.ConsentAsync(patient, new { doctor_id = revokedId, scope = "wearables", purpose = "monitoring", expires_at = expires });
        await (await patient.Client.PostAsync($"/api/v1/consents/{consent}/revoke", null)).ShouldBe(HttpStatusCode.OK);

        foreach (var reader in new[] { patient, assigned, consented })
        {
            await FhirWorld.Fhir(reader.Client, $"/fhir/Observation/{id}");
            (await FhirWorld.Fhir(reader.Client, $"/fhir/Observation?patient={patientId}"))["total"]!.GetValue<int>().ShouldBe(5);
        }
        foreach (var outsider in new[] { revoked, stranger })
        {
            var outcome = await FhirWorld.Fhir(outsider.Client, $"/fhir/Observation/{id}", HttpStatusCode.NotFound);
            outcome["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("not-found");
            (await FhirWorld.Fhir(outsider.Client, $"/fhir/Observation?patient={patientId}"))["total"]!.GetValue<int>().ShouldBe(0);
        }

        var audit = CareWorld.Results(await (await patient.Client.GetAsync($"/api/v1/audit?patient_id={patientId}&page_size=100")).ShouldBe(HttpStatusCode.OK));
        int Entries(CareUser who, string action, int outcome) =>
            audit.Count(e => e!["actor_id"]!.GetValue<string>() == who.UserId && e["action"]!.GetValue<string>() == action && e["outcome"]!.GetValue<int>() == outcome);
        Entries(consented, "fhir.observation.read", 200).ShouldBe(1);
        Entries(consented, "fhir.observation.search", 200).ShouldBe(1);
        Entries(stranger, "fhir.observation.read", 404).ShouldBe(1);
        Entries(revoked, "fhir.observation.search", 200).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_search_values_are_operation_outcomes_with_400()
    {
        var (patient, patientId, _) = await _world.Wearables.PatientAsync();
        await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}&_count=abc", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}&date=yesterday", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}&_page=forged", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(patient.Client, $"/fhir/Observation?patient={patientId}&_sort=value", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(patient.Client, "/fhir/Observation/not-an-id", HttpStatusCode.NotFound);
        await FhirWorld.Fhir(patient.Client, "/fhir/Medication/1", HttpStatusCode.NotFound);
        (await patient.Client.PostRaw("/fhir/Observation", "{\"resourceType\":\"Observation\",\"status\":12}", "application/fhir+json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await patient.Client.PostRaw("/fhir", "{not json", "application/fhir+json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
