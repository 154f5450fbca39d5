using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Orders.Data;

public enum OrderStatus { Pending, Confirmed, Processing, Shipped, Delivered, Cancelled, Refunded }

// under_review: money arrived but amount or phone differ from what was asked; staff accept, refund or reject.
public enum PaymentStatus { Unpaid, Pending, Paid, Failed, Refunded, UnderReview }

public enum PaymentMethod { Mpesa, CashOnDelivery }

public sealed class Order : IPublicNumbered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int PublicNumber { get; set; }

    // AFY-2026-000123: what people read out on the phone.
    public required string Number { get; set; }
    public Guid UserId { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.Pending;
    public PaymentStatus PaymentStatus { get; set; } = PaymentStatus.Unpaid;
    public PaymentMethod PaymentMethod { get; set; }
    public required string FullName { get; set; }
    public required string Email { get; set; }
    public required string Phone { get; set; }
    public string? MpesaPhone { get; set; }
    public required string ShippingAddress { get; set; }
    public required string City { get; set; }
    public string County { get; set; } = "";
    public string? PostalCode { get; set; }

    // The structured addresses as Dira's clients sent them (JSON), kept for display.
    public string? ShippingAddressJson { get; set; }
    public string? BillingAddressJson { get; set; }
    public string Notes { get; set; } = "";
    public string? PrescriptionId { get; set; }

    // Minor units of Currency.
    public long SubtotalMinor { get; set; }
    public long ShippingMinor { get; set; }

    // What a coupon took off the subtotal (TotalMinor = SubtotalMinor - DiscountMinor + ShippingMinor), and its code.
    public long DiscountMinor { get; set; }
    public string? CouponCode { get; set; }
    public long TotalMinor { get; set; }
    public string Currency { get; set; } = "KES";

    // Gapless, assigned when the order is paid.
    public string? InvoiceNumber { get; set; }
    public string? PaymentReference { get; set; }
    public DateTime? PaidAt { get; set; }

    // Set when staff ship the order (the admin status change to shipped).
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<OrderItem> Items { get; set; } = [];
    public List<OrderEvent> Timeline { get; set; } = [];
}

// What was bought, as it was at the time: later catalog changes do not rewrite history.
public sealed class OrderItem
{
    public int Id { get; set; }
    public Guid OrderId { get; set; }

    // Guid.Empty on a service line (ServiceId set): it sells no stock and counts as no purchase of a product.
    public Guid ProductId { get; set; }

    // A technician service (Appointments' priced services) instead of a product; its attributes say for what and when.
    public int? ServiceId { get; set; }
    public int VariantId { get; set; }
    public required string Name { get; set; }
    public string? VariantName { get; set; }
    public string? Sku { get; set; }
    public string AttributesJson { get; set; } = "{}";
    public long UnitPriceMinor { get; set; }
    public int Quantity { get; set; }
    public long LineTotalMinor { get; set; }

    // Not stored: whose orders a new line changes, for the cache (OrderTags); unset evicts every customer's.
    public Guid? Customer { get; set; }
}

// One entry of the order's tracking timeline: a status or payment change, who made it, why.
public sealed class OrderEvent
{
    public int Id { get; set; }
    public Guid OrderId { get; set; }
    public DateTime At { get; set; }

    // status or payment
    public required string Kind { get; set; }
    public string? From { get; set; }
    public required string To { get; set; }

    // A user id, or "system" / "mpesa" for automatic changes.
    public required string By { get; set; }
    public string Note { get; set; } = "";

    // Not stored: whose orders a new entry changes, for the cache (OrderTags); unset evicts every customer's.
    public Guid? Customer { get; set; }
}

// Named counters (invoice numbers; order numbers per year on SQLite) advanced inside the transaction that uses them,
// so a rolled-back order or payment leaves no gap.
public sealed class OrderCounter
{
    public required string Name { get; set; }
    public long Value { get; set; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders_orders");
        b.Property(x => x.Number).HasMaxLength(32);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PaymentStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PaymentMethod).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.FullName).HasMaxLength(150);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.MpesaPhone).HasMaxLength(20);
        b.Property(x => x.ShippingAddress).HasMaxLength(500);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.County).HasMaxLength(100);
        b.Property(x => x.PostalCode).HasMaxLength(20);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.PrescriptionId).HasMaxLength(64);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.CouponCode).HasMaxLength(40);
        b.Property(x => x.InvoiceNumber).HasMaxLength(32);
        // Partial: a new order has no invoice number yet, so checkout's insert does not write this index (docs/PERFORMANCE.md);
        // the numbers are unique as before (NULLs never clashed) and no query looks an order up by it.
        b.HasIndex(x => x.InvoiceNumber).IsUnique().HasFilter("invoice_number IS NOT NULL");
        b.Property(x => x.PaymentReference).HasMaxLength(64);
        b.Property(x => x.Carrier).HasMaxLength(100);
        b.Property(x => x.TrackingNumber).HasMaxLength(100);
        b.HasIndex(x => new { x.UserId, x.CreatedAt });
        b.HasIndex(x => new { x.Status, x.PaymentStatus, x.CreatedAt });
        // The staff console's order list pages its ids over these (newest first by default, or within one status), and
        // its dashboard sums paid orders by paid_at day from the last one's entries alone (covering).
        b.HasIndex(x => new { x.CreatedAt, x.Id }, "ix_orders_orders_created").HasDatabaseName("ix_orders_orders_created");
        b.HasIndex(x => new { x.Status, x.CreatedAt, x.Id }, "ix_orders_orders_status_created").HasDatabaseName("ix_orders_orders_status_created");
        b.HasIndex(x => new { x.TotalMinor, x.Id }, "ix_orders_orders_total").HasDatabaseName("ix_orders_orders_total");
        b.HasIndex(x => new { x.PaidAt, x.PaymentStatus, x.TotalMinor }, "ix_orders_orders_paid").HasDatabaseName("ix_orders_orders_paid");
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Timeline).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> b)
    {
        b.ToTable("orders_items");
        b.Ignore(x => x.Customer);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.VariantName).HasMaxLength(200);
        b.Property(x => x.Sku).HasMaxLength(64);
        // Purchase records ask "did anyone order this product" and "did this user buy it".
        b.HasIndex(x => x.ProductId);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.ToTable("orders_events");
        b.Ignore(x => x.Customer);
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.From).HasMaxLength(16);
        b.Property(x => x.To).HasMaxLength(16);
        b.Property(x => x.By).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => x.OrderId);
    }
}

internal sealed class OrderCounterConfiguration : IEntityTypeConfiguration<OrderCounter>
{
    public void Configure(EntityTypeBuilder<OrderCounter> b)
    {
        b.ToTable("orders_counters");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(32);
    }
}
