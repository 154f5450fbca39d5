using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Telemetry;

namespace Afya.Api.Platform.Http;

// How an outside HTTP API (Twilio, Daraja) is called: each attempt timed out, 408/429/5xx and network errors
// retried with exponential backoff and jitter (Retry-After honoured), a circuit that opens when most calls
// fail so a dead provider is not hammered, and one time limit over the whole call.
public sealed class ResilienceOptions
{
    public double AttemptTimeoutSeconds { get; set; } = 10;
    public double TotalTimeoutSeconds { get; set; } = 30;
    public int MaxRetries { get; set; } = 2;
    public double RetryBaseDelaySeconds { get; set; } = 1;
    public double BreakFailureRatio { get; set; } = 0.5;
    public int BreakMinimumThroughput { get; set; } = 10;
    public double BreakSamplingSeconds { get; set; } = 30;
    public double BreakSeconds { get; set; } = 15;
}

public static class Resilience
{
    // Settings under Resilience__<client name>__<Key>, e.g. Resilience__twilio__MaxRetries=3.
    public static IHttpClientBuilder AddAfyaResilience(this IHttpClientBuilder builder)
    {
        var name = builder.Name;
        builder.Services.AddOptions<ResilienceOptions>(name).BindConfiguration($"Resilience:{name}")
            .Validate(o => o.AttemptTimeoutSeconds > 0 && o.TotalTimeoutSeconds >= o.AttemptTimeoutSeconds && o.MaxRetries >= 0
                    && o.RetryBaseDelaySeconds >= 0 && o.BreakFailureRatio is > 0 and <= 1 && o.BreakMinimumThroughput >= 2
                    && o.BreakSamplingSeconds >= 0.5 && o.BreakSeconds >= 0.5,
                $"Resilience__{name}: timeouts above 0 (total at least one attempt), retries 0 or more, break ratio in (0, 1], throughput at least 2, durations at least 0.5 s.")
            .ValidateOnStart();
        // Each attempt's answer is reported at debug: a pending STK query or a retried 503 is an expected answer, not a
        // failure, and the caller logs the call's final outcome. An opened circuit or a time-out keeps Polly's level.
        builder.Services.Configure<TelemetryOptions>(o => o.SeverityProvider = e => e.Event.EventName is "ExecutionAttempt" or "OnRetry"
            ? ResilienceEventSeverity.Debug
            : e.Event.Severity);
        // The pipeline owns every time limit; HttpClient's own would cut retries short.
        builder.ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler("afya", (pipeline, context) =>
        {
            var o = context.GetOptions<ResilienceOptions>(name);
            pipeline.AddTimeout(TimeSpan.FromSeconds(o.TotalTimeoutSeconds));
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, o.MaxRetries),
                ShouldHandle = o.MaxRetries == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(o.RetryBaseDelaySeconds),
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = o.BreakFailureRatio,
                MinimumThroughput = o.BreakMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(o.BreakSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(o.BreakSeconds),
            });
            pipeline.AddTimeout(TimeSpan.FromSeconds(o.AttemptTimeoutSeconds));
        });
        return builder;
    }
}
