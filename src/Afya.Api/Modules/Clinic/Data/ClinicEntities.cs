using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Clinic.Data;

// A package the clinic sells: a price, a length, and services included a number of times each.
public sealed class ServicePackage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string NameEn { get; set; }
    public required string NameAr { get; set; }
    public string DescriptionEn { get; set; } = "";
    public string DescriptionAr { get; set; } = "";

    // Minor units of Currency: fils for KWD (3 decimals), cents for KES (2).
    public long PriceMinor { get; set; }
    public required string Currency { get; set; }
    public int DurationDays { get; set; }
    public bool IsActive { get; set; } = true;
    public int DisplayOrder { get; set; }
    public List<PackageService> Services { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class PackageService
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PackageId { get; set; }
    public required string Service { get; set; }
    public int Count { get; set; }
}

public enum SubscriptionStatus { PendingPayment, Queued, Active, Expired, Cancelled, PaymentFailed, UnderReview }

// One purchase of a package. Name, price and services are copied at purchase, so later edits change no one's purchase.
// Queued and active subscriptions carry their dates: a queued one starts when the one before it ends.
public sealed class Subscription
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid PackageId { get; set; }
    public required string NameEn { get; set; }
    public required string NameAr { get; set; }
    public long PriceMinor { get; set; }
    public required string Currency { get; set; }
    public int DurationDays { get; set; }
    public SubscriptionStatus Status { get; set; }
    public required string PaymentMethod { get; set; }
    public string? PaymentReference { get; set; }
    public Guid? MpesaTransactionId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PaidAt { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public bool Refunded { get; set; }
    public DateTime? ReminderSentAt { get; set; }
    public DateTime? ExpiryNoticeSentAt { get; set; }
    public List<SubscriptionAllowance> Allowances { get; set; } = [];
    public List<SubscriptionUsage> Usages { get; set; } = [];
}

// How many times a subscription may use a service, and how many it has; Used moves by one conditional statement.
public sealed class SubscriptionAllowance
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubscriptionId { get; set; }
    public required string Service { get; set; }
    public int Included { get; set; }
    public int Used { get; set; }
}

public sealed class SubscriptionUsage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubscriptionId { get; set; }
    public required string Service { get; set; }
    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTime At { get; set; }
}

internal sealed class ServicePackageConfiguration : IEntityTypeConfiguration<ServicePackage>
{
    public void Configure(EntityTypeBuilder<ServicePackage> b)
    {
        b.ToTable("clinic_packages");
        b.Property(x => x.NameEn).HasMaxLength(150);
        b.Property(x => x.NameAr).HasMaxLength(150);
        b.Property(x => x.DescriptionEn).HasMaxLength(2000);
        b.Property(x => x.DescriptionAr).HasMaxLength(2000);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.HasMany(x => x.Services).WithOne().HasForeignKey(s => s.PackageId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.IsActive, x.DisplayOrder });
    }
}

internal sealed class PackageServiceConfiguration : IEntityTypeConfiguration<PackageService>
{
    public void Configure(EntityTypeBuilder<PackageService> b)
    {
        b.ToTable("clinic_package_services");
        b.Property(x => x.Service).HasMaxLength(64);
        b.HasIndex(x => new { x.PackageId, x.Service }).IsUnique();
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("clinic_subscriptions");
        b.Property(x => x.NameEn).HasMaxLength(150);
        b.Property(x => x.NameAr).HasMaxLength(150);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PaymentMethod).HasMaxLength(16);
        b.Property(x => x.PaymentReference).HasMaxLength(64);
        b.HasIndex(x => new { x.UserId, x.Status });
        // One package in force per user, and no two active or queued ones starting at the same moment: what keeps
        // concurrent activations from overlapping (see Subscriptions.ActivateAsync).
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("status = 'Active'").HasDatabaseName("ux_clinic_subscriptions_one_active");
        b.HasIndex(x => new { x.UserId, x.StartsAt }).IsUnique().HasFilter("status IN ('Active', 'Queued')").HasDatabaseName("ux_clinic_subscriptions_one_start");
        b.HasIndex(x => new { x.Status, x.EndsAt });
        b.HasIndex(x => x.MpesaTransactionId);
        b.HasMany(x => x.Allowances).WithOne().HasForeignKey(a => a.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Usages).WithOne().HasForeignKey(a => a.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriptionAllowanceConfiguration : IEntityTypeConfiguration<SubscriptionAllowance>
{
    public void Configure(EntityTypeBuilder<SubscriptionAllowance> b)
    {
        b.ToTable("clinic_subscription_allowances");
        b.Property(x => x.Service).HasMaxLength(64);
        b.HasIndex(x => new { x.SubscriptionId, x.Service }).IsUnique();
    }
}

internal sealed class SubscriptionUsageConfiguration : IEntityTypeConfiguration<SubscriptionUsage>
{
    public void Configure(EntityTypeBuilder<SubscriptionUsage> b)
    {
        b.ToTable("clinic_subscription_usages");
        b.Property(x => x.Service).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.By).HasMaxLength(64);
    }
}
