using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Appointments.Data;

// A priced technician service a customer can put in the cart (installation, calibration, repair). Never deleted:
// orders name it; deactivating takes it off sale.
public sealed class ServiceOffering
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public long PriceMinor { get; set; }
    public string Currency { get; set; } = Platform.Money.DefaultCurrency;
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class ServiceOfferingConfiguration : IEntityTypeConfiguration<ServiceOffering>
{
    public void Configure(EntityTypeBuilder<ServiceOffering> b)
    {
        b.ToTable("appointments_services");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.HasIndex(x => x.Name).IsUnique();
    }
}
