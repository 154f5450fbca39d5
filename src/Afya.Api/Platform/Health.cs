using Afya.Api.Platform.Data;
using Afya.Api.Platform.Surfaces;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Afya.Api.Platform;

public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks);

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
        group.MapGet("/health/ready", Ready).WithName("Ready").WithSummary("The service can reach its database");
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
        var body = new HealthResponse(
            report.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
            report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy ? "healthy" : "unhealthy"));
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
