using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Identity.Data;

public sealed class User : IPublicNumbered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int PublicNumber { get; set; }
    public string? Email { get; set; }
    public string? NormalizedEmail { get; set; }
    public string? Username { get; set; }
    public string? NormalizedUsername { get; set; }
    public string? PasswordHash { get; set; }
    public string Name { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? PhoneNumber { get; set; }
    public bool PhoneVerified { get; set; }
    public bool EmailVerified { get; set; }
    public string? NationalId { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? County { get; set; }
    public string? AvatarKey { get; set; }
    public bool IsActive { get; set; } = true;

    // Changes whenever every session must end (password change or reset, deactivation).
    public string SecurityStamp { get; set; } = NewStamp();
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastLoginAt { get; set; }
    public List<UserRole> Roles { get; set; } = [];

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();
}

public sealed class UserRole
{
    public Guid UserId { get; set; }
    public required string Role { get; set; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    // Its own name, as the plain index on the same column has the default one; it says "phone" for DbErrors' hint.
    public const string VerifiedPhoneIndex = "ux_identity_users_verified_phone_number";

    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("identity_users");
        b.HasKey(x => x.Id);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.NormalizedEmail).HasMaxLength(254);
        b.HasIndex(x => x.NormalizedEmail).IsUnique();
        b.Property(x => x.Username).HasMaxLength(150);
        b.Property(x => x.NormalizedUsername).HasMaxLength(150);
        b.HasIndex(x => x.NormalizedUsername).IsUnique();
        b.Property(x => x.PhoneNumber).HasMaxLength(20);
        // A number is held only once an OTP to it proved it: unverified claims (typed in at sign-up or in the profile)
        // may repeat, so nobody can squat a number or learn from a refusal that it is known. The plain index serves
        // the release of unverified claims when someone proves the number.
        b.HasIndex(x => x.PhoneNumber);
        b.HasIndex(x => x.PhoneNumber, "VerifiedPhone").IsUnique().HasFilter("phone_verified").HasDatabaseName(VerifiedPhoneIndex);
        b.Property(x => x.PasswordHash).HasMaxLength(200);
        b.Property(x => x.Name).HasMaxLength(150);
        b.Property(x => x.FirstName).HasMaxLength(150);
        b.Property(x => x.LastName).HasMaxLength(150);
        b.Property(x => x.NationalId).HasMaxLength(32);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.County).HasMaxLength(100);
        b.Property(x => x.AvatarKey).HasMaxLength(200);
        b.Property(x => x.SecurityStamp).HasMaxLength(64);
        b.HasMany(x => x.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> b)
    {
        b.ToTable("identity_user_roles");
        b.HasKey(x => new { x.UserId, x.Role });
        b.Property(x => x.Role).HasMaxLength(32);
    }
}
