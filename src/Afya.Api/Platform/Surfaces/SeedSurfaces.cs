using Afya.Api.Platform.Http;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Surfaces;

// One of the five systems Afya replaces, whose clients keep calling their own paths.
public sealed record SeedSurface(string Key, string Tag);

public static class SeedSurfaces
{
    public static readonly SeedSurface Kuwait = new("Kuwait", "Kuwait clinic API");
    public static readonly SeedSurface Healthcare = new("Healthcare", "Healthcare Backend API");
    public static readonly SeedSurface AmazonKenya = new("AmazonKenya", "Amazon Kenya API");
    public static readonly SeedSurface Dira = new("Dira", "Dira Healthcare API");

    // Paths whose every answer, failures included, is in the Kuwait envelope.
    public static readonly string[] KuwaitExactPaths = ["/api/auth/send-otp", "/api/auth/verify-otp", "/api/health"];
    public static readonly string[] KuwaitPrefixes = ["/api/user/", "/api/packages/"];

    public static bool IsKuwaitPath(PathString path)
    {
        var p = path.Value?.TrimEnd('/') ?? "";
        return KuwaitExactPaths.Contains(p, StringComparer.OrdinalIgnoreCase)
            || KuwaitPrefixes.Any(prefix => (p + "/").StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}

// Surfaces:Kuwait, Surfaces:Healthcare, Surfaces:AmazonKenya, Surfaces:Dira: each on unless set to false.
public sealed class SurfaceOptions
{
    public bool Kuwait { get; set; } = true;
    public bool Healthcare { get; set; } = true;
    public bool AmazonKenya { get; set; } = true;
    public bool Dira { get; set; } = true;

    public bool IsOn(SeedSurface surface) => surface.Key switch
    {
        "Kuwait" => Kuwait,
        "Healthcare" => Healthcare,
        "AmazonKenya" => AmazonKenya,
        "Dira" => Dira,
        _ => false,
    };
}

public static class SurfaceRoutes
{
    // A route group for a seed's paths, tagged for OpenAPI; null when the surface is switched off.
    public static RouteGroupBuilder? MapSurface(this IEndpointRouteBuilder app, SeedSurface surface, string prefix)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SurfaceOptions>>().Value;
        return options.IsOn(surface) ? app.MapGroup(prefix).WithTags(surface.Tag) : null;
    }
}

// The Kuwait clinic's answer shape: {"success", "data", "message"} or {"success": false, "error": {...}}.
public sealed record Envelope<T>(bool Success, T Data, string Message);

public sealed record EnvelopeError(string Code, string Message, IReadOnlyDictionary<string, object?> Details);

public sealed record FailureEnvelope(bool Success, EnvelopeError Error);

// Writes problems on Kuwait paths in the Kuwait envelope, keeping status and code. Every failure path of the
// host (handlers, auth challenges, unknown routes, body limits, bad JSON) goes through IProblemDetailsService, so
// none escapes the envelope.
internal sealed class KuwaitEnvelopeWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<SurfaceOptions> surfaces,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => surfaces.Value.Kuwait && SeedSurfaces.IsKuwaitPath(context.HttpContext.Request.Path);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        var details = new Dictionary<string, object?>();
        foreach (var (key, value) in problem.Extensions)
            if (key is not "code") details[key] = value;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var code = problem.Extensions.TryGetValue("code", out var c) ? c?.ToString() ?? ApiProblem.DefaultCode(status) : ApiProblem.DefaultCode(status);
        var message = problem.Detail ?? problem.Title ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        var body = new FailureEnvelope(false, new EnvelopeError(code, message, details));
        context.HttpContext.Response.StatusCode = status;
        await context.HttpContext.Response.WriteAsJsonAsync(body, json.Value.SerializerOptions, "application/json", context.HttpContext.RequestAborted);
    }
}
