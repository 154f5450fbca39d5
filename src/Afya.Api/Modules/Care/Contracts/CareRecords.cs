using System.Security.Claims;

namespace Afya.Api.Modules.Care.Contracts;

/// <summary>Where a message about a patient can reach someone: an E.164 phone, an email, or both.</summary>
public sealed record CareContact(string Name, string? Phone, string? Email);

/// <summary>Who hears about a patient's alert: the assigned doctors, and the emergency contact when the record names one.</summary>
public sealed record CareRecipients(string PatientName, IReadOnlyList<CareContact> Doctors, CareContact? EmergencyContact);

/// <summary>What other modules may ask of care records, without reading Care's tables.</summary>
public interface ICareRecords
{
    /// <summary>The patient record linked to this user account, if any.</summary>
    Task<Guid?> PatientOfUserAsync(Guid userId, CancellationToken ct);

    /// <summary>
    /// Whether the current caller may read this patient's wearables data (the patient, an assigned doctor, a live
    /// consent with the wearables scope). The request's audit entry names the patient and <paramref name="resource"/>.
    /// </summary>
    Task<bool> CanReadWearablesAsync(Guid patientId, string resource);

    /// <summary>The ids of patients whose wearables data <paramref name="user"/> may read, as a query to compose.</summary>
    IQueryable<Guid> WearablesReadable(ClaimsPrincipal user);

    /// <summary>The assigned doctors' contacts and the emergency contact of a patient.</summary>
    Task<CareRecipients> RecipientsAsync(Guid patientId, CancellationToken ct);
}

