using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Shopping.Data;

// A delivery zone: the fee for an address whose city or county is one of its places, free from a threshold.
public sealed class DeliveryZone
{
    public int Id { get; set; }

    // The zone's place in the configured list; unique, so two replacements racing on an empty table cannot both land.
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public long FeeMinor { get; set; }
    public long? FreeOverMinor { get; set; }
    public List<string> Places { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
}

internal sealed class DeliveryZoneConfiguration : IEntityTypeConfiguration<DeliveryZone>
{
    public void Configure(EntityTypeBuilder<DeliveryZone> b)
    {
        b.ToTable("shopping_delivery_zones");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.Position).IsUnique();
    }
}
