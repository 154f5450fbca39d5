using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Orders.Contracts;

/// <summary>What the payments module may know of an order it is asked to collect.</summary>
/// <param name="PaymentStatus">unpaid, pending, paid, failed or refunded.</param>
public sealed record PayableOrder(Guid Id, string Number, Guid UserId, long TotalMinor, string Currency, string Status, string PaymentStatus,
    string PaymentMethod, string? MpesaPhone, DateTime CreatedAt = default);

/// <summary>The outcome of asking to start a payment.</summary>
public enum PaymentStart { Started, AlreadyPending, AlreadyPaid, NotPayable, UnderReview }

/// <summary>Payment changes the payments module makes to orders; each writes its timeline entry and mail through the caller's context.</summary>
public interface IOrderPayments
{
    /// <summary>The order when the caller may see it (its customer, or staff); null when it does not exist or is someone else's.</summary>
    Task<PayableOrder?> FindAsync(Guid orderId, CurrentUser caller, CancellationToken ct);

    /// <summary>The order with this public number when the caller may see it, as <see cref="FindAsync"/> decides.</summary>
    Task<PayableOrder?> FindByNumberAsync(int number, CurrentUser caller, CancellationToken ct);

    /// <summary>The order's public number (Dira's integer id), whoever asks; null when there is no such order.</summary>
    Task<int?> NumberOfAsync(Guid orderId, CancellationToken ct);

    /// <summary>unpaid or failed -> pending, as one conditional statement: a second push while one is pending is refused.</summary>
    Task<PaymentStart> StartAsync(AfyaDb db, Guid orderId, string by, CancellationToken ct);

    /// <summary>pending or under_review -> failed (the order stays payable); reason goes on the timeline.</summary>
    Task FailAsync(AfyaDb db, Guid orderId, string reason, CancellationToken ct);

    /// <summary>pending or failed -> under_review: money arrived but differs from what was asked; staff decide.</summary>
    Task ReviewAsync(AfyaDb db, Guid orderId, string reason, CancellationToken ct);

    /// <summary>True when the order was cancelled (a payment still under review for it is then refunded).</summary>
    Task<bool> IsCancelledAsync(Guid orderId, CancellationToken ct);

    /// <summary>Money went back to the customer. Whole and the order was paid by it: the order is refunded and, when nothing
    /// was shipped, its stock returns. Otherwise a timeline note.</summary>
    Task RefundedAsync(AfyaDb db, Guid orderId, long shillings, bool whole, string reference, CancellationToken ct);

    /// <summary>The caller's newest unpaid (or failed) order whose total is these whole shillings; null when none.</summary>
    Task<PayableOrder?> NewestPayableAsync(CurrentUser caller, long shillings, CancellationToken ct);

    /// <summary>-> paid (and pending -> confirmed), invoice number assigned, receipt mail with the invoice queued. False when already paid.</summary>
    Task<bool> MarkPaidAsync(AfyaDb db, Guid orderId, string reference, string by, CancellationToken ct);
}
