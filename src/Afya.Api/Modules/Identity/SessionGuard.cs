using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

// Decides whether a correctly signed access token still stands: its own id not logged out, its session (the
// refresh-token family it was issued from) not revoked, the user still active, the password not changed since.
// The answers come from the database, so every node agrees, and are cached briefly: with Redis in Redis only
// (sharedOnly), so a revocation evicted on one node is read on every node at once.
public sealed class SessionGuard(AfyaCache cache, IOptions<JwtOptions> options)
{
    public const string SessionClaim = "sid";

    public sealed record UserState(bool IsActive, string Stamp);

    public async Task<bool> IsValidAsync(AfyaDb db, Guid userId, string jti, string? stamp, Guid? session, CancellationToken ct)
    {
        if (await CachedAsync(JtiKey(jti), c => db.Set<RevokedAccessToken>().AnyAsync(t => t.Jti == jti, c), ct)) return false;
        if (session is { } sid
            && await CachedAsync(SessionKey(sid), c => db.Set<RefreshToken>().AnyAsync(t => t.FamilyId == sid && t.RevokedAt != null, c), ct))
            return false;
        var state = await CachedAsync(UserKey(userId), c => db.Set<User>().Where(u => u.Id == userId)
            .Select(u => new UserState(u.IsActive, u.SecurityStamp)).FirstOrDefaultAsync(c), ct);
        return state is { IsActive: true } && state.Stamp == stamp;
    }

    // Called after every revocation (a user's sessions, one session, one access token), once the database says so:
    // gone from Redis when this returns, from every node's memory within a second.
    public void InvalidateSession(Guid? userId = null, Guid? session = null, string? jti = null)
    {
        if (userId is { } u) cache.EvictKey(UserKey(u));
        if (session is { } s) cache.EvictKey(SessionKey(s));
        if (jti is not null) cache.EvictKey(JtiKey(jti));
    }

    private async Task<T> CachedAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        var seconds = options.Value.RevocationCacheSeconds;
        if (seconds <= 0) return await load(ct);
        return await cache.GetOrCreateAsync(key, async c => await load(c), TimeSpan.FromSeconds(seconds), sharedOnly: true, ct: ct);
    }

    private static string JtiKey(string jti) => "afya:jti:" + jti;
    private static string SessionKey(Guid id) => "afya:session:" + id.ToString("N");
    private static string UserKey(Guid id) => "afya:user-state:" + id.ToString("N");
}
