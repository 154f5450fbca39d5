using Afya.Api.Modules.Coupons.Contracts;
using Afya.Api.Modules.Coupons.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Coupons;

// The one place a coupon's rules live: the cart's quote and checkout's redemption both ask Check.
internal sealed class CouponBook(AfyaDb db, TimeProvider clock) : ICouponBook
{
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public async Task<CouponQuote> QuoteAsync(string code, Guid? userId, long subtotalMinor, CancellationToken ct)
    {
        var coupon = await FindAsync(db, code, ct);
        var quote = Check(coupon, code, subtotalMinor, clock.GetUtcNow().UtcDateTime);
        if (!quote.Applies || coupon is null) return quote;
        if (coupon.UsageLimit is { } limit && coupon.TimesUsed >= limit) return Exhausted(coupon.Code);
        if (userId is { } user && coupon.PerUserLimit is { } perUser
            && await db.Set<CouponUse>().CountAsync(u => u.CouponId == coupon.Id && u.UserId == user, ct) >= perUser)
            return UserLimit(coupon.Code, perUser);
        return quote;
    }

    public async Task<CouponQuote> RedeemAsync(AfyaDb tx, string code, Guid userId, Guid orderId, long subtotalMinor, CancellationToken ct)
    {
        var coupon = await FindAsync(tx, code, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var quote = Check(coupon, code, subtotalMinor, now);
        if (!quote.Applies || coupon is null) return quote;
        // The buyer's cart lines were deleted in this transaction, so a second checkout of theirs waits or fails there:
        // counting their uses here cannot race with their own.
        if (coupon.PerUserLimit is { } perUser
            && await tx.Set<CouponUse>().CountAsync(u => u.CouponId == coupon.Id && u.UserId == userId, ct) >= perUser)
            return UserLimit(coupon.Code, perUser);
        // One conditional statement: of two buyers racing for the last use, the second finds the limit reached.
        var id = coupon.Id;
        var taken = await tx.Set<Coupon>()
            .Where(c => c.Id == id && c.IsActive && (c.UsageLimit == null || c.TimesUsed < c.UsageLimit))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.TimesUsed, c => c.TimesUsed + 1), ct);
        if (taken == 0) return Exhausted(coupon.Code);
        tx.Add(new CouponUse { CouponId = id, UserId = userId, OrderId = orderId, DiscountMinor = quote.DiscountMinor, At = now });
        return quote;
    }

    public async Task ReleaseAsync(AfyaDb tx, Guid orderId, CancellationToken ct)
    {
        var couponId = await tx.Set<CouponUse>().Where(u => u.OrderId == orderId).Select(u => (Guid?)u.CouponId).FirstOrDefaultAsync(ct);
        if (couponId is not { } id) return;
        if (await tx.Set<CouponUse>().Where(u => u.OrderId == orderId).ExecuteDeleteAsync(ct) == 0) return;
        await tx.Set<Coupon>().Where(c => c.Id == id && c.TimesUsed > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.TimesUsed, c => c.TimesUsed - 1), ct);
    }

    private static Task<Coupon?> FindAsync(AfyaDb db, string code, CancellationToken ct)
    {
        var wanted = Normalize(code);
        return db.Set<Coupon>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == wanted, ct);
    }

    // Whether the coupon applies to this subtotal at this time, and what it takes off (never more than the subtotal;
    // a percentage rounds down to the minor unit, so the shop never gives more than it said).
    internal static CouponQuote Check(Coupon? c, string code, long subtotalMinor, DateTime now)
    {
        if (c is null) return new(Normalize(code), 0, "COUPON_NOT_FOUND", "No coupon has this code.", StatusCodes.Status404NotFound);
        if (!c.IsActive) return new(c.Code, 0, "COUPON_INACTIVE", "This coupon is no longer offered.", StatusCodes.Status422UnprocessableEntity);
        if (c.StartsAt is { } from && now < from) return new(c.Code, 0, "COUPON_NOT_STARTED", $"This coupon can be used from {from:yyyy-MM-dd HH:mm} UTC.", StatusCodes.Status422UnprocessableEntity);
        if (c.EndsAt is { } to && now >= to) return new(c.Code, 0, "COUPON_EXPIRED", "This coupon has expired.", StatusCodes.Status422UnprocessableEntity);
        if (subtotalMinor <= 0) return new(c.Code, 0, "CART_EMPTY", "Add items to the cart before using a coupon.", StatusCodes.Status422UnprocessableEntity);
        if (subtotalMinor < c.MinSubtotalMinor)
            return new(c.Code, 0, "COUPON_MIN_SUBTOTAL", $"This coupon needs a subtotal of at least {Money.Format(c.MinSubtotalMinor, c.Currency)}.", StatusCodes.Status422UnprocessableEntity);
        var off = c.Kind == CouponKind.Percent ? subtotalMinor * (c.PercentOff ?? 0) / 100 : c.AmountOffMinor ?? 0;
        return new(c.Code, Math.Min(off, subtotalMinor));
    }

    private static CouponQuote Exhausted(string code) =>
        new(code, 0, "COUPON_EXHAUSTED", "This coupon has been used as many times as it may be.", StatusCodes.Status409Conflict);

    private static CouponQuote UserLimit(string code, int limit) =>
        new(code, 0, "COUPON_USER_LIMIT", limit == 1 ? "You have already used this coupon." : $"You have used this coupon {limit} times, as often as it may be.", StatusCodes.Status409Conflict);
}
