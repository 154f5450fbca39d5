using System.Collections;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Surfaces;

// FastAPI's validation item: {"loc": ["body", "email"], "msg": "...", "type": "value_error"}.
public sealed record DiraValidationItem(IReadOnlyList<string> Loc, string Msg, string Type);

// Dira's clients read `detail`: a string for a failure, FastAPI's list of items for invalid fields (with 422, as
// FastAPI answers). Every problem of a Dira route (handlers, auth challenges, bad JSON) passes here, because all
// of them go through IProblemDetailsService; code, status, title and the error id are kept for Afya's own tools.
// Only routes of the Dira group (or unknown paths under its prefixes) are shaped: a native route that shares a
// prefix keeps the native problem.
internal sealed class DiraProblemWriter(IOptions<ProblemDetailsOptions> problemOptions, SurfaceMap surfaces,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        // A body refused by the exception handler (bad JSON) has its endpoint there: a native route keeps its problem.
        var endpoint = context.HttpContext.GetEndpoint() ?? context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<SurfaceMetadata>() is { } marked) return marked.Surface == SeedSurfaces.Dira;
        return endpoint is null && surfaces.Find(context.HttpContext) == SeedSurfaces.Dira;
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        var body = new Dictionary<string, object?>(problem.Extensions);
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var items = Items(problem).ToList();
        if (items.Count > 0)
        {
            status = StatusCodes.Status422UnprocessableEntity;
            body["detail"] = items;
        }
        else body["detail"] = problem.Detail ?? problem.Title ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        body["status"] = status;
        body["title"] = problem.Title;
        body["message"] = problem.Detail ?? problem.Title; // the clients' fallback
        context.HttpContext.Response.StatusCode = status;
        await context.HttpContext.Response.WriteAsJsonAsync(body, json.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted);
    }

    private static IEnumerable<DiraValidationItem> Items(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        if (problem is HttpValidationProblemDetails validation)
            return validation.Errors.SelectMany(e => e.Value.Select(m => new DiraValidationItem(["body", e.Key], m, "value_error")));
        if (problem.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> fields)
            return fields.SelectMany(e => e.Value.Select(m => new DiraValidationItem(["body", e.Key], m, "value_error")));
        return errors is IDictionary dictionary
            ? dictionary.Keys.Cast<object>().Select(k => new DiraValidationItem(["body", k.ToString() ?? ""], dictionary[k]?.ToString() ?? "", "value_error"))
            : [];
    }
}
