using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Identity.Data;

// One admin change of an account's roles: who made it, when, from where, and the roles before and after
// (space-separated, sorted). Kept with no foreign keys, so the trail outlives the accounts it names.
public sealed class RoleChange
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public Guid ChangedBy { get; set; }
    public DateTime At { get; set; }
    public required string OldRoles { get; set; }
    public required string NewRoles { get; set; }
    public string? ClientAddress { get; set; }
}

internal sealed class RoleChangeConfiguration : IEntityTypeConfiguration<RoleChange>
{
    public void Configure(EntityTypeBuilder<RoleChange> b)
    {
        b.ToTable("identity_role_changes");
        b.Property(x => x.OldRoles).HasMaxLength(200);
        b.Property(x => x.NewRoles).HasMaxLength(200);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.HasIndex(x => new { x.UserId, x.At });
    }
}
