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

/// <summary>Told, inside the settling transaction, how a push that was not for an order ended.</summary>
public interface IMpesaSettlementListener
{
    /// <param name="paid">True for a confirmed payment with the asked amount and phone; false for a failure or expiry.</param>
    /// <returns>False only when the push is this listener's and a confirmed payment could no longer be taken (the purchase
    /// expired or was paid already): the payment is then flagged and refunded, never absorbed. True otherwise.</returns>
    Task<bool> OnSettledAsync(AfyaDb db, Guid transactionId, bool paid, string reference, CancellationToken ct);
}
