using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Payments.Data;

// requested: written before the push is sent; pending: Daraja accepted it; succeeded / failed: settled by a confirmed
// result; flagged: Daraja confirms paid but amount or phone differ, or the thing was already paid, so staff look;
// expired: Daraja never gave a result within its window and our bounded attempts (a late confirmed success still counts).
// rejected: staff decided a flagged payment does not count (the order is payable again).
public enum MpesaStatus { Requested, Pending, Succeeded, Failed, Flagged, Expired, Rejected }

// Every STK push, with what was sent, what came back and how it was settled.
public sealed class MpesaTransaction : IPublicNumbered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    // Dira's integer transaction id (GET /payments/mpesa/transactions/{id}).
    public int PublicNumber { get; set; }

    // The client whose words the shared reads answer in: "dira" when the push was started with a Dira body (a push
    // without an order id, or with an integer one); null for Afya's own clients. See MpesaWords.
    public string? Surface { get; set; }
    public Guid? OrderId { get; set; }
    public Guid? UserId { get; set; }

    // 2547XXXXXXXX / 2541XXXXXXXX, as Daraja wants it.
    public required string Phone { get; set; }

    // Whole shillings, as Daraja takes them.
    public long Amount { get; set; }
    public required string AccountReference { get; set; }
    public required string Description { get; set; }
    public string? MerchantRequestId { get; set; }
    public string? CheckoutRequestId { get; set; }
    public MpesaStatus Status { get; set; } = MpesaStatus.Requested;
    public int? ResultCode { get; set; }
    public string? ResultDesc { get; set; }
    public string? ReceiptNumber { get; set; }
    public string? TransactionDate { get; set; }
    public string? FlagReason { get; set; }
    public string? RequestJson { get; set; }
    public string? ResponseJson { get; set; }
    public string? CallbackJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    // Reconciliation's backoff: how often Daraja was asked and when to ask next.
    public int QueryAttempts { get; set; }

    // Whole shillings sent back so far (refunds requested and not failed); never more than Amount.
    public long RefundedAmount { get; set; }
    public DateTime? NextQueryAt { get; set; }
}

// A callback as received, written before Safaricom gets its {"ResultCode": 0}: processed (confirmed by a query,
// then settled) from this table by a per-row claim, so a crash between the answer and the settling loses nothing.
public sealed class MpesaInboxEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    // stk (CheckoutRequestId is the push's), refund (a Result claim: the refund's ConversationID) or status (Daraja's
    // Transaction Status answer: the refund's id, from the token in its address).
    public string Kind { get; set; } = "stk";
    public required string CheckoutRequestId { get; set; }
    public required string Body { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? Outcome { get; set; }
}

// The admin's override of the MPESA_* settings; secrets encrypted with Data Protection.
public sealed class MpesaConfigRow
{
    public int Id { get; set; } = 1;
    public string? Environment { get; set; }
    public string? ConsumerKeyProtected { get; set; }
    public string? ConsumerSecretProtected { get; set; }
    public string? ShortCode { get; set; }
    public string? PasskeyProtected { get; set; }
    public string? CallbackUrl { get; set; }
    public string? BusinessName { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class MpesaTransactionConfiguration : IEntityTypeConfiguration<MpesaTransaction>
{
    public void Configure(EntityTypeBuilder<MpesaTransaction> b)
    {
        b.ToTable("payments_mpesa_transactions");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Phone).HasMaxLength(16);
        b.Property(x => x.AccountReference).HasMaxLength(12);
        b.Property(x => x.Description).HasMaxLength(13);
        b.Property(x => x.MerchantRequestId).HasMaxLength(64);
        b.Property(x => x.CheckoutRequestId).HasMaxLength(64);
        b.HasIndex(x => x.CheckoutRequestId).IsUnique();
        b.Property(x => x.ResultDesc).HasMaxLength(500);
        b.Property(x => x.ReceiptNumber).HasMaxLength(32);
        b.Property(x => x.TransactionDate).HasMaxLength(20);
        b.Property(x => x.FlagReason).HasMaxLength(500);
        b.Property(x => x.Surface).HasMaxLength(16);
        b.HasIndex(x => x.OrderId);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.Phone, x.CreatedAt });
        b.HasIndex(x => new { x.UserId, x.CreatedAt });
    }
}

internal sealed class MpesaInboxConfiguration : IEntityTypeConfiguration<MpesaInboxEntry>
{
    public void Configure(EntityTypeBuilder<MpesaInboxEntry> b)
    {
        b.ToTable("payments_mpesa_inbox");
        b.Property(x => x.Kind).HasMaxLength(8);
        b.Property(x => x.CheckoutRequestId).HasMaxLength(64);
        b.Property(x => x.Body).HasMaxLength(65_536);
        b.Property(x => x.Outcome).HasMaxLength(200);
        b.HasIndex(x => new { x.ProcessedAt, x.NextAttemptAt });
        b.HasIndex(x => x.CheckoutRequestId);
    }
}

internal sealed class MpesaConfigConfiguration : IEntityTypeConfiguration<MpesaConfigRow>
{
    public void Configure(EntityTypeBuilder<MpesaConfigRow> b)
    {
        b.ToTable("payments_mpesa_config");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Environment).HasMaxLength(16);
        b.Property(x => x.ShortCode).HasMaxLength(16);
        b.Property(x => x.CallbackUrl).HasMaxLength(500);
        b.Property(x => x.BusinessName).HasMaxLength(100);
    }
}
