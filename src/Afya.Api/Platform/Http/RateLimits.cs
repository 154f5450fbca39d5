using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Afya.Api.Platform.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Http;

// RateLimits__PerUserPerMinute, RateLimits__PerAddressPerMinute, RateLimits__Enabled.
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int PerUserPerMinute { get; set; } = 600;

    [Range(1, 1_000_000)]
    public int PerAddressPerMinute { get; set; } = 300;
}

// General abuse limits, per node and in memory: a signed-in caller is counted by user, anyone else by address.
// Limits that must hold across nodes (OTP sends, password lock-outs) stay in RateCounter, in the database.
public static class RateLimits
{
    public const string PerClient = "per-client";

    public static IServiceCollection AddAfyaRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(PerClient, Partition);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!options.Enabled) return RateLimitPartition.GetNoLimiter("off");
        var user = http.User.FindFirst(CurrentUser.SubjectClaim)?.Value;
        return user is not null
            ? RateLimitPartition.GetFixedWindowLimiter("user:" + user, _ => Window(options.PerUserPerMinute))
            : RateLimitPartition.GetFixedWindowLimiter("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Window(options.PerAddressPerMinute));
    }

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    // A 429 problem with code RATE_LIMITED and Retry-After, in whatever shape the path answers in.
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Slow down; try again in {seconds} seconds.",
                Extensions = { ["code"] = "RATE_LIMITED", ["retry_after"] = seconds },
            },
        });
    }
}
