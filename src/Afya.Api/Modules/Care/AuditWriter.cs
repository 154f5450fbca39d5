using System.Globalization;
using System.Threading.Channels;
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
public sealed class AuditWriter(IServiceScopeFactory scopes)
{
    internal const int Capacity = 4_096;

    internal readonly record struct Pending(AuditEntry Entry, TaskCompletionSource Done);

    // Bounded: when the database falls far behind, requests wait to enqueue rather than pile up in memory.
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait, SingleReader = true,
    });

    internal ChannelReader<Pending> Queue => _queue.Reader;

    // Completes once the entry is committed; throws if it could not be written (the request then fails, unanswered).
    public async Task WriteAsync(AuditEntry entry, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Pending(entry, done), ct);
        }
        catch (ChannelClosedException)
        {
            // Stopping: the committer has gone, requests still draining write their own entry.
            await CommitAsync([entry]);
            return;
        }
        await done.Task.WaitAsync(ct);
    }

    internal void Complete() => _queue.Writer.TryComplete();

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
}

// Takes whatever is queued (up to Batch entries) and commits it in one transaction. A batch that fails is written
// entry by entry, so one bad entry fails only its own request.
internal sealed partial class AuditCommitter(AuditWriter writer, ILogger<AuditCommitter> logger) : BackgroundService
{
    private const int Batch = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditWriter.Pending>(Batch);
        // On stop the queue is closed and what is in it is still written.
        using var stopping = stoppingToken.Register(writer.Complete);
        while (await writer.Queue.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < Batch && writer.Queue.TryRead(out var pending)) batch.Add(pending);
            try
            {
                await writer.CommitAsync([.. batch.Select(p => p.Entry)]);
                foreach (var p in batch) p.Done.TrySetResult();
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogBatchFailed(logger, ex, batch.Count);
                foreach (var p in batch) await CommitOneAsync(p);
            }
            batch.Clear();
        }
    }

    private async Task CommitOneAsync(AuditWriter.Pending pending)
    {
        try
        {
            await writer.CommitAsync([pending.Entry]);
            pending.Done.TrySetResult();
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            pending.Done.TrySetException(ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "An audit batch of {Count} entries failed; writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
