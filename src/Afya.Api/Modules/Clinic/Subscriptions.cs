using System.Text.Json;
using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Modules.Payments.Contracts;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Clinic;

public sealed record AllowanceResponse(string Service, int Included, int Used, int Remaining);
public sealed record UsageResponse(Guid Id, string Service, string? Note, DateTime At);

public sealed record SubscriptionResponse(Guid Id, Guid PackageId, string Name, string NameAr, decimal Price, long PriceMinor, string Currency, int DurationDays,
    string Status, string PaymentMethod, string? PaymentReference, DateTime CreatedAt, DateTime? PaidAt, DateTime? StartsAt, DateTime? EndsAt,
    DateTime? CancelledAt, bool Refunded, int? DaysRemaining, IReadOnlyList<AllowanceResponse> Services, IReadOnlyList<UsageResponse> Usage)
{
    public string? CheckoutRequestId { get; init; }

    // Shown to staff (the admin list); a customer's own answers leave it out.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Guid? UserId { get; init; }

    public static SubscriptionResponse From(Subscription s, DateTime now) => new(s.Id, s.PackageId, s.NameEn, s.NameAr,
        Platform.Money.ToDecimal(s.PriceMinor, s.Currency), s.PriceMinor, s.Currency, s.DurationDays, Subscriptions.Name(s.Status), s.PaymentMethod,
        s.PaymentReference, s.CreatedAt, s.PaidAt, s.StartsAt, s.EndsAt, s.CancelledAt, s.Refunded,
        s.EndsAt is { } end && s.Status is SubscriptionStatus.Active or SubscriptionStatus.Queued ? Subscriptions.DaysLeft(end, now) : null,
        s.Allowances.OrderBy(a => a.Service, StringComparer.Ordinal).Select(a => new AllowanceResponse(a.Service, a.Included, a.Used, a.Included - a.Used)).ToList(),
        s.Usages.OrderBy(u => u.At).Select(u => new UsageResponse(u.Id, u.Service, u.Note, u.At)).ToList());
}

// The life of a subscription: pending_payment -> active (or queued behind the one in force) -> expired; cancelled by staff;
// payment_failed when M-Pesa says no. Every move is one conditional statement on the current status.
public sealed class Subscriptions(AfyaDb db, TimeProvider clock, IAccountChanges accounts)
{
    // The profile (/auth/me) shows the package in force: every move of one tells Identity.
    public void ProfileChanged(Guid userId) => accounts.Changed(userId);

