using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Admin.Data;

// A staff member's TOTP secret (encrypted with the app's data-protection keys) and the hashes of their unused
// recovery codes. Confirmed once the first code from the authenticator app has been typed back.
public sealed class StaffTwoFactor
{
    public Guid UserId { get; set; }
    public string ProtectedSecret { get; set; } = "";
    public DateTime? ConfirmedAt { get; set; }
    // The last 30-second step a code was accepted for: a code works once, never replayed inside its window.
    public long LastUsedStep { get; set; }
    public string RecoveryCodeHashes { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class StaffTwoFactorConfiguration : IEntityTypeConfiguration<StaffTwoFactor>
{
    public void Configure(EntityTypeBuilder<StaffTwoFactor> b)
    {
        b.ToTable("console_staff_two_factor");
        b.HasKey(x => x.UserId);
        b.Property(x => x.ProtectedSecret).HasMaxLength(500);
        b.Property(x => x.RecoveryCodeHashes).HasMaxLength(2000);
    }
}
