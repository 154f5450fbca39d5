using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Coupons.Data;

public enum CouponKind { Percent, Amount }

// A code a buyer types at the cart. Percent takes PercentOff of the products' subtotal (never shipping); Amount takes
// AmountOffMinor, at most the subtotal. TimesUsed counts orders that used it, kept by single conditional statements.
public sealed class Coupon
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    // Upper case; buyers' input is matched upper-cased.
    public required string Code { get; set; }
    public string Description { get; set; } = "";
    public CouponKind Kind { get; set; }
    public int? PercentOff { get; set; }
    public long? AmountOffMinor { get; set; }
    public long MinSubtotalMinor { get; set; }
    public string Currency { get; set; } = "KES";
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public int? UsageLimit { get; set; }
    public int? PerUserLimit { get; set; }
    public int TimesUsed { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

// One order's use of a coupon: what it took off. Removed (and the count given back) when the order is cancelled.
public sealed class CouponUse
{
    public int Id { get; set; }
    public Guid CouponId { get; set; }
    public Guid UserId { get; set; }
    public Guid OrderId { get; set; }
    public long DiscountMinor { get; set; }
    public DateTime At { get; set; }
}

internal sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> b)
    {
        b.ToTable("coupons_coupons");
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Description).HasMaxLength(500);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Currency).HasMaxLength(3);
    }
}

internal sealed class CouponUseConfiguration : IEntityTypeConfiguration<CouponUse>
{
    public void Configure(EntityTypeBuilder<CouponUse> b)
    {
        b.ToTable("coupons_uses");
        // One use per order; the per-user limit counts a user's rows.
        b.HasIndex(x => x.OrderId).IsUnique();
        b.HasIndex(x => new { x.CouponId, x.UserId });
        b.HasOne<Coupon>().WithMany().HasForeignKey(x => x.CouponId).OnDelete(DeleteBehavior.Restrict);
    }
}