    public static string Name(SubscriptionStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static int DaysLeft(DateTime end, DateTime now) => Math.Max(0, (int)Math.Ceiling((end - now).TotalDays));

    public Task<Subscription?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Set<Subscription>().AsNoTracking().Include(s => s.Allowances).Include(s => s.Usages).FirstOrDefaultAsync(s => s.Id == id, ct);

    // The subscription in force now: active, or queued whose start has come before the job noticed.
    public Task<Subscription?> InForceAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Subscription>().AsNoTracking().Include(s => s.Allowances).Include(s => s.Usages)
            .Where(s => s.UserId == userId && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Queued) && s.StartsAt <= now && s.EndsAt > now)
            .OrderBy(s => s.StartsAt).FirstOrDefaultAsync(ct);
    }

    // Paid (or free): starts now, or when the last active or queued one ends. False when it was not pending.
    // Two activations for one user at once (a double confirm, two free purchases) both read "nothing active"; the partial
    // unique indexes (one active per user, one start per user) refuse the second write, which then reads again and queues.
    // paid: false for a cash package activated before the money is taken (Clinic__ActivateCashAtOnce): PaidAt stays empty.
    public async Task<bool> ActivateAsync(Guid id, string? reference, CancellationToken ct, bool paid = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var sub = await db.Set<Subscription>().AsNoTracking().Where(s => s.Id == id).Select(s => new { s.UserId, s.DurationDays, s.Status }).FirstOrDefaultAsync(ct);
            if (sub is null || sub.Status is not (SubscriptionStatus.PendingPayment or SubscriptionStatus.UnderReview)) return false;
            var lastEnd = await db.Set<Subscription>().AsNoTracking()
                .Where(s => s.UserId == sub.UserId && s.Id != id && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Queued) && s.EndsAt > now)
                .MaxAsync(s => s.EndsAt, ct);
            var start = lastEnd ?? now;
            var end = start.AddDays(sub.DurationDays);
            var status = start <= now ? SubscriptionStatus.Active : SubscriptionStatus.Queued;
            // Inside a caller's transaction (an M-Pesa settlement) a refused write must not doom the rest of it (PostgreSQL).
            var outer = db.Database.CurrentTransaction;
            if (outer is not null) await outer.CreateSavepointAsync("activate", ct);
            try
            {
                var rows = await db.Set<Subscription>().Where(s => s.Id == id && s.Status == sub.Status)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.StartsAt, start).SetProperty(s => s.EndsAt, end)
                        .SetProperty(s => s.PaidAt, paid ? now : null).SetProperty(s => s.PaymentReference, s => reference ?? s.PaymentReference), ct);
                if (rows == 1) ProfileChanged(sub.UserId);
                return rows == 1;
            }
            catch (Exception ex) when (attempt < 10 && DbErrors.IsUniqueViolation(ex))
            {
                if (outer is not null) await outer.RollbackToSavepointAsync("activate", ct);
            }
        }
    }

    public async Task<bool> FailAsync(Guid id, CancellationToken ct) =>
        await db.Set<Subscription>().Where(s => s.Id == id && (s.Status == SubscriptionStatus.PendingPayment || s.Status == SubscriptionStatus.UnderReview))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.PaymentFailed), ct) == 1;

    // Cancels by staff (any not yet ended) or by its owner (only while nothing is in force: waiting for money, or under
    // review). Money that arrived by M-Pesa goes back through the payments module at once when refunded: always for a
    // payment under review, when staff ask for a paid one. A cash refund is recorded only (paid back at the desk).
    public async Task<Result<Subscription>> CancelAsync(Guid id, Guid? owner, bool refund, IMpesaReturns returns, CancellationToken ct)
    {
        var s = await db.Set<Subscription>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && (owner == null || x.UserId == owner), ct);
        if (s is null) return ApiProblem.NotFound("subscription", "SUBSCRIPTION_NOT_FOUND");
        SubscriptionStatus[] cancellable = owner is null
            ? [SubscriptionStatus.PendingPayment, SubscriptionStatus.Queued, SubscriptionStatus.Active, SubscriptionStatus.UnderReview]
            : [SubscriptionStatus.PendingPayment, SubscriptionStatus.UnderReview];
        if (!cancellable.Contains(s.Status)) return ApiProblem.Conflict("NOT_CANCELLABLE", $"The subscription is {Name(s.Status)}.");
        // A push still open may yet bring money; the owner waits for it (staff may cancel: a late payment is then refunded).
        if (owner is not null && s.Status == SubscriptionStatus.PendingPayment && s.MpesaTransactionId is { } pushed && await returns.InFlightAsync(pushed, ct))
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "PAYMENT_PENDING", "A payment is in progress; wait for it to finish.");
        var moneyBack = s.Status == SubscriptionStatus.UnderReview || (refund && s.PaidAt != null);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = s.Status;
        var rows = await db.Set<Subscription>().Where(x => x.Id == id && x.Status == from)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SubscriptionStatus.Cancelled).SetProperty(x => x.CancelledAt, now)
                .SetProperty(x => x.Refunded, moneyBack), ct);
        if (rows == 0) return ApiProblem.Conflict("SUBSCRIPTION_CHANGED", "The subscription changed meanwhile; reload it.");
        if (moneyBack && s.MpesaTransactionId is { } paidBy)
            await returns.ReturnChargeAsync(paidBy, from == SubscriptionStatus.UnderReview
                ? "The package was cancelled while its payment was under review." : "The package was cancelled and refunded by staff.",
                CancellationToken.None); // committed: a client that hangs up must not leave the refund half asked for
        ProfileChanged(s.UserId);
        return (await LoadAsync(id, ct))!;
    }

    // Money arrived with the wrong amount or from the wrong phone: staff decide; accept activates, reject fails it.
    public async Task<bool> ReviewAsync(Guid id, CancellationToken ct) =>
        await db.Set<Subscription>().Where(s => s.Id == id && s.Status == SubscriptionStatus.PendingPayment)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.UnderReview), ct) == 1;
}

