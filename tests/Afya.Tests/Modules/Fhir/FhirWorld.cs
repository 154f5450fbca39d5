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

    public async Task<(CareUser Patient, string PatientId, string Uid, DateTime At)> PatientWithVitalsAsync()
    {
        var (patient, patientId, uid) = await Wearables.PatientAsync();
        var at = Wearables.Now.AddMinutes(-30);
        await (await patient.Client.PostJson("/api/v1/wearables/sync/open-mhealth", PhonePayloads.OpenMHealth(at, Guid.NewGuid().ToString("N"))))
            .ShouldBe(HttpStatusCode.OK);
        return (patient, patientId, uid, at);
    }
}
