using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Caching;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

// Decides whether a correctly signed access token still stands: not logged out, user still active,
// password not changed since. The answer comes from the database, so every node agrees, and is cached briefly:
// with Redis in Redis only (sharedOnly), so a change evicted on one node is read on every node at once.
public sealed class SessionGuard(AfyaCache cache, IOptions<JwtOptions> options)
{
    public sealed record UserState(bool IsActive, string Stamp);

    public async Task<bool> IsValidAsync(AfyaDb db, Guid userId, string jti, string? stamp, CancellationToken ct)
    {
        var ttl = TimeSpan.FromSeconds(options.Value.RevocationCacheSeconds);
        var revoked = await cache.GetOrCreateAsync(JtiKey(jti), async c =>
            await db.Set<RevokedAccessToken>().AnyAsync(t => t.Jti == jti, c), ttl, sharedOnly: true, ct: ct);
        if (revoked) return false;

        var state = await cache.GetOrCreateAsync(UserKey(userId), async c =>
            await db.Set<User>().Where(u => u.Id == userId)
                .Select(u => new UserState(u.IsActive, u.SecurityStamp)).FirstOrDefaultAsync(c), ttl, sharedOnly: true, ct: ct);
        return state is { IsActive: true } && state.Stamp == stamp;
    }

    // Forget what every node knows about a user, after a change that ends sessions.
    public void Forget(Guid userId) => cache.EvictKey(UserKey(userId));

    public void MarkRevoked(string jti) => cache.EvictKey(JtiKey(jti));

    private static string JtiKey(string jti) => "afya:jti:" + jti;
    private static string UserKey(Guid id) => "afya:user-state:" + id.ToString("N");
}