// A push for a subscription settled: paid activates it, failed marks it.
internal sealed partial class SubscriptionPayments(Subscriptions subscriptions, AfyaDb db, ILogger<SubscriptionPayments> logger) : IMpesaSettlementListener
{
    [LoggerMessage(LogLevel.Warning, "Subscription {SubscriptionId} was paid ({Reference}) but is no longer pending (expired or cancelled): flagged and refunded")]
    private static partial void LogPaidLate(ILogger logger, Guid subscriptionId, string reference);

    public async Task OnReviewAsync(AfyaDb _, Guid transactionId, string reason, CancellationToken ct)
    {
        var id = await db.Set<Subscription>().AsNoTracking().Where(s => s.MpesaTransactionId == transactionId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (id is not null) await subscriptions.ReviewAsync(id.Value, ct);
    }

    public Task<bool> WithdrawnAsync(Guid transactionId, CancellationToken ct) =>
        db.Set<Subscription>().AnyAsync(s => s.MpesaTransactionId == transactionId && s.Status == SubscriptionStatus.Cancelled && s.Refunded, ct);

    public async Task<bool> OnSettledAsync(AfyaDb _, Guid transactionId, bool paid, string reference, CancellationToken ct)
    {
        var id = await db.Set<Subscription>().AsNoTracking().Where(s => s.MpesaTransactionId == transactionId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (id is null) return true;
        if (!paid)
        {
            await subscriptions.FailAsync(id.Value, ct);
            return true;
        }
        if (await subscriptions.ActivateAsync(id.Value, reference, ct)) return true;
        LogPaidLate(logger, id.Value, reference);
        return false;
    }
}

internal sealed class ActivePackageReader(Subscriptions subscriptions, TimeProvider clock) : IActivePackageReader
{
    public async Task<ProfilePackage?> ActiveAsync(Guid userId, CancellationToken ct)
    {
        var s = await subscriptions.InForceAsync(userId, ct);
        if (s is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var end = s.EndsAt!.Value;
        var daysLeft = Subscriptions.DaysLeft(end, now);
        return new ProfilePackage(s.Id, s.PackageId, s.NameEn, s.NameAr, "active", s.StartsAt!.Value, end, daysLeft,
            s.Allowances.OrderBy(a => a.Service, StringComparer.Ordinal).Select(a => new ProfilePackageService(a.Service, a.Included, a.Used, a.Included - a.Used)).ToList())
        {
            // Days left are rounded up, so the count drops when exactly daysLeft - 1 whole days remain (at the end, the last time).
            ChangesAt = end - TimeSpan.FromDays(Math.Max(0, daysLeft - 1)),
        };
    }
}

// Packages a generic push may pay: the user's pending purchases in KES never pushed for (a cash purchase not yet paid at
// the desk). One that had an M-Pesa push keeps pointing at it, so a late payment of that push still finds its purchase.
internal sealed class SubscriptionPayables(AfyaDb db) : IMpesaPayables
{
    public async Task<PayablePurchase?> NewestUnpaidAsync(Guid userId, long shillings, CancellationToken ct)
    {
        var open = await db.Set<Subscription>().AsNoTracking()
            .Where(s => s.UserId == userId && s.Status == SubscriptionStatus.PendingPayment && s.MpesaTransactionId == null && s.Currency == "KES" && s.PriceMinor > 0)
            .OrderByDescending(s => s.CreatedAt).Take(20).Select(s => new { s.Id, s.CreatedAt, s.PriceMinor }).ToListAsync(ct);
        var match = open.FirstOrDefault(s => Platform.Money.ToMpesaShillings(s.PriceMinor) == shillings);
        return match is null ? null : new PayablePurchase(match.Id, match.CreatedAt, "PKG-" + match.Id.ToString("N")[^8..].ToUpperInvariant(), "Clinic package");
    }

    public async Task<bool> ClaimAsync(Guid purchaseId, Guid transactionId, CancellationToken ct) =>
        await db.Set<Subscription>().Where(s => s.Id == purchaseId && s.Status == SubscriptionStatus.PendingPayment && s.MpesaTransactionId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.MpesaTransactionId, transactionId).SetProperty(s => s.PaymentMethod, "mpesa"), ct) == 1;
}
