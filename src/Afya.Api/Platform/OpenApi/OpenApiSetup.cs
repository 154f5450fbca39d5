using System.Text.Json.Nodes;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Surfaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Afya.Api.Platform.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string ProblemSchema = "Problem";
    private const string FailureEnvelopeSchema = "FailureEnvelope";

    public static IServiceCollection AddAfyaOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Afya API",
                    Version = "v1",
                    Description = "Store, clinic, care records and wearables in one service. Errors are RFC 7807 problem details with `code` and `error_id`; " +
                        "each operation lists the codes it can answer with (in the response description and `x-codes`).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The `access` token from login, register, refresh or verify-otp.",
                };
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                document.Components.Schemas[ProblemSchema] = Problem();
                document.Components.Schemas[FailureEnvelopeSchema] = FailureEnvelope();
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer(SchemaTypes.Transform);
            o.AddOperationTransformer((operation, context, _) =>
            {
                Describe(operation, context.Description.ActionDescriptor.EndpointMetadata, operation.RequestBody is not null, context.Document!);
                RequestExamples.Add(operation, context.Description.ActionDescriptor.EndpointMetadata);
                return Task.CompletedTask;
            });
        });

    // Security and problem responses from what the endpoint's metadata says: its group's conventions
    // (authorization, rate limiting), whether it reads a body, and the codes declared with .Problem(...).
    private static void Describe(OpenApiOperation operation, IList<object> metadata, bool hasBody, OpenApiDocument document)
    {
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var limited = metadata.OfType<EnableRateLimitingAttribute>().Any() && !metadata.OfType<DisableRateLimitingAttribute>().Any();
        var enveloped = metadata.OfType<SurfaceMetadata>().LastOrDefault()?.Surface.Enveloped == true;

        // Anonymous operations say so with an empty requirement, rather than by saying nothing.
        operation.Security = [secured
            ? new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }
            : new OpenApiSecurityRequirement()];

        var codes = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, params string[] values)
        {
            if (!codes.TryGetValue(status, out var set)) codes[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.UnionWith(values);
        }
        if (hasBody)
        {
            Add(400, "MALFORMED_JSON", "VALIDATION_FAILED");
            Add(413, "PAYLOAD_TOO_LARGE");
            Add(415, "UNSUPPORTED_MEDIA_TYPE");
        }
        if (secured)
        {
            Add(401, "NOT_AUTHENTICATED", "INVALID_TOKEN", "TOKEN_EXPIRED");
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null)) Add(403, "FORBIDDEN");
        }
        if (limited) Add(429, "RATE_LIMITED");
        foreach (var declared in metadata.OfType<ProblemCodesMetadata>()) Add(declared.Status, [.. declared.Codes]);
        foreach (var status in operation.Responses?.Keys.Select(k => int.TryParse(k, out var s) ? s : 0).Where(s => s >= 400).ToList() ?? [])
            if (!codes.ContainsKey(status)) Add(status, ApiProblem.DefaultCode(status));
        Add(500, "INTERNAL_ERROR");

        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, set) in codes)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var list = string.Join(", ", set);
            var response = operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse concrete ? concrete : new OpenApiResponse();
            response.Description = $"{ReasonPhrases.GetReasonPhrase(status)}. Codes: {list}.";
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                [enveloped ? "application/json" : "application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference(enveloped ? FailureEnvelopeSchema : ProblemSchema, document),
                },
            };
            response.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            response.Extensions["x-codes"] = new JsonNodeExtension(new JsonArray([.. set.Select(c => (JsonNode)JsonValue.Create(c))]));
            operation.Responses[key] = response;
        }
    }

    // RFC 7807 with Afya's members, as ProblemSetup writes them.
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "status", "code", "error_id" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable UPPER_SNAKE code; the operation lists the ones it can return." },
            ["error_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Also written to the log line of this failure." },
            ["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["retry_after"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Seconds to wait (429)." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation messages keyed by snake_case field.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };

    // The Kuwait clinic's failure shape: {"success": false, "error": {"code", "message", "details"}}.
    private static OpenApiSchema FailureEnvelope() => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["success"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
            ["error"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["details"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "error_id, trace_id, errors, retry_after as in the problem shape." },
                },
            },
        },
    };
}
