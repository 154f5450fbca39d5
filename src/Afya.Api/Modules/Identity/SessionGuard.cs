using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

// Decides whether a correctly signed access token still stands: its own id not logged out, its session (the
// refresh-token family it was issued from) not revoked, the user still active, the password not changed since.
// All of it is one cached entry per user (state, ended sessions, logged-out token ids), so a signed-in request
// costs one lookup; with Redis the entry lives in Redis only (sharedOnly), so a revocation evicted on one node
// is read on every node at once. Every revocation evicts the user's entry after the database says so.
public sealed class SessionGuard(AfyaCache cache, IOptions<JwtOptions> options)
{
    public const string SessionClaim = "sid";

    // Ended sessions and revoked token ids stay listed until housekeeping purges their rows, which it does only
    // once no access token of theirs can still be valid; so the lists stay as short as the user's recent sessions.
    // Immutable by contract (nothing writes to the arrays), so the node's memory level hands out the instance instead
    // of deserializing a copy on every signed-in request.
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record UserState(bool IsActive, string Stamp, Guid[] EndedSessions, string[] RevokedTokenIds);

    public async Task<bool> IsValidAsync(IServiceProvider services, Guid userId, string jti, string? stamp, Guid? session, CancellationToken ct)
    {
        var state = await StateAsync(services, userId, ct);
        return state is { IsActive: true }
            && state.Stamp == stamp
            && (session is not { } sid || Array.IndexOf(state.EndedSessions, sid) < 0)
            && Array.IndexOf(state.RevokedTokenIds, jti) < 0;
    }

    // Called after every revocation (a user's sessions, one session, one access token), once the database says so:
    // gone from Redis when this returns, from every node's memory within a second.
    public void InvalidateSession(Guid userId) => cache.EvictKey(UserKey(userId));

    private async Task<UserState?> StateAsync(IServiceProvider services, Guid userId, CancellationToken ct)
    {
        var seconds = options.Value.RevocationCacheSeconds;
        if (seconds <= 0) return await LoadAsync(services.GetRequiredService<AfyaDb>(), userId, ct);
        // The database context is taken from the request only when the entry has to be built.
        return await cache.GetOrCreateAsync(UserKey(userId), c => new ValueTask<UserState?>(LoadAsync(services.GetRequiredService<AfyaDb>(), userId, c)),
            TimeSpan.FromSeconds(seconds), sharedOnly: true, ct: ct);
    }

    private static async Task<UserState?> LoadAsync(AfyaDb db, Guid userId, CancellationToken ct)
    {
        var user = await db.Set<User>().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, u.SecurityStamp }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        var ended = await db.Set<RefreshToken>().AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt != null)
            .Select(t => t.FamilyId).Distinct().ToArrayAsync(ct);
        var revoked = await db.Set<RevokedAccessToken>().AsNoTracking().Where(t => t.UserId == userId).Select(t => t.Jti).ToArrayAsync(ct);
        return new UserState(user.IsActive, user.SecurityStamp, ended, revoked);
    }

    private static string UserKey(Guid id) => "afya:auth:" + id.ToString("N");
}
