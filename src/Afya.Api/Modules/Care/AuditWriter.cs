using System.Threading.Channels;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Data;

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

    internal async Task CommitAsync(IEnumerable<AuditEntry> entries)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        // Fresh rows each attempt: a failed batch may have given some of them ids.
        db.AddRange(entries.Select(e => new AuditEntry
        {
            At = e.At, ActorId = e.ActorId, ActorRole = e.ActorRole, Action = e.Action, PatientId = e.PatientId, Resource = e.Resource,
            ClientAddress = e.ClientAddress, Outcome = e.Outcome,
        }));
        await db.SaveChangesAsync(CancellationToken.None);
    }
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
                await writer.CommitAsync(batch.Select(p => p.Entry));
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
