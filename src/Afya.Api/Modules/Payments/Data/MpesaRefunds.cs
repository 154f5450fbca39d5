using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Payments.Data;

// requested: written before Daraja is asked; pending: Daraja queued it; succeeded / failed: its Result said so.
public enum RefundStatus { Requested, Pending, Succeeded, Failed }

// Money sent back for one payment: the whole of it by the Reversal API, part of it by a B2C payment.
public sealed class MpesaRefund
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TransactionId { get; set; }
    public Guid? OrderId { get; set; }
    public long Amount { get; set; }

    // reversal | b2c
    public required string Method { get; set; }
    public RefundStatus Status { get; set; } = RefundStatus.Requested;
    public string? ConversationId { get; set; }
    public string? OriginatorConversationId { get; set; }
    public int? ResultCode { get; set; }
    public string? ResultDesc { get; set; }
    public required string Reason { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    // Reconciliation asks Transaction Status about a refund whose Result never came: how often, and when next.
    public int StatusQuestions { get; set; }
    public DateTime? NextStatusAt { get; set; }
}

// Who did what to a payment under review, when and why (accept, reject, refund), as an append-only trail.
public sealed class MpesaReview
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TransactionId { get; set; }
    public required string Action { get; set; }
    public required string By { get; set; }
    public required string Note { get; set; }
    public DateTime At { get; set; }
}

internal sealed class MpesaRefundConfiguration : IEntityTypeConfiguration<MpesaRefund>
{
    public void Configure(EntityTypeBuilder<MpesaRefund> b)
    {
        b.ToTable("payments_mpesa_refunds");
        b.Property(x => x.Method).HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ConversationId).HasMaxLength(64);
        b.Property(x => x.OriginatorConversationId).HasMaxLength(64);
        b.Property(x => x.ResultDesc).HasMaxLength(500);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.RequestedBy).HasMaxLength(64);
        b.HasIndex(x => x.TransactionId);
        b.HasIndex(x => new { x.Status, x.NextStatusAt });
        b.HasIndex(x => x.ConversationId).IsUnique();
        b.HasIndex(x => x.OriginatorConversationId).IsUnique();
    }
}

internal sealed class MpesaReviewConfiguration : IEntityTypeConfiguration<MpesaReview>
{
    public void Configure(EntityTypeBuilder<MpesaReview> b)
    {
        b.ToTable("payments_mpesa_reviews");
        b.Property(x => x.Action).HasMaxLength(16);
        b.Property(x => x.By).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.TransactionId);
    }
}
