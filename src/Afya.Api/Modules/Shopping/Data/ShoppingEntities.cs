using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Shopping.Data;

// A user's cart, or a guest's, known by the SHA-256 of the X-Cart-Token it was issued.
public sealed class Cart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? UserId { get; set; }
    public string? GuestKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    // The coupon the buyer applied; checked again each time the cart is shown and counted at checkout.
    public string? CouponCode { get; set; }
    public List<CartItem> Items { get; set; } = [];
    public List<CartServiceLine> Services { get; set; } = [];
}

public sealed class CartItem
{
    public int Id { get; set; }
    public Guid CartId { get; set; }
    public Guid ProductId { get; set; }

    // 0 when the product has no variants, so the unique index also holds for those rows.
    public int VariantId { get; set; }
    public int Quantity { get; set; }
    public DateTime AddedAt { get; set; }
}

// A technician service in the cart (Appointments' priced services), optionally for a product, at a preferred time.
// Each add is its own line: the same service for two products is two visits.
public sealed class CartServiceLine
{
    public int Id { get; set; }
    public Guid CartId { get; set; }
    public int ServiceId { get; set; }
    public int Quantity { get; set; }
    public Guid? ForProductId { get; set; }
    public DateTime? PreferredAt { get; set; }
    public string? Notes { get; set; }
    public DateTime AddedAt { get; set; }
}

public sealed class WishlistItem
{
    public int Id { get; set; }
    public Guid UserId { get; set; }
    public Guid ProductId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> b)
    {
        b.ToTable("shopping_carts");
        b.HasIndex(x => x.UserId).IsUnique();
        b.Property(x => x.GuestKey).HasMaxLength(64);
        b.Property(x => x.CouponCode).HasMaxLength(40);
        b.HasIndex(x => x.GuestKey).IsUnique();
        b.HasIndex(x => x.UpdatedAt);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.CartId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Services).WithOne().HasForeignKey(x => x.CartId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> b)
    {
        b.ToTable("shopping_cart_items");
        // One row per product and variant; products live in the catalog module, read through its contract,
        // so rows whose product is gone are dropped when the cart is read.
        b.HasIndex(x => new { x.CartId, x.ProductId, x.VariantId }).IsUnique();
    }
}

internal sealed class CartServiceLineConfiguration : IEntityTypeConfiguration<CartServiceLine>
{
    public void Configure(EntityTypeBuilder<CartServiceLine> b)
    {
        b.ToTable("shopping_cart_services");
        b.Property(x => x.Notes).HasMaxLength(1000);
        b.HasIndex(x => x.CartId);
    }
}

internal sealed class WishlistItemConfiguration : IEntityTypeConfiguration<WishlistItem>
{
    public void Configure(EntityTypeBuilder<WishlistItem> b)
    {
        b.ToTable("shopping_wishlist_items");
        b.HasIndex(x => new { x.UserId, x.ProductId }).IsUnique();
    }
}
