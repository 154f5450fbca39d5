using System.Text.Json;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Afya.Api.Platform;

public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string>? Checks = null);

public static class Health
{
    public static IServiceCollection AddAfyaHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<AfyaDb>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>/health and /api/health: the process answers. /health/ready: and the database too.</summary>
    public static IEndpointRouteBuilder MapAfyaHealth(this IEndpointRouteBuilder app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write };
        app.MapHealthChecks("/health", live).WithTags("Health").WithName("Health");
        app.MapHealthChecks("/api/health", live).WithTags("Health").WithName("ApiHealth");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = Write,
        }).WithTags("Health").WithName("Ready");
        return app;
    }

    private static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(
            report.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
            report.Entries.Count == 0 ? null : report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy ? "healthy" : "unhealthy"));
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json.Options));
    }
}
