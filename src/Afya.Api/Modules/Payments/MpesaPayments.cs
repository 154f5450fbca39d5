using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Daraja;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Payments;

// Starts pushes and settles them, from a callback or from a query. Settling is one conditional statement on the
// transaction's status (requested/pending -> final), so duplicate, late and out-of-order callbacks change nothing twice.
public sealed partial class MpesaPayments(AfyaDb db, DarajaClient daraja, MpesaSettingsSource settings, IOrderPayments orders,
    Microsoft.Extensions.Options.IOptions<MpesaOptions> options, TimeProvider clock, ILogger<MpesaPayments> logger,
    IEnumerable<Contracts.IMpesaSettlementListener> listeners) : Contracts.IMpesaCharges
{
    public async Task<Contracts.ChargeStart> ChargeAsync(Guid chargeId, Guid userId, string phone, long shillings, string reference, string description, CancellationToken ct)
    {
        if (DarajaClient.NormalizePhone(phone) is not { } normal) return new(null, null, "The M-Pesa number must be a Kenyan mobile number (2547XXXXXXXX, 07XXXXXXXX).");
        if (shillings is < 1 or > 250_000) return new(null, null, "M-Pesa takes 1 to 250000 shillings.");
        return (await PushAsync(null, userId, normal, shillings, reference, description, ct, chargeId)).TryGet(out var ok, out var refused)
            ? new(ok.Transaction.Id, ok.Transaction.CheckoutRequestId, null)
            : new(null, null, refused.ProblemDetails.Detail);
    }

    public sealed record Started(MpesaTransaction Transaction, string CustomerMessage);

    // The push Daraja accepted, or a 502 problem saying whether M-Pesa refused it or could not be reached.
    public async Task<Result<Started>> PushAsync(Guid? orderId, Guid? userId, string phone, long amount, string reference,
        string description, CancellationToken ct, Guid? transactionId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var txn = new MpesaTransaction
        {
            Id = transactionId ?? Guid.CreateVersion7(),
            OrderId = orderId, UserId = userId, Phone = phone, Amount = amount, AccountReference = Cut(reference, 12), Description = Cut(description, 13),
            CreatedAt = now, UpdatedAt = now,
        };
        db.Add(txn);
        await db.SaveChangesAsync(ct);
        var s = await settings.CurrentAsync(ct);
        try
        {
            var accepted = await daraja.PushAsync(s, new StkPush(phone, amount, txn.AccountReference, txn.Description), ct);
            txn.MerchantRequestId = accepted.MerchantRequestId;
            txn.CheckoutRequestId = accepted.CheckoutRequestId;
            txn.RequestJson = accepted.RequestJson;
            txn.ResponseJson = accepted.ResponseJson;
            txn.Status = MpesaStatus.Pending;
            txn.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return new Started(txn, accepted.CustomerMessage);
        }
        catch (DarajaException ex)
        {
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            txn.Status = MpesaStatus.Failed;
            txn.ResultDesc = Cut(ex.Message, 500);
            txn.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            txn.CompletedAt = txn.UpdatedAt;
            if (orderId is { } id) await orders.FailAsync(db, id, $"M-Pesa push refused: {ex.Message}", CancellationToken.None);
            else foreach (var listener in listeners) await listener.OnSettledAsync(db, txn.Id, false, ex.Message, CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
            return Refused(ex);
        }
    }

    // A callback's facts, read leniently (items in any order, numbers as numbers or strings).
    public sealed record CallbackFacts(string CheckoutRequestId, int ResultCode, string ResultDesc, long? Amount, string? Receipt, string? Phone, string? Date);

    public static CallbackFacts? Read(string json)
    {
        var root = DarajaClient.Parse(json);
        if (root is not { } r || !r.TryGetProperty("Body", out var body) || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("stkCallback", out var cb) || cb.ValueKind != JsonValueKind.Object) return null;
        if (DarajaClient.Str(cb, "CheckoutRequestID") is not { Length: > 0 and <= 64 } id
            || !int.TryParse(DarajaClient.Str(cb, "ResultCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)) return null;
        var items = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (cb.TryGetProperty("CallbackMetadata", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("Item", out var list)
            && list.ValueKind == JsonValueKind.Array)
            foreach (var item in list.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object && DarajaClient.Str(item, "Name") is { } name) items[name] = DarajaClient.Str(item, "Value");
        long? amount = decimal.TryParse(items.GetValueOrDefault("Amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? Money.ToMpesaShillings(a) : null;
        return new CallbackFacts(id, code, DarajaClient.Str(cb, "ResultDesc") ?? "", amount, items.GetValueOrDefault("MpesaReceiptNumber"),
            items.GetValueOrDefault("PhoneNumber"), items.GetValueOrDefault("TransactionDate"));
    }

    // Settles a transaction from its stored callback: a success is believed only when Daraja's query agrees and the
    // amount and phone are the ones asked for; otherwise it is flagged (mismatch) or left for reconciliation (still processing).
    public async Task<string> SettleFromCallbackAsync(Guid transactionId, CancellationToken ct)
    {
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == transactionId, ct);
        if (txn is null || txn.Status is not (MpesaStatus.Pending or MpesaStatus.Requested) || txn.CallbackJson is null) return "already settled";
        var facts = Read(txn.CallbackJson);
        if (facts is null) return "unreadable";
        if (facts.ResultCode != 0) return await SettleAsync(txn, false, facts.ResultCode, facts.ResultDesc, null, null, null, ct);

        if (options.Value.ConfirmWithQuery)
        {
            var query = await QuerySafelyAsync(txn, ct);
            if (query?.ResultCode is not { } confirmed) return "awaiting confirmation";
            if (confirmed != 0)
            {
                LogContradicted(logger, txn.CheckoutRequestId!, confirmed);
                return await SettleAsync(txn, false, confirmed, query.ResultDesc, null, null, null, ct);
            }
        }
        var mismatch = new List<string>();
        if (facts.Amount != txn.Amount) mismatch.Add($"amount {facts.Amount?.ToString(CultureInfo.InvariantCulture) ?? "missing"} instead of {txn.Amount}");
        if (facts.Phone != txn.Phone) mismatch.Add($"phone {facts.Phone ?? "missing"} instead of {txn.Phone}");
        return await SettleAsync(txn, true, 0, facts.ResultDesc, facts.Receipt, facts.Date, mismatch.Count > 0 ? string.Join("; ", mismatch) : null, ct);
    }

    // Asks Daraja about a pending push (reconciliation, status reads); settles it when the answer is final.
    public async Task<string> SettleFromQueryAsync(MpesaTransaction txn, CancellationToken ct)
    {
        var query = await QuerySafelyAsync(txn, ct);
        if (query?.ResultCode is not { } code) return "still processing";
        return await SettleAsync(txn, code == 0, code, query.ResultDesc, null, null, null, ct);
    }

    private async Task<StkQueryResult?> QuerySafelyAsync(MpesaTransaction txn, CancellationToken ct)
    {
        try
        {
            return await daraja.QueryAsync(await settings.CurrentAsync(ct), txn.CheckoutRequestId!, ct);
        }
        catch (DarajaException ex)
        {
            LogQueryFailed(logger, ex, txn.CheckoutRequestId!);
            return null;
        }
    }

    private async Task<string> SettleAsync(MpesaTransaction txn, bool success, int code, string desc, string? receipt, string? date, string? mismatch,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var status = !success ? MpesaStatus.Failed : mismatch is null ? MpesaStatus.Succeeded : MpesaStatus.Flagged;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Set<MpesaTransaction>()
            .Where(t => t.Id == txn.Id && (t.Status == MpesaStatus.Pending || t.Status == MpesaStatus.Requested))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, status).SetProperty(t => t.ResultCode, code).SetProperty(t => t.ResultDesc, Cut(desc, 500))
                .SetProperty(t => t.ReceiptNumber, receipt).SetProperty(t => t.TransactionDate, date).SetProperty(t => t.FlagReason, mismatch)
                .SetProperty(t => t.UpdatedAt, now).SetProperty(t => t.CompletedAt, now), ct);
        if (rows == 0)
        {
            await tx.RollbackAsync(ct);
            return "already settled";
        }
        if (txn.OrderId is { } orderId)
        {
            if (status == MpesaStatus.Succeeded)
            {
                if (!await orders.MarkPaidAsync(db, orderId, receipt ?? txn.CheckoutRequestId!, "mpesa", ct)) LogPaidTwice(logger, orderId, txn.CheckoutRequestId!);
            }
            else if (status == MpesaStatus.Failed) await orders.FailAsync(db, orderId, $"M-Pesa {code}: {desc}", ct);
            else LogFlagged(logger, orderId, txn.CheckoutRequestId!, mismatch!);
        }
        else if (status != MpesaStatus.Flagged)
            foreach (var listener in listeners) await listener.OnSettledAsync(db, txn.Id, status == MpesaStatus.Succeeded, receipt ?? txn.CheckoutRequestId!, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return status.ToString();
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    private static ProblemHttpResult Refused(DarajaException ex) => ApiProblem.Of(StatusCodes.Status502BadGateway,
        ex.Transient ? "MPESA_UNAVAILABLE" : "MPESA_REJECTED", ex.Transient ? "M-Pesa could not be reached; try again." : "M-Pesa refused the payment request.",
        ex.Message, new Dictionary<string, object?> { ["mpesa_error_code"] = ex.ErrorCode });

    [LoggerMessage(LogLevel.Warning, "Callback for {CheckoutRequestId} said paid but Daraja's query says {ResultCode}: not paid")]
    private static partial void LogContradicted(ILogger logger, string checkoutRequestId, int resultCode);

    [LoggerMessage(LogLevel.Warning, "STK query for {CheckoutRequestId} failed")]
    private static partial void LogQueryFailed(ILogger logger, Exception exception, string checkoutRequestId);

    [LoggerMessage(LogLevel.Warning, "Order {OrderId} received a payment ({CheckoutRequestId}) it could not take (already paid or cancelled): review")]
    private static partial void LogPaidTwice(ILogger logger, Guid orderId, string checkoutRequestId);

    [LoggerMessage(LogLevel.Warning, "M-Pesa payment for order {OrderId} ({CheckoutRequestId}) flagged for review: {Mismatch}")]
    private static partial void LogFlagged(ILogger logger, Guid orderId, string checkoutRequestId, string mismatch);
}

// Callbacks are stored and answered at once; this worker settles them (which means asking Daraja) in the background.
public sealed class CallbackQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();
    private long _added, _done;

    public void Add(Guid transactionId)
    {
        Interlocked.Increment(ref _added);
        _channel.Writer.TryWrite(transactionId);
    }

    // True once every callback queued so far has been settled (or left to reconciliation): what tests wait for.
    public bool Idle => Interlocked.Read(ref _done) == Interlocked.Read(ref _added);

    internal void Done() => Interlocked.Increment(ref _done);

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
                await scope.ServiceProvider.GetRequiredService<MpesaPayments>().SettleFromCallbackAsync(id, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The transaction stays pending; reconciliation settles it.
                LogFailed(logger, ex, id);
            }
            finally
            {
                queue.Done();
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Settling M-Pesa transaction {Id} from its callback failed; reconciliation will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid id);
}

// Pushes still pending after ReconcileAfterSeconds are asked about, so a lost callback still settles the order.
// Pushes never confirmed sent (a crash between writing the row and Daraja's answer) are failed so the order is payable again.
public sealed class ReconcilePayments(AfyaDb db, MpesaPayments payments, Microsoft.Extensions.Options.IOptions<MpesaOptions> options,
    IOrderPayments orders, TimeProvider clock) : Platform.IPeriodicJob
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddSeconds(-options.Value.ReconcileAfterSeconds);
        var due = await db.Set<MpesaTransaction>().AsNoTracking()
            .Where(t => (t.Status == MpesaStatus.Pending || t.Status == MpesaStatus.Requested) && t.UpdatedAt < cutoff)
            .OrderBy(t => t.CreatedAt).Take(100).ToListAsync(ct);
        var settled = 0;
        foreach (var txn in due)
        {
            if (txn.Status == MpesaStatus.Requested)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var rows = await db.Set<MpesaTransaction>().Where(t => t.Id == txn.Id && t.Status == MpesaStatus.Requested)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, MpesaStatus.Failed).SetProperty(t => t.ResultDesc, "The push was never confirmed sent.")
                        .SetProperty(t => t.CompletedAt, now).SetProperty(t => t.UpdatedAt, now), ct);
                if (rows == 1 && txn.OrderId is { } id) await orders.FailAsync(db, id, "The M-Pesa push was never confirmed sent.", ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                settled += rows;
                continue;
            }
            if (await payments.SettleFromQueryAsync(txn, ct) is not ("still processing" or "already settled")) settled++;
        }
        return settled;
    }
}
