namespace Afya.Api.Modules.Care.Contracts;

/// <summary>
/// A keyset page request over one kind of care record the caller may see, ordered by the record's date (an assignment's
/// time, a consent's or document's creation): <paramref name="From"/>/<paramref name="UpdatedFrom"/> inclusive,
/// <paramref name="Before"/>/<paramref name="UpdatedBefore"/> exclusive; <paramref name="ActorId"/> is the doctor (or, for
/// consents, the doctor or hospital) the record names; <paramref name="Active"/> a consent's state; <paramref name="After"/>
/// continues a page in the same order.
/// </summary>
public sealed record CareSearch(Guid? Id, Guid? PatientId, Guid? ActorId, DateTime? From, DateTime? Before, DateTime? UpdatedFrom,
    DateTime? UpdatedBefore, bool? Active, bool Ascending, DateTime? After, int Count);

/// <summary>A page that ends on a whole group of its last date (so that date continues it exactly), whether more follow, and how many match.</summary>
public sealed record CarePage<T>(IReadOnlyList<T> Items, bool More, int Total);

/// <summary>A doctor assigned to a patient (FHIR's CareTeam).</summary>
public sealed record AssignmentSummary(Guid Id, Guid PatientId, Guid DoctorId, string DoctorName, DateTime AssignedAt);

/// <summary>A patient's grant to a doctor or a hospital, for a scope (records, documents, wearables, all), until an expiry or revocation.</summary>
public sealed record ConsentSummary(Guid Id, Guid PatientId, Guid? DoctorId, Guid? HospitalId, string Scope, string Purpose, DateTime ExpiresAt,
    DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>A document's metadata; its content is served by the access-checked native route.</summary>
public sealed record DocumentSummary(Guid Id, Guid PatientId, Guid? HospitalId, string Type, string Title, string ContentType, long SizeBytes,
    DateTime CreatedAt);

/// <summary>
/// Assignments, consents and documents for other modules (FHIR), under the rules of their native routes: assignments as the
/// mappings list (records scope), consents as the consents list (the record's managers and the grantee), documents as the
/// documents list (documents scope). Each read names the record's patient in the request's audit entry, refusals included,
/// and the resource named as its resource; a search names the patient it was narrowed to.
/// </summary>
public interface ICareResources
{
    /// <summary>One assignment, if the caller may read its patient's record.</summary>
    Task<AssignmentSummary?> AssignmentAsync(Guid id, string resource, CancellationToken ct);

    /// <summary>A page of the assignments of readable records.</summary>
    Task<CarePage<AssignmentSummary>> AssignmentsAsync(CareSearch search, string resource, CancellationToken ct);

    /// <summary>One consent, if the caller manages its record or is its grantee.</summary>
    Task<ConsentSummary?> ConsentAsync(Guid id, string resource, CancellationToken ct);

    /// <summary>A page of the consents the caller sees.</summary>
    Task<CarePage<ConsentSummary>> ConsentsAsync(CareSearch search, string resource, CancellationToken ct);

    /// <summary>One document's metadata, if the caller may read its patient's documents.</summary>
    Task<DocumentSummary?> DocumentAsync(Guid id, string resource, CancellationToken ct);

    /// <summary>A page of the documents the caller may read.</summary>
    Task<CarePage<DocumentSummary>> DocumentsAsync(CareSearch search, string resource, CancellationToken ct);
}
