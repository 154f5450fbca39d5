using Afya.Api.Platform.Auth;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// On the FHIR group, inside the audit filter (so a refusal is audited): a scoped token reaches only the resource types and
// actions its scopes name; anything else is a 403 OperationOutcome. The type is the route's first segment after /fhir.
internal sealed class FhirScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!SmartScopes.IsScoped(http.User) || TypeOf(http) is not { } type) return await next(context);
        var action = HttpMethods.IsGet(http.Request.Method) ? "read" : "write";
        if (SmartScopes.Allows(http.User, type, action)) return await next(context);
        return FhirResult.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
            $"The token's scopes ({http.User.FindFirst(SmartScopes.Claim)?.Value}) do not cover {action} of {type}.");
    }

    // "/fhir/Observation/{id}" -> Observation; a transaction Bundle posts Observations; metadata and unknown types are open.
    private static string? TypeOf(HttpContext http)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2) return HttpMethods.IsPost(http.Request.Method) ? "Observation" : null;
        return segments[1] is "metadata" or "{type}" ? null : segments[1];
    }
}
