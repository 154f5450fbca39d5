using Afya.Api.Platform.Caching;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

// The /auth/me answer per user (account, roles, the patient record linked, the package in force), kept so a
// signed-in read costs a cache lookup instead of three queries in three modules. Every write to what it shows
// calls Changed: Identity's own, and Clinic's and Care's through IAccountChanges. Time alone ends an entry at
// ValidUntil (the package's next day or its end), checked against the injected clock. Kept like the session
// check (sharedOnly): with Redis every node reads the one entry, so a change is seen everywhere at once.
public sealed class ProfileCache(AfyaCache cache, IOptions<JwtOptions> options, TimeProvider clock) : Contracts.IAccountChanges
{
    // Immutable by contract, so the node's memory level hands out the instance instead of a copy per read.
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record Entry(UserResponse? User, DateTime ValidUntil);

    public async Task<UserResponse?> GetAsync(Guid userId, Func<CancellationToken, Task<Entry>> load, CancellationToken ct)
    {
        var seconds = options.Value.RevocationCacheSeconds;
        if (seconds <= 0) return (await load(ct)).User;
        var key = Key(userId);
        var lifetime = TimeSpan.FromSeconds(seconds);
        var entry = await cache.GetOrCreateAsync(key, c => new ValueTask<Entry>(load(c)), lifetime, sharedOnly: true, ct: ct);
        if (entry.ValidUntil > clock.GetUtcNow().UtcDateTime) return entry.User;
        var fresh = await load(ct);
        await cache.SetAsync(key, fresh, lifetime, sharedOnly: true, ct);
        return fresh.User;
    }

    public void Changed(Guid userId) => cache.EvictKey(Key(userId));

    private static string Key(Guid id) => "afya:me:" + id.ToString("N");
}
