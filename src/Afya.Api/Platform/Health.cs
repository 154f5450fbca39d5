using Afya.Api.Platform.Data;
using Afya.Api.Platform.Surfaces;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Afya.Api.Platform;

// Status and Checks' values: healthy, degraded (still serving, e.g. without Redis) or unhealthy; Reasons says why for
// any check that is not healthy.
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks, IReadOnlyDictionary<string, string>? Reasons = null);

public static class Health
{
    public static IServiceCollection AddAfyaHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<AfyaDb>("database", tags: ["ready"]);
        return services;
    }

    // /health and /api/health: the process answers. /health/ready: and the database too (503 when not).
    public static IEndpointRouteBuilder MapAfyaHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Health");
        group.MapGet("/health", Alive).WithName("Health").WithSummary("The process is up");
        // The seeds' path: in the Kuwait envelope while that surface is on, plain otherwise.
        var seeds = app.MapSurface(SeedSurfaces.Kuwait, "/api/health") ?? app.MapGroup("/api/health").WithTags("Health").RequireRateLimiting(Http.RateLimits.PerClient);
        seeds.MapGet("", Alive).WithName("ApiHealth").WithSummary("The process is up (the seeds' path)").WithEnvelopeMessage("Service is healthy");
        group.MapGet("/health/ready", Ready).WithName("Ready").WithSummary("The service can reach its database (and Redis: degraded, still 200, without it)");
        return app;
    }

    private static Ok<HealthResponse> Alive(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new HealthResponse("healthy", new Dictionary<string, string>()));
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(
        HealthCheckService checks, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var report = await checks.CheckHealthAsync(c => c.Tags.Contains("ready"), ct);
        var reasons = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString());
        var body = new HealthResponse(Word(report.Status), report.Entries.ToDictionary(e => e.Key, e => Word(e.Value.Status)), reasons.Count > 0 ? reasons : null);
        // Degraded still serves (Redis away: memory plus the database), so a load balancer keeps sending traffic.
        return report.Status != HealthStatus.Unhealthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
