using Afya.Api.Platform.Data;

namespace Afya.Api.Platform.Throttling;

// A counter that every API node shares, because it lives in the database.
public sealed class RateCounterRow
{
    public required string Key { get; set; }
    public DateTime WindowStartedAt { get; set; }
    public int Count { get; set; }
    public DateTime? BlockedUntil { get; set; }
}

internal sealed class RateCounterConfiguration : IEntityTypeConfiguration<RateCounterRow>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<RateCounterRow> b)
    {
        b.ToTable("platform_rate_counters");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(200);
    }
}

// Fixed-window counters with an optional block, for lock-outs and send limits. Updates are single
// conditional statements so concurrent requests on several nodes count correctly.
public sealed class RateCounter(AfyaDb db, TimeProvider clock)
{
    // When any of the keys is blocked, the moment the last block ends.
    public async Task<DateTime?> BlockedUntilAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = await db.Set<RateCounterRow>().Where(r => keys.Contains(r.Key) && r.BlockedUntil > now).MaxAsync(r => r.BlockedUntil, ct);
        return until;
    }

    // The number of hits in the current window, this one included.
    public async Task<int> CountAsync(string key, TimeSpan window, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - window;
        return await db.Set<RateCounterRow>().Where(r => r.Key == key && r.WindowStartedAt > since).Select(r => r.Count).FirstOrDefaultAsync(ct);
    }

    // Counts one hit; when the window reaches limit, blocks the key for blockFor.
    public async Task<int> HitAsync(string key, TimeSpan window, int limit, TimeSpan blockFor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - window;
        var set = db.Set<RateCounterRow>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var rows = await set.Where(r => r.Key == key && r.WindowStartedAt > since)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Count, r => r.Count + 1), ct);
            if (rows == 0)
            {
                rows = await set.Where(r => r.Key == key && r.WindowStartedAt <= since)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Count, 1).SetProperty(r => r.WindowStartedAt, now), ct);
            }
            if (rows == 0 && !await TryInsertAsync(key, now, ct)) continue;

            var count = await set.Where(r => r.Key == key).Select(r => r.Count).FirstAsync(ct);
            if (count >= limit)
            {
                var until = now + blockFor;
                await set.Where(r => r.Key == key).ExecuteUpdateAsync(u => u.SetProperty(r => r.BlockedUntil, until), ct);
            }
            return count;
        }
        throw new InvalidOperationException($"Could not count a hit for {key}.");
    }

    // Takes one of `limit` attempts in the window before the work it guards is done (a password check), so that
    // however many requests race, at most `limit` of them get a true answer. Give it back with ReleaseAsync.
    public async Task<bool> TryReserveAsync(string key, TimeSpan window, int limit, CancellationToken ct) =>
        await HitAsync(key, window, int.MaxValue, TimeSpan.Zero, ct) <= limit;

    // Returns a reserved attempt that turned out well (the right password), so it does not count as a failure.
    public Task ReleaseAsync(string key, CancellationToken ct) =>
        db.Set<RateCounterRow>().Where(r => r.Key == key && r.Count > 0).ExecuteUpdateAsync(u => u.SetProperty(r => r.Count, r => r.Count - 1), ct);

    public Task BlockAsync(string key, DateTime until, CancellationToken ct) =>
        db.Set<RateCounterRow>().Where(r => r.Key == key).ExecuteUpdateAsync(u => u.SetProperty(r => r.BlockedUntil, until), ct);

    public Task ResetAsync(string key, CancellationToken ct) =>
        db.Set<RateCounterRow>().Where(r => r.Key == key).ExecuteDeleteAsync(ct);

    private async Task<bool> TryInsertAsync(string key, DateTime now, CancellationToken ct)
    {
        var row = new RateCounterRow { Key = key, WindowStartedAt = now, Count = 1 };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return false; // another request created it first: count again through the update path
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
