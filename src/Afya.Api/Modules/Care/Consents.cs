using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Care;

public sealed record ConsentInput(Guid? PatientId, Guid? DoctorId, Guid? HospitalId, [DocumentedRequired] string? Scope, [DocumentedRequired] string? Purpose, [DocumentedRequired] DateTime? ExpiresAt);

public sealed record ConsentResponse(Guid Id, Guid PatientId, Guid? DoctorId, Guid? HospitalId, string Scope, string Purpose,
    DateTime ExpiresAt, DateTime CreatedAt, DateTime? RevokedAt, string Status)
{
    public static ConsentResponse From(Consent c, DateTime now) => new(c.Id, c.PatientId, c.DoctorId, c.HospitalId, c.Scope, c.Purpose,
        c.ExpiresAt, c.CreatedAt, c.RevokedAt, c.RevokedAt is not null ? "revoked" : c.ExpiresAt <= now ? "expired" : "active");
}

// A patient's grants. Access checks read them on every request, so a revocation or an expiry counts at once.
public static class Consents
{
    public static async Task<Results<Created<ConsentResponse>, ProblemHttpResult>> Grant(
        ConsentInput input, CurrentUser me, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var patientId = input.PatientId ?? await db.Set<Patient>().Where(p => p.UserId == me.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        audit.Resource = "consents";
        if (patientId is null) return Patients.PatientNotFound();
        if (!await gate.CanAsync(patientId.Value, PatientOperation.Manage)) return Patients.PatientNotFound();

        var errors = new Dictionary<string, string[]>();
        if ((input.DoctorId is null) == (input.HospitalId is null)) errors["doctor_id"] = ["Give exactly one of doctor_id and hospital_id."];
        if (input.Scope is null || !ConsentScopes.Known.Contains(input.Scope)) errors["scope"] = ["Scope must be records, documents, wearables or all."];
        if (string.IsNullOrWhiteSpace(input.Purpose) || input.Purpose.Length > 500) errors["purpose"] = ["A purpose is required (at most 500 characters)."];
        if (input.ExpiresAt is not { } expires || expires.ToUniversalTime() <= now) errors["expires_at"] = ["Expiry must be in the future."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (input.DoctorId is { } d && !await db.Set<Doctor>().AnyAsync(x => x.Id == d, ct)) return ApiProblem.Field("doctor_id", "No such doctor.", "DOCTOR_NOT_FOUND");
        if (input.HospitalId is { } h && !await db.Set<Hospital>().AnyAsync(x => x.Id == h, ct)) return ApiProblem.Field("hospital_id", "No such hospital.", "HOSPITAL_NOT_FOUND");

        var consent = new Consent
        {
            PatientId = patientId.Value, DoctorId = input.DoctorId, HospitalId = input.HospitalId, Scope = input.Scope!,
            Purpose = input.Purpose!.Trim(), ExpiresAt = input.ExpiresAt!.Value.ToUniversalTime(), CreatedAt = now,
        };
        db.Add(consent);
        await db.SaveChangesAsync(ct);
        audit.Resource = $"consent:{consent.Id}";
        return TypedResults.Created($"/api/v1/consents/{consent.Id}", ConsentResponse.From(consent, now));
    }

    // The consents of records the caller manages, and those granted to the caller's doctor entry or hospital.
    public static async Task<Results<Ok<Page<ConsentResponse>>, ProblemHttpResult>> List(
        HttpRequest http, CareAccess access, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = "consents";
        var now = clock.GetUtcNow().UtcDateTime;
        var query = access.VisibleConsents(http.HttpContext.User).AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
        return (await CareLists.PageAsync(http, query, c => ConsentResponse.From(c, now), ct)).Then(page => TypedResults.Ok(page));
    }

    public static async Task<Results<Ok<ConsentResponse>, ProblemHttpResult>> Revoke(
        Guid id, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"consent:{id}";
        var consent = await db.Set<Consent>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (consent is null || !await gate.CanAsync(consent.PatientId, PatientOperation.Manage))
            return ApiProblem.NotFound("consent", "CONSENT_NOT_FOUND");
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Consent>().Where(c => c.Id == id && c.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, now), ct);
        consent = await db.Set<Consent>().AsNoTracking().FirstAsync(c => c.Id == id, ct);
        return TypedResults.Ok(ConsentResponse.From(consent, now));
    }
}
