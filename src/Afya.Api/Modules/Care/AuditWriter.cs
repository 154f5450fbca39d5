using System.Globalization;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Afya.Api.Modules.Care;

// Group commit for the audit trail. Every audited request waits until its entry is committed before it answers, so
// a crash never loses the record of a read that was answered; but the entries of concurrent requests share one
// transaction (one INSERT batch, one WAL flush) instead of one each. On SQLite, which has one writer, the per-request
// commit was 80 % of a patient-list request's time (docs/PERFORMANCE.md).
// The committer is a request, not a background loop: when no batch is being committed, the request that adds its
// entry commits it on its own thread (an unloaded list hands no work to another thread); requests arriving meanwhile
// queue and are woken when their batch is committed, the first of them to commit the next batch. One batch is
// committed at a time, as before.
public sealed partial class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger)
{
    internal const int Batch = 256;

    // A waiter's task says what to do when it wakes: false, its entry is committed; true, it leads the next batch.
    internal readonly record struct Pending(AuditEntry Entry, TaskCompletionSource<bool> Done);

    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private bool _leading;

    // Completes once the entry is committed; throws if it could not be written (the request then fails, unanswered).
    // Once queued, the entry is waited for whatever the token says: a waiter may be woken to commit others' entries.
    public async Task WriteAsync(AuditEntry entry, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var mine = new Pending(entry, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_gate)
        {
            _queue.Add(mine);
            lead = !_leading;
            _leading = true;
        }
        if (!lead && !await mine.Done.Task) return;
        await LeadAsync();
        // Its own entry was in the batch it committed: done, or failed with the batch's error.
        await mine.Done.Task;
    }

    // Commits the oldest queued entries (this leader's first among them), wakes their requests, then hands the lead to the
    // first request still queued, or gives it up; the hand-over happens whatever the commit threw.
    private async Task LeadAsync()
    {
        List<Pending> batch;
        lock (_gate)
        {
            var n = Math.Min(_queue.Count, Batch);
            batch = _queue.GetRange(0, n);
            _queue.RemoveRange(0, n);
        }
        try
        {
            await CommitBatchAsync(batch);
        }
        finally
        {
            Pending? next = null;
            lock (_gate)
            {
                if (_queue.Count == 0) _leading = false;
                else next = _queue[0];
            }
            next?.Done.TrySetResult(true);
        }
    }

    // A batch that fails is written entry by entry, so one bad entry fails only its own request.
    private async Task CommitBatchAsync(List<Pending> batch)
    {
        try
        {
            await CommitAsync([.. batch.Select(p => p.Entry)]);
            foreach (var p in batch) p.Done.TrySetResult(false);
            return;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogBatchFailed(logger, ex, batch.Count);
        }
        catch (Exception ex)
        {
            foreach (var p in batch) p.Done.TrySetException(ex);
            return;
        }
        foreach (var p in batch)
        {
            try
            {
                await CommitAsync([p.Entry]);
                p.Done.TrySetResult(false);
            }
            catch (Exception ex)
            {
                p.Done.TrySetException(ex);
            }
        }
    }

    // One transaction for the batch, written without the change tracker: on SQLite one prepared INSERT run per entry (EF
    // prepared a statement per row and read each new id back), on PostgreSQL one INSERT of the batch as arrays. Either
    // way every entry is committed, or none is, before any of their requests answers.
    internal async Task CommitAsync(IReadOnlyList<AuditEntry> entries)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            if (db.Provider == DatabaseProvider.Postgres) await InsertPostgresAsync(db, entries);
            else await InsertSqliteAsync(db, entries);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string Columns = "at, actor_id, actor_role, action, patient_id, resource, client_address, outcome";

    private static async Task InsertPostgresAsync(AfyaDb db, IReadOnlyList<AuditEntry> entries)
    {
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO care_audit ({Columns}) SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8)",
            (NpgsqlConnection)db.Database.GetDbConnection());
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. entries.Select(e => Utc(e.At))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter<Guid?[]> { TypedValue = [.. entries.Select(e => e.ActorId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.ActorRole)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Action)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter<Guid?[]> { TypedValue = [.. entries.Select(e => e.PatientId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Resource)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. entries.Select(e => e.ClientAddress)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. entries.Select(e => e.Outcome)] });
        await insert.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private const string SqliteInsert =
        $"INSERT INTO care_audit ({Columns}) VALUES ($at, $actor, $role, $action, $patient, $resource, $address, $outcome)";

    // The INSERT is the connection's kept, compiled command (SqliteStatementCache), not prepared again for every batch, and
    // the transaction is the connection's own: EF's adds nothing a batch of inserts needs (SQLite has no round trips).
    private static Task InsertSqliteAsync(AfyaDb db, IReadOnlyList<AuditEntry> entries)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        using var tx = connection.BeginTransaction();
        using (var insert = SqliteStatementCache.Command(connection, SqliteInsert))
        {
            insert.Transaction = tx;
            var p = insert.Parameters;
            var at = p.Add("$at", SqliteType.Text);
            var actor = p.Add("$actor", SqliteType.Text);
            var role = p.Add("$role", SqliteType.Text);
            var action = p.Add("$action", SqliteType.Text);
            var patient = p.Add("$patient", SqliteType.Text);
            var resource = p.Add("$resource", SqliteType.Text);
            var address = p.Add("$address", SqliteType.Text);
            var outcome = p.Add("$outcome", SqliteType.Integer);
            foreach (var e in entries)
            {
                // The forms EF Core's SQLite provider writes (ReadingStore does the same), so the trail reads back alike.
                at.Value = Utc(e.At).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                actor.Value = e.ActorId is { } a ? a.ToString().ToUpperInvariant() : DBNull.Value;
                role.Value = e.ActorRole;
                action.Value = e.Action;
                patient.Value = e.PatientId is { } id ? id.ToString().ToUpperInvariant() : DBNull.Value;
                resource.Value = e.Resource;
                address.Value = e.ClientAddress is { } client ? client : DBNull.Value;
                outcome.Value = e.Outcome;
                insert.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return Task.CompletedTask;
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc);

    [LoggerMessage(LogLevel.Warning, "An audit batch of {Count} entries failed; writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
