using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Care.Data;

// A patient record. It belongs to the user who created it (the Healthcare Backend's rule); a patient
// account is linked to its own record by UserId. The Aadhaar number itself is never kept.
public sealed class Patient : IPublicNumbered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int PublicNumber { get; set; }
    public Guid CreatedBy { get; set; }
    public Guid? UserId { get; set; }
    public string Name { get; set; } = "";
    public int? Age { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? BloodGroup { get; set; }
    public string? Allergies { get; set; }
    public string? Conditions { get; set; }
    public string? EmergencyContact { get; set; }
    public string? Notes { get; set; }
    public string? PatientUid { get; set; }
    public string? AadhaarLast4 { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class Doctor : IPublicNumbered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int PublicNumber { get; set; }
    public Guid CreatedBy { get; set; }
    public Guid? UserId { get; set; }
    public Guid? HospitalId { get; set; }
    public string Name { get; set; } = "";
    public string Specialization { get; set; } = "";
    public int Experience { get; set; }
    public string? LicenseNumber { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class Hospital
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string RegistrationNumber { get; set; } = "";
    public string? Address { get; set; }
    public string? County { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public DateTime CreatedAt { get; set; }
}

// A hospital_admin account and the one hospital it administers.
public sealed class HospitalStaff
{
    public Guid UserId { get; set; }
    public Guid HospitalId { get; set; }
    public DateTime CreatedAt { get; set; }
}

// The Healthcare Backend's "mapping": a doctor assigned to a patient.
public sealed class Assignment : IPublicNumbered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int PublicNumber { get; set; }
    public Guid PatientId { get; set; }
    public Guid DoctorId { get; set; }
    public Guid AssignedBy { get; set; }
    public DateTime AssignedAt { get; set; }
    public Patient? Patient { get; set; }
    public Doctor? Doctor { get; set; }
}

public static class ConsentScopes
{
    public const string Records = "records";
    public const string Documents = "documents";
    public const string Wearables = "wearables";
    public const string All = "all";
    public static readonly string[] Known = [Records, Documents, Wearables, All];
}

// A patient's grant to one doctor or one hospital, for a scope, until ExpiresAt or revocation.
public sealed class Consent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PatientId { get; set; }
    public Guid? DoctorId { get; set; }
    public Guid? HospitalId { get; set; }
    public string Scope { get; set; } = ConsentScopes.Records;
    public string Purpose { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

// Append-only: nothing in the API updates or deletes these rows.
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorRole { get; set; } = "";
    public string Action { get; set; } = "";
    public Guid? PatientId { get; set; }
    public string Resource { get; set; } = "";
    public string? ClientAddress { get; set; }
    public int Outcome { get; set; }
}

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> b)
    {
        b.ToTable("care_patients");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Gender).HasMaxLength(10);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Address).HasMaxLength(500);
        b.Property(x => x.BloodGroup).HasMaxLength(4);
        b.Property(x => x.Allergies).HasMaxLength(2000);
        b.Property(x => x.Conditions).HasMaxLength(2000);
        b.Property(x => x.EmergencyContact).HasMaxLength(300);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.PatientUid).HasMaxLength(64);
        b.Property(x => x.AadhaarLast4).HasMaxLength(4);
        b.HasIndex(x => x.PatientUid).IsUnique();
        b.HasIndex(x => x.UserId).IsUnique();
        // The patient list's order for the records a caller created (newest first, id breaking ties), read straight off
        // the index with no sort (CareAccess.Own).
        b.HasIndex(x => new { x.CreatedBy, x.CreatedAt, x.Id }).IsDescending(false, true, true);
    }
}

internal sealed class DoctorConfiguration : IEntityTypeConfiguration<Doctor>
{
    public void Configure(EntityTypeBuilder<Doctor> b)
    {
        b.ToTable("care_doctors");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Specialization).HasMaxLength(200);
        b.Property(x => x.LicenseNumber).HasMaxLength(64);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Email).HasMaxLength(254);
        b.HasIndex(x => x.LicenseNumber).IsUnique();
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasIndex(x => x.CreatedAt);
        b.HasOne<Hospital>().WithMany().HasForeignKey(x => x.HospitalId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class HospitalConfiguration : IEntityTypeConfiguration<Hospital>
{
    public void Configure(EntityTypeBuilder<Hospital> b)
    {
        b.ToTable("care_hospitals");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.RegistrationNumber).HasMaxLength(64);
        b.Property(x => x.Address).HasMaxLength(500);
        b.Property(x => x.County).HasMaxLength(100);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Email).HasMaxLength(254);
        b.HasIndex(x => x.RegistrationNumber).IsUnique();
    }
}

internal sealed class HospitalStaffConfiguration : IEntityTypeConfiguration<HospitalStaff>
{
    public void Configure(EntityTypeBuilder<HospitalStaff> b)
    {
        b.ToTable("care_hospital_staff");
        b.HasKey(x => x.UserId);
        b.HasIndex(x => x.HospitalId);
        b.HasOne<Hospital>().WithMany().HasForeignKey(x => x.HospitalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.ToTable("care_assignments");
        b.HasIndex(x => new { x.PatientId, x.DoctorId }).IsUnique();
        b.HasIndex(x => x.DoctorId);
        b.HasOne(x => x.Patient).WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Doctor).WithMany().HasForeignKey(x => x.DoctorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.ToTable("care_consents");
        b.Property(x => x.Scope).HasMaxLength(16);
        b.Property(x => x.Purpose).HasMaxLength(500);
        b.HasIndex(x => x.PatientId);
        b.HasIndex(x => x.DoctorId);
        b.HasIndex(x => x.HospitalId);
        b.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Doctor>().WithMany().HasForeignKey(x => x.DoctorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Hospital>().WithMany().HasForeignKey(x => x.HospitalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("care_audit");
        b.Property(x => x.ActorRole).HasMaxLength(32);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.Resource).HasMaxLength(128);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        // No foreign keys: the trail outlives the records it names.
        b.HasIndex(x => new { x.PatientId, x.At });
        b.HasIndex(x => new { x.ActorId, x.At });
        b.HasIndex(x => x.At);
    }
}
