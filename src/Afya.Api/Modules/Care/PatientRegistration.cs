using Afya.Api.Modules.Care.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Care;

public sealed record PatientRegistrationRequest(
    [DocumentedRequired] string? Email, [DocumentedRequired] string? Password, [DocumentedRequired] string? Name, [DocumentedRequired] string? AadhaarNumber, [DocumentedRequired] DateOnly? DateOfBirth, string? Gender,
    string? PhoneNumber, string? Address, string? BloodGroup, string? EmergencyContact);

public sealed record RegisteredAccount(Guid Id, string Email, string Name, IReadOnlyList<string> Roles);

public sealed record PatientRegistrationResponse(RegisteredAccount User, string Access, string Refresh, string TokenType, int ExpiresIn, PatientResponse Patient);

// CloudCare's sign-up: a `patient` account and its own record in one transaction, keyed by the universal patient id.
public static class PatientRegistration
{
    public static async Task<Results<Created<PatientRegistrationResponse>, ProblemHttpResult>> Handle(
        PatientRegistrationRequest request, IAccountOpener accounts, PatientUids uids, AfyaDb db, TimeProvider clock,
        AuditTrail audit, CancellationToken ct)
    {
        var input = new PatientInput(request.Name, null, request.DateOfBirth, request.Gender, request.PhoneNumber, request.Email,
            request.Address, request.BloodGroup, null, null, request.EmergencyContact, null);
        var errors = Patients.Validate(input, creating: true, clock);
        if (request.DateOfBirth is null) errors["date_of_birth"] = ["Date of birth is required."];
        var digits = Aadhaar.Normalize(request.AadhaarNumber);
        if (digits is null) errors["aadhaar_number"] = ["Enter a valid 12-digit Aadhaar number (first digit 2-9, with its check digit)."];
        if (errors.Count > 0) return ApiProblem.Validation(errors, digits is null && errors.Count == 1 ? "INVALID_AADHAAR" : "VALIDATION_FAILED");

        var uid = uids.Of(digits!);
        audit.Resource = "patient-registration";
        if (await db.Set<Patient>().AnyAsync(p => p.PatientUid == uid, ct)) return Patients.AadhaarTaken();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!(await accounts.OpenAsync(new NewAccount(request.Email, request.Password, request.Name, request.PhoneNumber), Roles.Patient, ct)).TryGet(out var account, out var problem)) return problem;
        var now = clock.GetUtcNow().UtcDateTime;
        var patient = new Patient
        {
            CreatedBy = account!.UserId, UserId = account.UserId, PatientUid = uid, AadhaarLast4 = digits![8..], CreatedAt = now, UpdatedAt = now,
        };
        Patients.Apply(patient, input);
        db.Add(patient);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // A concurrent registration of the same number won; the account goes with this transaction.
            return Patients.AadhaarTaken();
        }
        await tx.CommitAsync(ct);
        audit.PatientId = patient.Id;
        audit.Resource = $"patient:{patient.Id}";
        audit.ActorId = account.UserId;
        audit.ActorRole = Roles.Patient;
        return TypedResults.Created($"/api/v1/patients/{patient.Id}", new PatientRegistrationResponse(
            new RegisteredAccount(account.UserId, account.Email, account.Name, [Roles.Patient]), account.Access, account.Refresh,
            account.TokenType, account.ExpiresIn, PatientResponse.From(patient, Patients.Today(clock))));
    }
}

// /auth/me names the patient record an account is.
internal sealed class CareAccountLinks(AfyaDb db) : IAccountLinks
{
    public Task<Guid?> PatientIdAsync(Guid userId, CancellationToken ct) =>
        db.Set<Patient>().Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
}
