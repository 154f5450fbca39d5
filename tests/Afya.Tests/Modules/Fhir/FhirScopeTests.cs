using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirScopeTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirScopeTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirScopeTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    private async Task<HttpClient> ScopedAsync(HttpClient client, string scope)
    {
        var body = await (await client.PostJson("/api/v1/auth/token/scoped", new { scope })).ShouldBe(HttpStatusCode.OK);
        body["scope"]!.GetValue<string>().ShouldBe(scope);
        return _world.App.Client().WithToken(body["access"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_narrowed_to_observations_reads_observations_only_and_nothing_outside_fhir()
    {
        var (patient, patientId, _, _) = await _world.PatientWithVitalsAsync();
        var observations = await ScopedAsync(patient.Client, "user/Observation.read");

        var bundle = await FhirWorld.Fhir(observations, $"/fhir/Observation?patient={patientId}&_include=Observation:patient");
        bundle["total"]!.GetValue<int>().ShouldBe(5);
        FhirWorld.Entries(bundle, "include").ShouldBeEmpty();
        var id = FhirWorld.Entries(bundle)[0]["id"]!.GetValue<string>();
        await FhirWorld.Fhir(observations, $"/fhir/Observation/{id}");
        (await FhirWorld.Fhir(observations, $"/fhir/Patient/{patientId}", HttpStatusCode.Forbidden))["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("forbidden");
        await FhirWorld.Fhir(observations, $"/fhir/Flag?patient={patientId}", HttpStatusCode.Forbidden);
        (await observations.PostRaw("/fhir/Observation", "{\"resourceType\":\"Observation\"}", "application/fhir+json")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await FhirWorld.Fhir(observations, "/fhir/metadata");
        (await observations.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await observations.PostJson("/api/v1/auth/token/scoped", new { scope = "user/*.*" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await observations.GetAsync($"/api/v1/wearables/metrics/recent?patient_id={patientId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The full token is unchanged.
        await FhirWorld.Fhir(patient.Client, $"/fhir/Patient/{patientId}");
        var audit = await FhirWorld.AuditAsync(patient, patientId);
        audit(patient, "fhir.observation.read", 200).ShouldBe(1);
    }

    [Fact]
    public async Task Patient_wildcard_scopes_read_every_type_under_the_same_access_rules_and_bad_scopes_are_refused()
    {
        var w = await _world.CircleAsync("records");
        var everything = await ScopedAsync(w.Patient.Client, "patient/*.read");
        await FhirWorld.Fhir(everything, $"/fhir/Patient/{w.PatientId}");
        (await FhirWorld.Total(everything, $"/fhir/CareTeam?patient={w.PatientId}")).ShouldBe(1);
        (await FhirWorld.Total(everything, $"/fhir/Observation?patient={w.PatientId}")).ShouldBe(0);
        var stranger = await ScopedAsync(w.Stranger.Client, "patient/*.read user/Observation.read");
        await FhirWorld.Fhir(stranger, $"/fhir/Patient/{w.PatientId}", HttpStatusCode.NotFound);

        foreach (var bad in new[] { "", "system/*.read", "patient/observation.read", "patient/*.delete", "openid" })
            await (await w.Patient.Client.PostJson("/api/v1/auth/token/scoped", new { scope = bad })).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_SCOPE");
        (await _world.App.Client().PostJson("/api/v1/auth/token/scoped", new { scope = "patient/*.read" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
