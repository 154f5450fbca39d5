using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Nodes;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Notifications;

// Claims due messages and delivers them, at least once. A claim is a lease (locked_until, locked_by): a node
// that dies mid-send leaves the message to another node when the lease runs out, or to itself at once when
// it restarts. A message the provider accepted just before the node died is sent again; emails keep their
// Message-ID (from the outbox id) so mail clients show one.
public sealed partial class OutboxDelivery(
    AfyaDb db, DatabaseSettings database, IEnumerable<IMessageTransport> transports, IOptions<OutboxOptions> options,
    NodeIdentity node, IOptions<NodeOptions> nodes, TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    // Delivers one batch; returns how many messages were attempted.
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var ids = await ClaimAsync(ct);
        foreach (var id in ids)
        {
            // Renewed per message: the batch lease may have run out while earlier ones were sent, and then
            // another node may have this one; sending it here too would be a duplicate.
            if (await RenewAsync(id, ct)) await DeliverAsync(id, ct);
        }
        return ids.Count;
    }

    private async Task<bool> RenewAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now.AddSeconds(options.Value.LockSeconds);
        var me = node.Id;
        return await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.Status == MessageStatus.Pending && m.LockedBy == me && m.LockedUntil != null && m.LockedUntil >= now)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, lease), ct) == 1;
    }

    private async Task<List<Guid>> ClaimAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now.AddSeconds(o.LockSeconds);
        var me = node.Id;
        // A lease whose node stopped heartbeating is free however long it had left.
        var silentSince = now.AddSeconds(-nodes.Value.DeadAfterSeconds);
        var dead = NodeLiveness.Dead(db, now, nodes.Value, me);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // SKIP LOCKED: nodes polling at once each take different rows instead of queueing on one.
            return await db.Database.SqlQuery<Guid>($"""
                UPDATE notifications_outbox SET locked_until = {lease}, locked_by = {me}
                WHERE id IN (
                    SELECT id FROM notifications_outbox
                    WHERE status = 'Pending' AND next_attempt_at <= {now}
                      AND (locked_until IS NULL OR locked_until < {now}
                           OR locked_by IN (SELECT node_id FROM platform_node_heartbeats WHERE seen_at < {silentSince} AND node_id <> {me}))
                    ORDER BY urgent DESC, next_attempt_at
                    LIMIT {o.BatchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(ct);
        }

        // SQLite has one writer at a time: claim each candidate with a conditional update.
        var candidates = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == MessageStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now || dead.Contains(m.LockedBy!)))
            .OrderByDescending(m => m.Urgent).ThenBy(m => m.NextAttemptAt).Take(o.BatchSize).Select(m => m.Id).ToListAsync(ct);
        var claimed = new List<Guid>(candidates.Count);
        foreach (var id in candidates)
        {
            var rows = await db.Set<OutboxMessage>()
                .Where(m => m.Id == id && m.Status == MessageStatus.Pending && (m.LockedUntil == null || m.LockedUntil < now || dead.Contains(m.LockedBy!)))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, lease).SetProperty(m => m.LockedBy, me), ct);
            if (rows == 1) claimed.Add(id);
        }
        return claimed;
    }

    private async Task DeliverAsync(Guid id, CancellationToken ct)
    {
        var message = await db.Set<OutboxMessage>().FirstAsync(m => m.Id == id, ct);
        var transport = transports.First(t => t.Handles(message.Channel));
        DeliveryResult result;
        try
        {
            result = await transport.SendAsync(message, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A transport bug must not stop the worker; the message is retried and the error kept for admins.
            LogTransportFailure(logger, ex, message.Id);
            result = new DeliveryResult(DeliveryOutcome.Transient, $"{ex.GetType().Name}: {ex.Message}");
        }
        // Recorded at once and whatever the shutdown says: until this is saved, a crash means a second send.
        Record(message, result);
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    private void Record(OutboxMessage message, DeliveryResult result)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.LockedUntil = null;
        message.LockedBy = null;
        message.LastError = result.Error is { Length: > 1000 } e ? e[..1000] : result.Error;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                message.Status = MessageStatus.Sent;
                message.SentAt = now;
                message.ProviderId = result.ProviderId is { Length: > 100 } p ? p[..100] : result.ProviderId;
                LogSent(logger, message.Id, message.Channel, message.Template);
                break;
            case DeliveryOutcome.Permanent:
                message.Status = MessageStatus.Failed;
                LogFailed(logger, message.Id, message.LastError);
                break;
            default:
                if (message.Attempts >= o.MaxAttempts)
                {
                    message.Status = MessageStatus.Dead;
                    LogDead(logger, message.Id, message.Attempts, message.LastError);
                }
                else
                {
                    message.NextAttemptAt = now + Backoff(message.Attempts, message.Urgent, o);
                }
                break;
        }
    }

    // Exponential: base * 2^(attempt-1), capped; urgent messages retry on a short fixed delay.
    public static TimeSpan Backoff(int attempts, bool urgent, OutboxOptions o) => urgent
        ? TimeSpan.FromSeconds(o.UrgentDelaySeconds)
        : TimeSpan.FromSeconds(Math.Min(o.MaxDelaySeconds, o.BaseDelaySeconds * Math.Pow(2, attempts - 1)));

    [LoggerMessage(LogLevel.Information, "Outbox message {Id} sent by {Channel} ({Template})")]
    private static partial void LogSent(ILogger logger, Guid id, MessageChannel channel, string template);

    [LoggerMessage(LogLevel.Warning, "Outbox message {Id} refused for good: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid id, string? error);

    [LoggerMessage(LogLevel.Error, "Outbox message {Id} is dead after {Attempts} attempts: {Error}")]
    private static partial void LogDead(ILogger logger, Guid id, int attempts, string? error);

    [LoggerMessage(LogLevel.Error, "Transport threw while sending outbox message {Id}")]
    private static partial void LogTransportFailure(ILogger logger, Exception exception, Guid id);
}

// A node that restarts cannot still be sending: the messages it had leased go out now, not when the lease ends.
internal sealed class OutboxLeaseRelease(AfyaDb db) : IStaleLeaseRelease
{
    public Task<int> ReleaseAsync(string nodeId, CancellationToken ct) =>
        db.Set<OutboxMessage>().Where(m => m.LockedBy == nodeId && m.LockedUntil != null && m.Status == MessageStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LockedBy, (string?)null), ct);
}

// Runs delivery in the background: on every commit signal and otherwise every poll interval.
internal sealed partial class OutboxWorker(IServiceScopeFactory scopes, OutboxSignal signal, IOptions<OutboxOptions> options,
    Platform.BackgroundRounds rounds, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                attempted = await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down for a moment; the next round tries again.
                LogRoundFailed(logger, ex);
            }
            rounds.Finished(nameof(OutboxWorker));
            if (attempted == 0)
            {
                try { await signal.WaitAsync(poll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Outbox delivery round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
