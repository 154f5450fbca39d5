using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

// Decides whether a correctly signed access token still stands: not logged out, user still active,
// password not changed since. The answer comes from the database, so every node agrees, and is cached briefly.
public sealed class SessionGuard(IMemoryCache cache, IOptions<JwtOptions> options)
{
    private sealed record UserState(bool IsActive, string Stamp);

    public async Task<bool> IsValidAsync(AfyaDb db, Guid userId, string jti, string? stamp, CancellationToken ct)
    {
        var ttl = TimeSpan.FromSeconds(options.Value.RevocationCacheSeconds);
        var revoked = await cache.GetOrCreateAsync(JtiKey(jti), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ttl;
            return await db.Set<RevokedAccessToken>().AnyAsync(t => t.Jti == jti, ct);
        });
        if (revoked) return false;

        var state = await cache.GetOrCreateAsync(UserKey(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ttl;
            return await db.Set<User>().Where(u => u.Id == userId)
                .Select(u => new UserState(u.IsActive, u.SecurityStamp)).FirstOrDefaultAsync(ct);
        });
        return state is { IsActive: true } && state.Stamp == stamp;
    }

    // Forget what this node knows about a user, after a change that ends sessions.
    public void Forget(Guid userId) => cache.Remove(UserKey(userId));

    public void MarkRevoked(string jti) => cache.Set(JtiKey(jti), true, TimeSpan.FromSeconds(Math.Max(1, options.Value.RevocationCacheSeconds)));

    private static string JtiKey(string jti) => "afya:jti:" + jti;
    private static string UserKey(Guid id) => "afya:user-state:" + id.ToString("N");
}
