using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Coupons.Contracts;

/// <summary>
/// What a coupon takes off a subtotal, or why it cannot be used (<see cref="RefusalCode"/> is a problem code such as
/// COUPON_EXPIRED, <see cref="Refusal"/> the sentence for the buyer).
/// </summary>
public sealed record CouponQuote(string Code, long DiscountMinor, string? RefusalCode = null, string? Refusal = null, int Status = 200)
{
    /// <summary>True when the coupon applies.</summary>
    public bool Applies => RefusalCode is null;
}

/// <summary>The coupons as the cart and checkout use them.</summary>
public interface ICouponBook
{
    /// <summary>The discount the code would give this subtotal now (the cart's display); counts nothing.</summary>
    Task<CouponQuote> QuoteAsync(string code, Guid? userId, long subtotalMinor, CancellationToken ct);

    /// <summary>
    /// Counts one use for the order inside the caller's transaction, after the buyer's cart was emptied in it (which
    /// serializes one buyer's checkouts); the last use of a limited coupon goes to exactly one order.
    /// </summary>
    Task<CouponQuote> RedeemAsync(AfyaDb tx, string code, Guid userId, Guid orderId, long subtotalMinor, CancellationToken ct);

    /// <summary>Gives back the use an order made (a cancelled order), inside the caller's transaction; harmless when there is none.</summary>
    Task ReleaseAsync(AfyaDb tx, Guid orderId, CancellationToken ct);
}
