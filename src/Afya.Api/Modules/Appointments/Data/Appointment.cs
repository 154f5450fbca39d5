using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Appointments.Data;

public enum AppointmentStatus { Scheduled, Confirmed, InProgress, Completed, Cancelled }

// A customer's visit by a service technician (fitting, adjustment, repair of a device) at an address. It takes one
// whole-hour slot; a technician has at most one live (not cancelled) appointment per slot, which the unique index
// below enforces against parallel bookings.
public sealed class Appointment : IPublicNumbered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int PublicNumber { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? TechnicianId { get; set; }
    public string Service { get; set; } = "";
    public DateTime ScheduledAt { get; set; }
    public string Address { get; set; } = "";
    public string? Notes { get; set; }
    public string? TechnicianNotes { get; set; }
    public AppointmentStatus Status { get; set; } = AppointmentStatus.Scheduled;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> b)
    {
        b.ToTable("appointments");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Service).HasMaxLength(200);
        b.Property(x => x.Address).HasMaxLength(500);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.TechnicianNotes).HasMaxLength(2000);
        b.HasIndex(x => new { x.CustomerId, x.ScheduledAt });
        b.HasIndex(x => new { x.TechnicianId, x.ScheduledAt }).IsUnique()
            .HasFilter("technician_id IS NOT NULL AND status <> 'Cancelled'").HasDatabaseName("ix_appointments_technician_slot");
    }
}
