using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Care.Data;

public static class DocumentTypes
{
    public static readonly string[] Known = ["lab_result", "prescription", "imaging", "discharge_summary", "other"];
}

// A medical document. The stored file is AES-GCM ciphertext under its own key; WrappedKey is that key
// sealed with the documents master key, so the database alone and the files alone reveal nothing.
public sealed class Document
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PatientId { get; set; }
    public Guid? HospitalId { get; set; }
    public Guid UploadedBy { get; set; }
    public string Type { get; set; } = "other";
    public string Title { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string StorageKey { get; set; } = "";
    public byte[] WrappedKey { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

public static class RequestStatus
{
    public const string Requested = "requested";
    public const string Approved = "approved";
    public const string Denied = "denied";
    public const string Fulfilled = "fulfilled";
    public const string Expired = "expired";
}

// Hospital B (the requester) asks hospital A (the holder) for a patient's documents; the patient decides.
public sealed class DocumentRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PatientId { get; set; }
    public Guid HolderHospitalId { get; set; }
    public Guid RequesterHospitalId { get; set; }
    public Guid? RequesterDoctorId { get; set; }
    public Guid RequestedBy { get; set; }
    public string Purpose { get; set; } = "";
    public string Status { get; set; } = RequestStatus.Requested;
    public Guid? ConsentId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime? FulfilledAt { get; set; }
    public List<DocumentRequestItem> Items { get; set; } = [];
}

public sealed class DocumentRequestItem
{
    public Guid RequestId { get; set; }
    public Guid DocumentId { get; set; }
}

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> b)
    {
        b.ToTable("care_documents");
        b.Property(x => x.Type).HasMaxLength(32);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(64);
        b.Property(x => x.StorageKey).HasMaxLength(200);
        b.HasIndex(x => new { x.PatientId, x.CreatedAt });
        b.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Hospital>().WithMany().HasForeignKey(x => x.HospitalId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DocumentRequestConfiguration : IEntityTypeConfiguration<DocumentRequest>
{
    public void Configure(EntityTypeBuilder<DocumentRequest> b)
    {
        b.ToTable("care_document_requests");
        b.Property(x => x.Purpose).HasMaxLength(500);
        b.Property(x => x.Status).HasMaxLength(16);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => x.PatientId);
        b.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Hospital>().WithMany().HasForeignKey(x => x.HolderHospitalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Hospital>().WithMany().HasForeignKey(x => x.RequesterHospitalId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentRequestItemConfiguration : IEntityTypeConfiguration<DocumentRequestItem>
{
    public void Configure(EntityTypeBuilder<DocumentRequestItem> b)
    {
        b.ToTable("care_document_request_items");
        b.HasKey(x => new { x.RequestId, x.DocumentId });
        b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
