using System.Text;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Payments;

// Safaricom's casing, not the API's snake_case.
public sealed record CallbackAnswer(
    [property: JsonPropertyName("ResultCode")] int ResultCode,
    [property: JsonPropertyName("ResultDesc")] string ResultDesc);

// Safaricom's callback: no signature, may repeat, arrive late or never. Written to the inbox before it is answered,
// so nothing acknowledged is lost; settled later by MpesaInbox after Daraja confirms it. Unknown ids and unreadable
// bodies are logged and accepted, so Safaricom does not retry them and nothing here ever answers 500 to it.
public static partial class MpesaCallback
{
    private static readonly CallbackAnswer Accepted = new(0, "Accepted");

    public static async Task<Ok<CallbackAnswer>> Handle(HttpRequest request, AfyaDb db, CallbackQueue queue, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Afya.Payments.MpesaCallback");
        string json;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            var buffer = new char[65_536];
            var read = await reader.ReadBlockAsync(buffer, ct);
            json = new string(buffer, 0, read);
        }
        var facts = MpesaPayments.Read(json);
        if (facts is null)
        {
            LogUnreadable(logger, json.Length);
            return TypedResults.Ok(Accepted);
        }
        if (!await db.Set<MpesaTransaction>().AnyAsync(t => t.CheckoutRequestId == facts.CheckoutRequestId, ct))
        {
            LogUnknown(logger, facts.CheckoutRequestId);
            return TypedResults.Ok(Accepted);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new MpesaInboxEntry { CheckoutRequestId = facts.CheckoutRequestId, Body = json, ReceivedAt = now, NextAttemptAt = now };
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        queue.Add(entry.Id);
        return TypedResults.Ok(Accepted);
    }

    // The Reversal / B2C Result (and queue time-out) callback: a claim about a refund we asked for, stored the same way.
    public static async Task<Ok<CallbackAnswer>> Refund(HttpRequest request, AfyaDb db, CallbackQueue queue, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Afya.Payments.MpesaCallback");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[65_536];
        var json = new string(buffer, 0, await reader.ReadBlockAsync(buffer, ct));
        if (MpesaRefunds.ReadResult(json) is not { } result)
        {
            LogUnreadable(logger, json.Length);
            return TypedResults.Ok(Accepted);
        }
        if (!await db.Set<MpesaRefund>().AnyAsync(r => r.ConversationId == result.ConversationId, ct))
        {
            LogUnknown(logger, result.ConversationId);
            return TypedResults.Ok(Accepted);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new MpesaInboxEntry { Kind = "refund", CheckoutRequestId = result.ConversationId, Body = json, ReceivedAt = now, NextAttemptAt = now };
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        queue.Add(entry.Id);
        return TypedResults.Ok(Accepted);
    }

    // Daraja's Transaction Status answer about a refund, at the address whose token only Daraja was given: stored like
    // any callback; a wrong token is logged and accepted (answering anything else tells a prober nothing useful either).
    public static async Task<Ok<CallbackAnswer>> RefundStatus(string token, HttpRequest request, AfyaDb db, MpesaRefunds refunds, CallbackQueue queue,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Afya.Payments.MpesaCallback");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[65_536];
        var json = new string(buffer, 0, await reader.ReadBlockAsync(buffer, ct));
        if (refunds.RefundFromToken(token) is not { } refundId)
        {
            LogUnknown(logger, "refund status with a forged token");
            return TypedResults.Ok(Accepted);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new MpesaInboxEntry { Kind = "status", CheckoutRequestId = refundId.ToString("N"), Body = json, ReceivedAt = now, NextAttemptAt = now };
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        queue.Add(entry.Id);
        return TypedResults.Ok(Accepted);
    }

    [LoggerMessage(LogLevel.Warning, "Unreadable M-Pesa callback ({Length} characters) ignored")]
    private static partial void LogUnreadable(ILogger logger, int length);

    [LoggerMessage(LogLevel.Warning, "M-Pesa callback for unknown id {CheckoutRequestId} ignored")]
    private static partial void LogUnknown(ILogger logger, string checkoutRequestId);
}

// Processes inbox entries. Each is claimed by one conditional statement (a lease), so the fast path below and the
// periodic sweep on any node never settle the same entry at once; settling itself is idempotent besides.
public sealed class MpesaInbox(AfyaDb db, MpesaSettlement settlement, MpesaRefunds refunds, IOptions<MpesaOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async Task<bool> ProcessAsync(Guid entryId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        var claimed = await db.Set<MpesaInboxEntry>()
            .Where(e => e.Id == entryId && e.ProcessedAt == null && e.NextAttemptAt <= now && (e.LeaseUntil == null || e.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.LeaseUntil, until), ct);
        if (claimed == 0) return false;
        var entry = await db.Set<MpesaInboxEntry>().AsNoTracking().FirstAsync(e => e.Id == entryId, ct);
        var outcome = entry.Kind switch
        {
            "refund" => await refunds.ApplyResultAsync(entry.CheckoutRequestId, entry.Body, ct),
            "status" => await refunds.ApplyStatusAsync(Guid.ParseExact(entry.CheckoutRequestId, "N"), entry.Body, ct),
            _ => await settlement.SettleFromCallbackAsync(entry.CheckoutRequestId, entry.Body, ct),
        };
        var after = clock.GetUtcNow().UtcDateTime;
        var attempts = entry.Attempts + 1;
        if (outcome is null && attempts < options.Value.InboxMaxAttempts)
        {
            // Daraja is still processing (or unreachable): ask again with backoff, up to InboxMaxAttempts.
            var wait = TimeSpan.FromSeconds(Math.Min(options.Value.ReconcileAfterSeconds * Math.Pow(2, Math.Min(attempts - 1, 6)), 600));
            await db.Set<MpesaInboxEntry>().Where(e => e.Id == entryId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.NextAttemptAt, after + wait).SetProperty(e => e.LeaseUntil, (DateTime?)null), ct);
            return false;
        }
        // Given up on confirming from here: the push stays open and reconciliation owns it.
        await db.Set<MpesaInboxEntry>().Where(e => e.Id == entryId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Attempts, attempts)
            .SetProperty(e => e.ProcessedAt, after).SetProperty(e => e.Outcome, outcome ?? "unconfirmed; left to reconciliation"), ct);
        return true;
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<MpesaInboxEntry>().AsNoTracking()
            .Where(e => e.ProcessedAt == null && e.NextAttemptAt <= now && (e.LeaseUntil == null || e.LeaseUntil < now))
            .OrderBy(e => e.NextAttemptAt).Select(e => e.Id).Take(200).ToListAsync(ct);
        var done = 0;
        foreach (var id in due)
            if (await ProcessAsync(id, ct)) done++;
        return done;
    }
}

// The claimed sweep: entries left by a crash, by a failed fast path or waiting on their backoff.
public sealed class ProcessMpesaInbox(MpesaInbox inbox) : Platform.IPeriodicJob
{
    public Task<int> RunOnceAsync(CancellationToken ct) => inbox.SweepAsync(ct);
}

// The fast path: a callback just stored is processed at once on this node; losing this nudge (a crash) only delays it.
public sealed class CallbackQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();

    public void Add(Guid entryId) => _channel.Writer.TryWrite(entryId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

internal sealed partial class CallbackWorker(CallbackQueue queue, IServiceScopeFactory scopes, ILogger<CallbackWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MpesaInbox>().ProcessAsync(id, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The entry's lease runs out and the sweep takes it again.
                LogFailed(logger, ex, id);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Processing M-Pesa inbox entry {Id} failed; the sweep will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid id);
}
