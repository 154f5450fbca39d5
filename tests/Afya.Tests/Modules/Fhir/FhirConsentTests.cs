using System.Net;
using Afya.Tests.Modules.Care;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirConsentTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirConsentTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirConsentTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    [Fact]
    public async Task Consents_are_valid_and_found_by_each_parameter_and_paged_to_the_end()
    {
        var start = _world.Wearables.Now.AddSeconds(-1);
        var w = await _world.CircleAsync("wearables");
        var between = _world.Wearables.Now;
        var hospital = await _world.Wearables.Care.HospitalAsync();
        var toHospital = await CareWorld.ConsentAsync(w.Patient, new
        {
            hospital_id = hospital, scope = "all", purpose = "Treatment", expires_at = WearablesWorld.At(_world.Wearables.Now.AddDays(5)),
        });
        var c = w.Patient.Client;
        static string Id(System.Text.Json.Nodes.JsonNode n) => n["id"]!.GetValue<string>();

        var all = await FhirWorld.Fhir(c, $"/fhir/Consent?patient={w.PatientId}");
        FhirValidation.ShouldBeValid(all);
        FhirWorld.Entries(all).Select(Id).ShouldBe([toHospital, w.RevokedConsentId, w.ConsentId]);
        foreach (var consent in FhirWorld.Entries(all))
        {
            FhirValidation.ShouldBeValid(consent);
            (await FhirWorld.Fhir(c, $"/fhir/Consent/{Id(consent)}")).ToJsonString().ShouldBe(consent.ToJsonString());
        }
        var live = FhirWorld.Entries(all).Single(e => Id(e) == w.ConsentId);
        live["status"]!.GetValue<string>().ShouldBe("active");
        live["provision"]!["actor"]![0]!["reference"]!["reference"]!.GetValue<string>().ShouldBe($"Practitioner/{w.ConsentedId}");
        live["provision"]!["code"]![0]!["coding"]![0]!["code"]!.GetValue<string>().ShouldBe("wearables");
        FhirWorld.Entries(all).Single(e => Id(e) == w.RevokedConsentId)["status"]!.GetValue<string>().ShouldBe("inactive");

        async Task<List<string>> Ids(string query) => FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/Consent?patient={w.PatientId}&{query}")).Select(Id).ToList();
        (await Ids("status=active")).ShouldBe([toHospital, w.ConsentId]);
        (await Ids("status=inactive")).ShouldBe([w.RevokedConsentId]);
        (await Ids("status=draft")).ShouldBeEmpty();
        (await Ids($"actor=Practitioner/{w.ConsentedId}")).ShouldBe([w.ConsentId]);
        (await Ids($"actor=Organization/{hospital}")).ShouldBe([toHospital]);
        (await Ids($"_id={w.ConsentId}")).ShouldBe([w.ConsentId]);
        (await Ids($"date=ge{WearablesWorld.At(between)}")).ShouldBe([toHospital]);
        (await Ids($"date=lt{WearablesWorld.At(between)}&_sort=date")).ShouldBe([w.ConsentId, w.RevokedConsentId]);
        // The revocation updated its consent after the other two were granted.
        (await Ids($"_lastUpdated=ge{WearablesWorld.At(start)}")).Count.ShouldBe(3);
        (await Ids($"_lastUpdated=lt{WearablesWorld.At(start)}")).ShouldBeEmpty();
        (await FhirWorld.Total(c, $"/fhir/Consent?patient={w.PatientId}&_summary=count")).ShouldBe(3);
        (await FhirWorld.Total(c, $"/fhir/Consent?patient=Patient/{w.PatientId}")).ShouldBe(3);

        var (pages, n) = await FhirWorld.AllPages(c, $"/fhir/Consent?patient={w.PatientId}&_count=2");
        pages.Select(Id).ShouldBe([toHospital, w.RevokedConsentId, w.ConsentId]);
        n.ShouldBe(2);

        var withActors = await FhirWorld.Fhir(c, $"/fhir/Consent?patient={w.PatientId}&_include=Consent:actor");
        FhirValidation.ShouldBeValid(withActors);
        FhirWorld.Entries(withActors, "include").Select(Id).ShouldBe([w.ConsentedId, w.RevokedId, hospital], ignoreOrder: true);
        FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/Consent?patient={w.PatientId}&_include=Consent:patient"), "include").Select(Id).ShouldBe([w.PatientId]);
        await FhirWorld.Fhir(c, $"/fhir/Consent?patient={w.PatientId}&_include=Consent:source", HttpStatusCode.BadRequest);
        await FhirWorld.Fhir(c, $"/fhir/Consent?_lastUpdated=someday", HttpStatusCode.BadRequest);
    }

    // As GET /consents: the record's managers see every grant; a grantee sees its own, revoked included (so it sees why access
    // ended); an assigned doctor without a grant and a stranger see none.
    [Fact]
    public async Task The_owner_sees_every_consent_and_a_grantee_its_own_while_others_get_404_and_all_is_audited()
    {
        var w = await _world.CircleAsync("records");
        (await FhirWorld.Total(w.Patient.Client, $"/fhir/Consent?patient={w.PatientId}")).ShouldBe(2);
        await FhirWorld.Fhir(w.Consented.Client, $"/fhir/Consent/{w.ConsentId}");
        (await FhirWorld.Fhir(w.Revoked.Client, $"/fhir/Consent/{w.RevokedConsentId}"))["status"]!.GetValue<string>().ShouldBe("inactive");
        (await FhirWorld.Total(w.Consented.Client, $"/fhir/Consent?patient={w.PatientId}")).ShouldBe(1);
        (await FhirWorld.Total(w.Revoked.Client, $"/fhir/Consent?patient={w.PatientId}&status=active")).ShouldBe(0);
        await FhirWorld.Fhir(w.Revoked.Client, $"/fhir/Consent/{w.ConsentId}", HttpStatusCode.NotFound);
        foreach (var outsider in new[] { w.Assigned, w.Stranger })
        {
            (await FhirWorld.Fhir(outsider.Client, $"/fhir/Consent/{w.ConsentId}", HttpStatusCode.NotFound))["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("not-found");
            (await FhirWorld.Total(outsider.Client, $"/fhir/Consent?patient={w.PatientId}")).ShouldBe(0);
        }
        await FhirWorld.Fhir(w.Stranger.Client, $"/fhir/Consent/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        var audit = await FhirWorld.AuditAsync(w.Patient, w.PatientId);
        audit(w.Consented, "fhir.consent.read", 200).ShouldBe(1);
        audit(w.Consented, "fhir.consent.search", 200).ShouldBe(1);
        audit(w.Revoked, "fhir.consent.read", 404).ShouldBe(1);
        audit(w.Stranger, "fhir.consent.read", 404).ShouldBe(1);
        audit(w.Assigned, "fhir.consent.search", 200).ShouldBe(1);
    }
}
