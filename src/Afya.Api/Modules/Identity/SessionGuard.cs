using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

// Decides whether a correctly signed access token still stands: its own id not logged out, its session (the
// refresh-token family it was issued from) not revoked, the user still active, the password not changed since.
// The answers come from the database, so every node agrees, and are cached briefly.
public sealed class SessionGuard(IMemoryCache cache, IOptions<JwtOptions> options)
{
    public const string SessionClaim = "sid";

    private sealed record UserState(bool IsActive, string Stamp);

    public async Task<bool> IsValidAsync(AfyaDb db, Guid userId, string jti, string? stamp, Guid? session, CancellationToken ct)
    {
        if (await CachedAsync(JtiKey(jti), () => db.Set<RevokedAccessToken>().AnyAsync(t => t.Jti == jti, ct))) return false;
        if (session is { } sid
            && await CachedAsync(SessionKey(sid), () => db.Set<RefreshToken>().AnyAsync(t => t.FamilyId == sid && t.RevokedAt != null, ct)))
            return false;
        var state = await CachedAsync(UserKey(userId), () => db.Set<User>().Where(u => u.Id == userId)
            .Select(u => new UserState(u.IsActive, u.SecurityStamp)).FirstOrDefaultAsync(ct));
        return state is { IsActive: true } && state.Stamp == stamp;
    }

    // Called after every revocation (a user's sessions, one session, one access token), once the database says so.
    // The one place a cache shared by several nodes would be told.
    public void InvalidateSession(Guid? userId = null, Guid? session = null, string? jti = null)
    {
        if (userId is { } u) cache.Remove(UserKey(u));
        if (session is { } s) cache.Remove(SessionKey(s));
        if (jti is not null) cache.Remove(JtiKey(jti));
    }

    private async Task<T?> CachedAsync<T>(string key, Func<Task<T>> load)
    {
        var seconds = options.Value.RevocationCacheSeconds;
        if (seconds <= 0) return await load();
        return await cache.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds);
            return await load();
        });
    }

    private static string JtiKey(string jti) => "afya:jti:" + jti;
    private static string SessionKey(Guid id) => "afya:session:" + id.ToString("N");
    private static string UserKey(Guid id) => "afya:user-state:" + id.ToString("N");
}
