using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Identity.Data;

public enum OtpPurpose { Login, Register, PhoneChange }

// A one-time code sent to a phone, kept only as a keyed hash.
public sealed class OtpChallenge
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string PhoneNumber { get; set; }
    public OtpPurpose Purpose { get; set; }

    // For a phone change: the account asking for it.
    public Guid? UserId { get; set; }
    public required string CodeHash { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ConsumedAt { get; set; }
}

internal sealed class OtpChallengeConfiguration : IEntityTypeConfiguration<OtpChallenge>
{
    public void Configure(EntityTypeBuilder<OtpChallenge> b)
    {
        b.ToTable("identity_otp_challenges");
        b.HasKey(x => x.Id);
        b.Property(x => x.PhoneNumber).HasMaxLength(20);
        b.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.HasIndex(x => new { x.PhoneNumber, x.Purpose, x.CreatedAt });
        b.HasIndex(x => x.ExpiresAt);
    }
}
