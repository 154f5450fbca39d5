using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Identity.Data;

// An opaque refresh token, kept only as its SHA-256; tokens rotated from one sign-in share a family.
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid FamilyId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    // Fixed by the first refresh: native rotation spends it, a simplejwt refresh keeps it usable. Null until then.
    public RefreshMode? Mode { get; set; }
}

public enum RefreshMode { Rotating, Reusable }

// An access token ended before its expiry (logout); kept until it would have expired anyway.
public sealed class RevokedAccessToken
{
    public required string Jti { get; set; }
    public Guid UserId { get; set; }
    public DateTime ExpiresAt { get; set; }
}

public enum OneTimePurpose { EmailVerification, PasswordReset }

// A link token sent by email (verification, password reset), kept only as its SHA-256.
public sealed class OneTimeToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public OneTimePurpose Purpose { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> b)
    {
        b.ToTable("identity_refresh_tokens");
        b.HasKey(x => x.Id);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.FamilyId);
        b.HasIndex(x => x.UserId);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(16);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevokedAccessTokenConfiguration : IEntityTypeConfiguration<RevokedAccessToken>
{
    public void Configure(EntityTypeBuilder<RevokedAccessToken> b)
    {
        b.ToTable("identity_revoked_access_tokens");
        b.HasKey(x => x.Jti);
        b.Property(x => x.Jti).HasMaxLength(64);
        b.HasIndex(x => x.ExpiresAt);
    }
}

internal sealed class OneTimeTokenConfiguration : IEntityTypeConfiguration<OneTimeToken>
{
    public void Configure(EntityTypeBuilder<OneTimeToken> b)
    {
        b.ToTable("identity_one_time_tokens");
        b.HasKey(x => x.Id);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(32);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
