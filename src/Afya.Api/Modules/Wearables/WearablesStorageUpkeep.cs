using System.Globalization;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Wearables;

// Claimed job. PostgreSQL: monthly partitions from the retention cutoff to PartitionMonthsAhead months ahead, and
// partitions wholly past the cutoff dropped (a catalog change, not a delete). SQLite: rows past the cutoff deleted.
// Hourly rows are kept whatever the retention.
public sealed class WearablesStorageUpkeep(AfyaDb db, IOptions<WearablesOptions> options, TimeProvider clock) : IPeriodicJob
{
    public const string Parent = "wearables_readings";
    public const string DefaultPartition = "wearables_readings_default";

    public static DateTime RetentionCutoff(DateTime now, int months) =>
        new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-months);

    public static string PartitionName(DateTime month) => string.Create(CultureInfo.InvariantCulture, $"{Parent}_y{month:yyyy}m{month:MM}");

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = RetentionCutoff(now, options.Value.RetentionMonths);
        if (db.Provider != DatabaseProvider.Postgres)
            return await db.Set<Reading>().Where(r => r.MeasuredAt < cutoff).ExecuteDeleteAsync(ct);

        var existing = await PartitionsAsync(ct);
        var touched = 0;
        var last = RetentionCutoff(now, -options.Value.PartitionMonthsAhead);
        for (var month = cutoff; month <= last; month = month.AddMonths(1))
            if (!existing.Contains(PartitionName(month)))
            {
                await CreatePartitionAsync(month, ct);
                touched++;
            }
        foreach (var name in existing)
        {
            if (!DateTime.TryParseExact(name[(Parent.Length + 1)..], "'y'yyyy'm'MM", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month) || month.AddMonths(1) > cutoff) continue;
#pragma warning disable EF1002 // the name is built by PartitionName and matched against the catalog, never from input
            await db.Database.ExecuteSqlRawAsync($"DROP TABLE IF EXISTS \"{name}\"", ct);
#pragma warning restore EF1002
            touched++;
        }
        touched += await db.Database.ExecuteSqlAsync($"DELETE FROM wearables_readings_default WHERE measured_at < {cutoff}", ct);
        return touched;
    }

    private async Task<HashSet<string>> PartitionsAsync(CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"""
            SELECT c.relname AS "Value" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = {Parent}
            """).ToListAsync(ct)).Where(n => n.StartsWith(Parent + "_y", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    // A month that already has rows in the default partition (the job had not run yet) takes them along:
    // create the table alone, move the rows, then attach it, in one transaction. The parent is locked first: an insert
    // routed before the attach and let through after it would reach the default partition with a row that now
    // belongs to the month (23514, a sync answered 500), and one let in between the move and the attach would fail
    // the attach. Everything that reads or writes readings locks the parent first, so they wait here in that same
    // order (no deadlock) and resume against the new partition; it holds for the move of the month's rows already in the
    // default partition (none when the job keeps months ahead). Behind a long reader it gives up after 5 s rather than
    // queue every sync behind itself; the month's readings stay in the default partition until the next run.
    private async Task CreatePartitionAsync(DateTime month, CancellationToken ct)
    {
        var name = PartitionName(month);
        var from = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var range = $"measured_at >= '{from} 00:00:00+00' AND measured_at < '{to} 00:00:00+00'";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
#pragma warning disable EF1002 // name and bounds are formatted from a DateTime here, never from input
        await db.Database.ExecuteSqlRawAsync($"""
            SET LOCAL lock_timeout = '5s';
            LOCK TABLE ONLY {Parent} IN ACCESS EXCLUSIVE MODE;
            CREATE TABLE IF NOT EXISTS "{name}" (LIKE {Parent} INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
            INSERT INTO "{name}" SELECT * FROM {DefaultPartition} WHERE {range};
            DELETE FROM {DefaultPartition} WHERE {range};
            ALTER TABLE {Parent} ATTACH PARTITION "{name}" FOR VALUES FROM ('{from} 00:00:00+00') TO ('{to} 00:00:00+00');
            """, ct);
#pragma warning restore EF1002
        await tx.CommitAsync(ct);
    }
}
