namespace Afya.Api.Modules.Care.Contracts;

/// <summary>A doctor directory entry as other modules see it.</summary>
public sealed record DoctorSummary(Guid Id, string Name, string Specialization, string? LicenseNumber, string? Phone, string? Email,
    Guid? HospitalId, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A hospital as other modules see it.</summary>
public sealed record HospitalSummary(Guid Id, string Name, string RegistrationNumber, string? Address, string? County, string? Phone,
    string? Email, DateTime CreatedAt);

/// <summary>
/// A keyset page request over a directory: by id, name (contains) or, for doctors, hospital and last update (from inclusive,
/// before exclusive); continuing after a creation time.
/// </summary>
public sealed record DirectorySearch(Guid? Id, string? Name, DateTime? CreatedAfter, int Count, Guid? HospitalId = null,
    DateTime? UpdatedFrom = null, DateTime? UpdatedBefore = null);

/// <summary>The doctor and hospital directories, which every signed-in user reads (as GET /doctors and /hospitals).</summary>
public interface ICareDirectory
{
    /// <summary>One doctor.</summary>
    Task<DoctorSummary?> DoctorAsync(Guid id, CancellationToken ct);

    /// <summary>A page of doctors, ending on a whole CreatedAt group; More says whether any follow.</summary>
    Task<(IReadOnlyList<DoctorSummary> Items, bool More, int Total)> DoctorsAsync(DirectorySearch search, CancellationToken ct);

    /// <summary>One hospital.</summary>
    Task<HospitalSummary?> HospitalAsync(Guid id, CancellationToken ct);

    /// <summary>A page of hospitals, ending on a whole CreatedAt group; More says whether any follow.</summary>
    Task<(IReadOnlyList<HospitalSummary> Items, bool More, int Total)> HospitalsAsync(DirectorySearch search, CancellationToken ct);
}
