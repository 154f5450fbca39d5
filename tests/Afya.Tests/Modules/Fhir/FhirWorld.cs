using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Care;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

// A patient with readings and the people around them (assigned doctor, consented doctor, stranger), through the API.
public sealed class FhirWorld(AfyaFactory app)
{
    public WearablesWorld Wearables { get; } = new(app);

    public AfyaFactory App => app;

    public static async Task<JsonNode> Fhir(HttpClient client, string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        var response = await client.SendAsync(request);
        var body = await response.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/fhir+json");
        if (status != HttpStatusCode.OK) body["resourceType"]!.GetValue<string>().ShouldBe("OperationOutcome");
        return body;
    }

    public static IReadOnlyList<JsonNode> Entries(JsonNode bundle, string mode = "match") =>
        (bundle["entry"]?.AsArray() ?? []).Where(e => e!["search"]!["mode"]!.GetValue<string>() == mode).Select(e => e!["resource"]!).ToList();

    public static string? Link(JsonNode bundle, string relation) =>
        bundle["link"]!.AsArray().FirstOrDefault(l => l!["relation"]!.GetValue<string>() == relation)?["url"]!.GetValue<string>();

    // Follows next links from the first page to the end, keeping every match.
    public static async Task<(List<JsonNode> Matches, int Pages)> AllPages(HttpClient client, string url)
    {
        var matches = new List<JsonNode>();
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            var bundle = await Fhir(client, next);
            matches.AddRange(Entries(bundle));
            next = Link(bundle, "next");
            pages.ShouldBeLessThan(100);
        }
        return (matches, pages);
    }

    // The access matrix around one patient: an assigned doctor, one holding a live consent of `scope`, one whose consent of
    // that scope was revoked, and a stranger (a doctor with no tie to the patient).
    public async Task<Circle> CircleAsync(string scope)
    {
        var (patient, patientId, _) = await Wearables.PatientAsync();
        var (assigned, assignedId, _) = await Wearables.DoctorAsync(patient, patientId);
        var (consented, consentedId, _) = await Wearables.DoctorAsync();
        var (revoked, revokedId, _) = await Wearables.DoctorAsync();
        var (stranger, _, _) = await Wearables.DoctorAsync();
        var expires = WearablesWorld.At(Wearables.Now.AddDays(30));
        var live = await CareWorld.ConsentAsync(patient, new { doctor_id = consentedId, scope, purpose = "Second opinion", expires_at = expires });
        var gone = await CareWorld.ConsentAsync(patient, new { doctor_id = revokedId, scope, purpose = "Second opinion", expires_at = expires });
        await (await patient.Client.PostAsync($"/api/v1/consents/{gone}/revoke", null)).ShouldBe(HttpStatusCode.OK);
        return new Circle(patient, patientId, assigned, assignedId, consented, consentedId, live, revoked, revokedId, gone, stranger);
    }

    public static async Task<int> Total(HttpClient client, string url) => (await Fhir(client, url))["total"]!.GetValue<int>();

    // The patient's audit trail: how many entries `who` left under `action` with `outcome`.
    public static async Task<Func<CareUser, string, int, int>> AuditAsync(CareUser owner, string patientId)
    {
        var audit = CareWorld.Results(await (await owner.Client.GetAsync($"/api/v1/audit?patient_id={patientId}&page_size=100")).ShouldBe(HttpStatusCode.OK));
        return (who, action, outcome) => audit.Count(e => e!["actor_id"]!.GetValue<string>() == who.UserId
            && e["action"]!.GetValue<string>() == action && e["outcome"]!.GetValue<int>() == outcome);
    }

    public async Task<(CareUser Patient, string PatientId, string Uid, DateTime At)> PatientWithVitalsAsync()
    {
        var (patient, patientId, uid) = await Wearables.PatientAsync();
        var at = Wearables.Now.AddMinutes(-30);
        await (await patient.Client.PostJson("/api/v1/wearables/sync/open-mhealth", PhonePayloads.OpenMHealth(at, Guid.NewGuid().ToString("N"))))
            .ShouldBe(HttpStatusCode.OK);
        return (patient, patientId, uid, at);
    }
}

public sealed record Circle(CareUser Patient, string PatientId, CareUser Assigned, string AssignedId, CareUser Consented, string ConsentedId,
    string ConsentId, CareUser Revoked, string RevokedId, string RevokedConsentId, CareUser Stranger);
