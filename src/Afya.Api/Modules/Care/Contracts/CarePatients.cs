namespace Afya.Api.Modules.Care.Contracts;

/// <summary>What a patient record shows outside Care (FHIR's Patient): no Aadhaar, no clinical notes.</summary>
public sealed record PatientSummary(Guid Id, string Name, DateOnly? BirthDate, string? Gender, string? Phone, string? Email, string? Address,
    string? PatientUid, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>
/// A keyset page of the records the caller may read: newest-created last, continuing after <paramref name="CreatedAfter"/>;
/// filters by id, universal patient id and last update (<paramref name="UpdatedFrom"/> inclusive, <paramref name="UpdatedBefore"/> exclusive).
/// </summary>
public sealed record PatientSearch(Guid? Id, string? PatientUid, DateTime? UpdatedFrom, DateTime? UpdatedBefore, DateTime? CreatedAfter, int Count);

/// <summary>Patient records for other modules, under Care's access rules and audit (records scope).</summary>
public interface ICarePatients
{
    /// <summary>The record if the caller may read it (the request's audit entry names it and <paramref name="resource"/>), else null.</summary>
    Task<PatientSummary?> ReadAsync(Guid id, string resource, CancellationToken ct);

    /// <summary>One page of readable records; a page ends on a whole CreatedAt group, so its last CreatedAt continues it exactly.</summary>
    Task<(IReadOnlyList<PatientSummary> Items, bool More)> SearchAsync(PatientSearch search, CancellationToken ct);

    /// <summary>How many readable records match (cursor ignored).</summary>
    Task<int> CountAsync(PatientSearch search, CancellationToken ct);
}
