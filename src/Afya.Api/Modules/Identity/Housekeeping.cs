using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Throttling;

namespace Afya.Api.Modules.Identity;

/// <summary>Deletes what can no longer matter: expired codes and link tokens, revocations of expired tokens, stale counters.</summary>
public sealed class IdentityHousekeeping(AfyaDb db, TimeProvider clock)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddDays(-1);
        var purged = await db.Set<OtpChallenge>().Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
        purged += await db.Set<OneTimeToken>().Where(t => t.ExpiresAt < dayAgo).ExecuteDeleteAsync(ct);
        purged += await db.Set<RevokedAccessToken>().Where(t => t.ExpiresAt < now.AddMinutes(-5)).ExecuteDeleteAsync(ct);
        purged += await db.Set<RefreshToken>().Where(t => t.ExpiresAt < dayAgo).ExecuteDeleteAsync(ct);
        purged += await db.Set<RateCounterRow>().Where(r => r.WindowStartedAt < dayAgo && (r.BlockedUntil == null || r.BlockedUntil < now)).ExecuteDeleteAsync(ct);
        return purged;
    }
}

internal sealed partial class IdentityHousekeepingWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdentityHousekeepingWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<IdentityHousekeeping>().RunOnceAsync(stoppingToken);
                if (purged > 0) LogPurged(logger, purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(LogLevel.Information, "Housekeeping purged {Count} expired rows")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Housekeeping round failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
