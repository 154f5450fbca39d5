using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Surfaces;

// The Kuwait clinic's answer shape: {"success", "data", "message"} or {"success": false, "error": {...}}.
public sealed record Envelope<T>(bool Success, T Data, string Message);

public sealed record EnvelopeError(string Code, string Message, IReadOnlyDictionary<string, object?> Details);

public sealed record FailureEnvelope(bool Success, EnvelopeError Error);

// On an enveloped surface group: handlers return their native results and this wraps them. A success value
// becomes {"success": true, "data": value, "message"}; a problem (the handler's, or validation's) is written
// through IProblemDetailsService, whose Kuwait writer below gives it the failure envelope.
internal sealed class KuwaitEnvelopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested) inner = nested.Result;
        var message = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnvelopeMessage>()?.Text ?? "Success";
        return inner switch
        {
            IValueHttpResult { Value: ProblemDetails problem } => new ProblemThroughService(problem),
            IStatusCodeHttpResult { StatusCode: >= 400 } => inner,
            IValueHttpResult value => TypedResults.Json(new Envelope<object?>(true, value.Value, message),
                statusCode: (inner as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK),
            IResult => inner,
            _ => TypedResults.Json(new Envelope<object?>(true, inner, message)),
        };
    }

    private sealed class ProblemThroughService(ProblemDetails problem) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        }
    }
}

// Writes problems of enveloped surfaces in the envelope, keeping status and code. Every failure path of the host
// (handlers, auth challenges, unknown routes, body limits, bad JSON, rate limits) goes through
// IProblemDetailsService, so none escapes it; the surface is found by SurfaceMap, not by a list of paths.
internal sealed class KuwaitEnvelopeWriter(IOptions<ProblemDetailsOptions> problemOptions, SurfaceMap surfaces,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => surfaces.Find(context.HttpContext) is { Enveloped: true };

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        var details = new Dictionary<string, object?>();
        foreach (var (key, value) in problem.Extensions)
            if (key is not "code") details[key] = value;
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation) details["errors"] = validation.Errors;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var code = problem.Extensions.TryGetValue("code", out var c) ? c?.ToString() ?? ApiProblem.DefaultCode(status) : ApiProblem.DefaultCode(status);
        var message = problem.Detail ?? problem.Title ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        var body = new FailureEnvelope(false, new EnvelopeError(code, message, details));
        context.HttpContext.Response.StatusCode = status;
        await context.HttpContext.Response.WriteAsJsonAsync(body, json.Value.SerializerOptions, "application/json", context.HttpContext.RequestAborted);
    }
}
