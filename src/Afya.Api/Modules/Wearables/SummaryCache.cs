using System.ComponentModel;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Caching;

namespace Afya.Api.Modules.Wearables;

// The whole past days of a week or month summary, kept in the cache: readings arrive for the current hours, so the days
// before today rarely change, and reading them folded the hourly rows of up to 29 days on every summary. An ingest that
// writes into a day before today evicts the patient's entries after its commit (Sync), on every node (AfyaCache's tags).
// A summary loading while that ingest commits does not put the old days back: HybridCache dates an entry from the start
// of its load, and a tag evicted after that retires it.
internal static class SummaryCache
{
    // Entries are keyed by their days, so yesterday's entry is never read again after midnight; the hour bounds memory.
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    // Readings within this of midnight also evict: another node whose clock is a little behind may already have cached
    // the day they fall in as past.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static string Tag(Guid patient) => $"wearables:summary-days:{patient:N}";

    public static ValueTask<PastDays> GetAsync(AfyaCache cache, Guid patient, DateTime from, DateTime today,
        Func<CancellationToken, ValueTask<PastDays>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync($"wearables:summary-days:{patient:N}:{from:yyyyMMdd}:{today:yyyyMMdd}", load, Keep, [Tag(patient)], ct: ct);

    // After readings were stored: evicts when one falls on a day another node may hold as past.
    public static async Task AfterInsertAsync(AfyaCache cache, Guid patient, IEnumerable<Reading> accepted, DateTime now)
    {
        var current = (now + ClockSkew).Date;
        if (accepted.Any(r => r.MeasuredAt < current)) await cache.EvictTagsAsync([Tag(patient)]);
    }
}

// Immutable, so the cache's memory level hands out the object itself instead of a copy deserialized on every read.
[ImmutableObject(true)]
internal sealed record PastDays(IReadOnlyList<Readings.DayRow> Days, IReadOnlyList<Readings.LatestRow> Latest);
