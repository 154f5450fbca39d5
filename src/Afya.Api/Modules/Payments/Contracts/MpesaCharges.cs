using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Payments.Contracts;

/// <summary>A push started for something that is not an order: the transaction id to remember, or why M-Pesa refused.</summary>
public sealed record ChargeStart(Guid? TransactionId, string? CheckoutRequestId, string? Refused);

/// <summary>Generic M-Pesa charges for other modules (clinic packages): start a push, hear how it settled.</summary>
public interface IMpesaCharges
{
    /// <summary>Starts an STK push for whole shillings; phone in any Kenyan form. Null phone or amount out of range gives Refused.</summary>
    /// <param name="chargeId">The transaction's id, chosen by the caller and stored before the push, so an early callback finds its owner.</param>
    Task<ChargeStart> ChargeAsync(Guid chargeId, Guid userId, string phone, long shillings, string reference, string description, CancellationToken ct);
}

/// <summary>Something other than an order that a generic push may pay: its id, when it was bought, and what the push says.</summary>
public sealed record PayablePurchase(Guid Id, DateTime CreatedAt, string Reference, string Description);

/// <summary>Purchases other modules sell (clinic packages) that `POST /payments/mpesa/stk-push` without an order id may pay.</summary>
public interface IMpesaPayables
{
    /// <summary>The user's newest purchase waiting for money with this total in whole shillings, never pushed for; null when none.</summary>
    Task<PayablePurchase?> NewestUnpaidAsync(Guid userId, long shillings, CancellationToken ct);

    /// <summary>Ties the purchase to the push about to be sent, as one conditional statement; false when it was taken meanwhile.</summary>
    Task<bool> ClaimAsync(Guid purchaseId, Guid transactionId, CancellationToken ct);
}

/// <summary>Told, inside the settling transaction, how a push that was not for an order ended.</summary>
public interface IMpesaSettlementListener
{
    /// <param name="paid">True for a confirmed payment with the asked amount and phone; false for a failure or expiry.</param>
    /// <returns>False only when the push is this listener's and a confirmed payment could no longer be taken (the purchase
    /// expired or was paid already): the payment is then flagged and refunded, never absorbed. True otherwise.</returns>
    Task<bool> OnSettledAsync(AfyaDb db, Guid transactionId, bool paid, string reference, CancellationToken ct);

    /// <summary>Daraja confirmed money arrived but the amount or phone differ from what was asked: staff decide (accept,
    /// refund or reject); the purchase shows under review meanwhile.</summary>
    Task OnReviewAsync(AfyaDb db, Guid transactionId, string reason, CancellationToken ct);

    /// <summary>True when the purchase this push paid for was cancelled with its money to go back: reconciliation refunds
    /// a payment that arrived for it and was not refunded yet (the backstop for a crash after the cancellation).</summary>
    Task<bool> WithdrawnAsync(Guid transactionId, CancellationToken ct);
}

/// <summary>Money that arrived for something later cancelled goes back, in full and once, without waiting for staff.</summary>
public interface IMpesaReturns
{
    /// <summary>True while the push may still bring money (not yet sent, or sent and not settled).</summary>
    Task<bool> InFlightAsync(Guid transactionId, CancellationToken ct);

    /// <summary>Refunds the M-Pesa payment that arrived (confirmed or under review) for a cancelled order; false when
    /// nothing arrived or it has a refund already (a reconciliation run catches what a crash left out).</summary>
    Task<bool> ReturnOrderPaymentAsync(Guid orderId, string reason, CancellationToken ct);

    /// <summary>The same for a push that was not for an order (a clinic package), by its transaction id.</summary>
    Task<bool> ReturnChargeAsync(Guid transactionId, string reason, CancellationToken ct);
}
