using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace Afya.Api.Modules.Fhir;

// Firely's System.Text.Json converters: the one way resources go out and come in.
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Options);

    // A body that is not a FHIR resource of the expected kind is an OperationOutcome 400, never an exception.
    public static async Task<(Resource? Resource, FhirResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var resource = await JsonSerializer.DeserializeAsync<Resource>(request.Body, Options, ct);
            return resource is null ? (null, FhirResult.Outcome(400, OperationOutcome.IssueType.Invalid, "The body is empty.")) : (resource, null);
        }
        catch (DeserializationFailedException e)
        {
            return (null, FhirResult.Outcome(400, OperationOutcome.IssueType.Structure, "The body is not a valid FHIR R4 resource: " + First(e.Message)));
        }
        catch (JsonException e)
        {
            return (null, FhirResult.Outcome(400, OperationOutcome.IssueType.Structure, "The body is not JSON: " + First(e.Message)));
        }
    }

    private static string First(string message) => message.Length > 300 ? message[..300] : message;
}

// A resource as the answer, in application/fhir+json (or application/json when _format or Accept asks for it).
public sealed class FhirResult(int status, Resource resource) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public Resource Resource => resource;

    public static FhirResult Ok(Resource resource) => new(StatusCodes.Status200OK, resource);

    public static FhirResult Outcome(int status, OperationOutcome.IssueType type, string diagnostics) => new(status, new OperationOutcome
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = diagnostics }],
    });

    // Strangers and missing records get the same answer: no hint that a record exists.
    public static FhirResult NotFound(string type, string id) =>
        Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known.");

    public static FhirResult Invalid(string diagnostics) => Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, diagnostics);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        http.Response.StatusCode = status;
        var format = http.Request.Query["_format"].ToString();
        var plain = format is "json" or "application/json" || (format.Length == 0 && !Accepts(http, MediaTypeOrJson.Fhir) && Accepts(http, MediaTypeOrJson.Json));
        http.Response.ContentType = (plain ? "application/json" : FhirJson.MediaType) + "; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, resource, FhirJson.Options, http.RequestAborted);
    }

    private enum MediaTypeOrJson { Fhir, Json }

    private static bool Accepts(HttpContext http, MediaTypeOrJson kind) =>
        http.Request.Headers.Accept.ToString().Contains(kind == MediaTypeOrJson.Fhir ? "fhir+json" : "application/json", StringComparison.OrdinalIgnoreCase);
}
