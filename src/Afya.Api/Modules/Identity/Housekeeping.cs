using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Throttling;

namespace Afya.Api.Modules.Identity;

// Deletes what can no longer matter: expired codes and link tokens, revocations of expired tokens, stale counters.
public sealed class IdentityHousekeeping(AfyaDb db, TimeProvider clock) : IPeriodicJob
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
