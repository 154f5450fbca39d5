using System.Security.Claims;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Phone;

namespace Afya.Api.Modules.Care;

// Care's answers to other modules (Wearables): access goes through the same gate and audit trail as care routes.
internal sealed class CareRecordsService(AfyaDb db, CareAccess access, CareGate gate, AuditTrail audit, PhoneNormalizer phones) : ICareRecords
{
    public Task<Guid?> PatientOfUserAsync(Guid userId, CancellationToken ct) =>
        db.Set<Patient>().Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);

    public Task<bool> CanReadWearablesAsync(Guid patientId, string resource)
    {
        audit.Resource = resource;
        return gate.CanAsync(patientId, PatientOperation.ReadWearables);
    }

    public IQueryable<Guid> WearablesReadable(ClaimsPrincipal user) => access.Readable(user, ConsentScopes.Wearables).Select(p => p.Id);

    public async Task<CareRecipients> RecipientsAsync(Guid patientId, CancellationToken ct)
    {
        var patient = await db.Set<Patient>().AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new { p.Name, p.EmergencyContact }).FirstOrDefaultAsync(ct);
        var doctors = await db.Set<Assignment>().AsNoTracking().Where(a => a.PatientId == patientId)
            .OrderBy(a => a.AssignedAt).Select(a => new { a.Doctor!.Name, a.Doctor.Phone, a.Doctor.Email }).ToListAsync(ct);
        return new CareRecipients(patient?.Name ?? "",
            doctors.Select(d => new CareContact(d.Name, phones.Normalize(d.Phone), string.IsNullOrWhiteSpace(d.Email) ? null : d.Email.Trim())).ToList(),
            EmergencyContactOf(patient?.EmergencyContact));
    }

    // The record keeps the emergency contact as free text ("Ravi 0712 345678", "ravi@example.com"): take what can be reached.
    private CareContact? EmergencyContactOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var words = text.Split([' ', ',', ';', '/', '(', ')', '<', '>'], StringSplitOptions.RemoveEmptyEntries);
        var email = words.FirstOrDefault(w => w.Contains('@', StringComparison.Ordinal) && w.IndexOf('@', StringComparison.Ordinal) > 0);
        var digits = string.Concat(text.Where(c => char.IsDigit(c) || c == '+'));
        var phone = digits.Length >= 7 ? phones.Normalize(digits) : null;
        if (email is null && phone is null) return null;
        var name = string.Join(' ', words.Where(w => !w.Any(char.IsDigit) && !w.Contains('@', StringComparison.Ordinal)));
        return new CareContact(name.Length > 0 ? name : "Emergency contact", phone, email);
    }
}
