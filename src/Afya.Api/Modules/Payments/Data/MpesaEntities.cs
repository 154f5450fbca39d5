using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Payments.Data;

// requested: written before the push is sent; pending: Daraja accepted it; succeeded / failed: settled;
// flagged: Daraja says paid but amount or phone differ, so staff look before the order counts as paid.
public enum MpesaStatus { Requested, Pending, Succeeded, Failed, Flagged }

// Every STK push, with what was sent, what came back and how it was settled.
public sealed class MpesaTransaction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
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
        b.HasIndex(x => x.OrderId);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
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
