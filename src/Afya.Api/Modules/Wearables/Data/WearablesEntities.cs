using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Wearables.Data;

// Stored as a small number: readings are the largest table, so every byte of a row counts.
public enum Metric : short
{
    HeartRate = 1,
    Spo2 = 2,
    RespiratoryRate = 3,
    Temperature = 4,
    BloodPressure = 5,
    Steps = 6,
    Glucose = 7,
    SleepMinutes = 8,
}

// A patient's watch, band, cuff...: its ingest token is kept only as a SHA-256 hash.
public sealed class Device
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PatientId { get; set; }
    public string DeviceType { get; set; } = "other";
    public string Manufacturer { get; set; } = "";
    public string Model { get; set; } = "";
    public string? Serial { get; set; }
    public string? ExternalId { get; set; }
    public string? TokenHash { get; set; }
    public DateTime TokenIssuedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSyncAt { get; set; }
    public DateTime? RetiredAt { get; set; }
}

// One reading in canonical units; blood pressure keeps systolic in Value and diastolic in Diastolic.
// Key (patient, metric, measured_at, device): a resent reading is a duplicate, and on PostgreSQL the key holds the
// partition column. DeviceId is Guid.Empty for readings sent without a device.
public sealed class Reading
{
    public Guid PatientId { get; set; }
    public Metric Metric { get; set; }
    public DateTime MeasuredAt { get; set; }
    public Guid DeviceId { get; set; }
    public double Value { get; set; }
    public double? Diastolic { get; set; }

    // The sending platform's own id for the sample (HealthKit UUID, Health Connect metadata id, ...): a resend is a duplicate
    // even when it names another device. Null for readings sent without one.
    public string? SourceSampleId { get; set; }
}

// One patient's metric over one UTC hour, kept up to date on ingest: summaries and charts read these, not readings.
public sealed class HourlyAggregate
{
    public Guid PatientId { get; set; }
    public Metric Metric { get; set; }
    public DateTime Hour { get; set; }
    public int ReadingCount { get; set; }
    public double ValueSum { get; set; }
    public double ValueMin { get; set; }
    public double ValueMax { get; set; }
    public double? DiastolicSum { get; set; }
    public double? DiastolicMin { get; set; }
    public double? DiastolicMax { get; set; }
    public DateTime LatestAt { get; set; }
    public double LatestValue { get; set; }
    public double? LatestDiastolic { get; set; }
}

public static class AlertSeverity
{
    public const string Urgent = "urgent";
    public const string Emergency = "emergency";
}

// Open until a doctor acknowledges it; at most one open alert per patient and condition.
public sealed class Alert
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PatientId { get; set; }
    public string Condition { get; set; } = "";
    public string Severity { get; set; } = AlertSeverity.Urgent;
    public int? Score { get; set; }
    public string Detail { get; set; } = "";
    public DateTime MeasuredAt { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime LastNotifiedAt { get; set; }
    public int NotifyCount { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }
    public string? Note { get; set; }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.ToTable("wearables_devices");
        b.Property(x => x.DeviceType).HasMaxLength(16);
        b.Property(x => x.Manufacturer).HasMaxLength(100);
        b.Property(x => x.Model).HasMaxLength(100);
        b.Property(x => x.Serial).HasMaxLength(100);
        b.Property(x => x.ExternalId).HasMaxLength(200);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.PatientId, x.CreatedAt });
    }
}

internal sealed class ReadingConfiguration : IEntityTypeConfiguration<Reading>
{
    public void Configure(EntityTypeBuilder<Reading> b)
    {
        // On PostgreSQL the migration creates this table by hand: partitioned by month on measured_at.
        b.ToTable("wearables_readings");
        b.HasKey(x => new { x.PatientId, x.Metric, x.MeasuredAt, x.DeviceId });
        b.Property(x => x.SourceSampleId).HasMaxLength(128);
        // measured_at is in the key because a unique index on PostgreSQL's partitioned table must hold the partition column;
        // a resent sample keeps its time, so this still catches it. NULLs never collide.
        // Partial: most readings come from devices without a sample id, and each would otherwise cost one more index entry.
        b.HasIndex(x => new { x.PatientId, x.SourceSampleId, x.MeasuredAt }).IsUnique().HasFilter("source_sample_id IS NOT NULL")
            .HasDatabaseName("ux_wearables_readings_source_sample");
    }
}

internal sealed class HourlyAggregateConfiguration : IEntityTypeConfiguration<HourlyAggregate>
{
    public void Configure(EntityTypeBuilder<HourlyAggregate> b)
    {
        b.ToTable("wearables_hourly");
        b.HasKey(x => new { x.PatientId, x.Metric, x.Hour });
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("wearables_alerts");
        b.Property(x => x.Condition).HasMaxLength(32);
        b.Property(x => x.Severity).HasMaxLength(16);
        b.Property(x => x.Detail).HasMaxLength(300);
        b.Property(x => x.Note).HasMaxLength(2000);
        // The dedupe: a second alert for a condition still open is not inserted.
        b.HasIndex(x => new { x.PatientId, x.Condition }).IsUnique().HasFilter("acknowledged_at IS NULL").HasDatabaseName("ux_wearables_alerts_open");
        b.HasIndex(x => new { x.PatientId, x.OpenedAt });
        b.HasIndex(x => new { x.Severity, x.LastNotifiedAt }).HasFilter("acknowledged_at IS NULL").HasDatabaseName("ix_wearables_alerts_unacknowledged");
    }
}

// BRIN on time over the partitioned table on PostgreSQL (tiny, fits append-mostly data); a covering index on SQLite.
internal sealed class ReadingIndexes : IProviderModelConfiguration
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        var readings = modelBuilder.Entity<Reading>();
        if (provider == DatabaseProvider.Postgres)
            readings.HasIndex(x => x.MeasuredAt).HasMethod("brin").HasDatabaseName("ix_wearables_readings_measured_at_brin");
        else
            readings.HasIndex(x => new { x.PatientId, x.Metric, x.MeasuredAt, x.Value, x.Diastolic }).HasDatabaseName("ix_wearables_readings_covering");
    }
}
