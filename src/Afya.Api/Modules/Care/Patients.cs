using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Care;

public sealed record PatientInput(
    string? Name, int? Age, DateOnly? DateOfBirth, string? Gender, string? Phone, string? Email, string? Address,
    string? BloodGroup, string? Allergies, string? Conditions, string? EmergencyContact, string? Notes);

public sealed record AadhaarInput([DocumentedRequired] string? AadhaarNumber);

public sealed record PatientAccessResponse(bool Records, bool Documents, bool Wearables, bool Manage);

public sealed record PatientResponse(
    Guid Id, string Name, int? Age, string? Gender, DateOnly? DateOfBirth, string? Phone, string? Email, string? Address,
    string? BloodGroup, string? Allergies, string? Conditions, string? EmergencyContact, string? Notes,
    string? PatientUid, string? AadhaarLast4, Guid? UserId, Guid CreatedBy, DateTime CreatedAt, DateTime UpdatedAt,
    [property: JsonIgnore] int Number = 0)
{
    public static PatientResponse From(Patient p, DateOnly today) => new(
        p.Id, p.Name, p.Age ?? AgeOn(p.DateOfBirth, today), p.Gender, p.DateOfBirth, p.Phone, p.Email, p.Address, p.BloodGroup,
        p.Allergies, p.Conditions, p.EmergencyContact, p.Notes, p.PatientUid, p.AadhaarLast4, p.UserId, p.CreatedBy, p.CreatedAt, p.UpdatedAt,
        p.PublicNumber);

    // A row read with its stored age: the age from the date of birth when none was given, as From does.
    public PatientResponse WithAge(DateOnly today) => Age is null && DateOfBirth is not null ? this with { Age = AgeOn(DateOfBirth, today) } : this;

    private static int? AgeOn(DateOnly? born, DateOnly today) =>
        born is { } b ? today.Year - b.Year - (today < b.AddYears(today.Year - b.Year) ? 1 : 0) : null;
}

public static class Patients
{
    private static readonly string[] Genders = ["Male", "Female", "Other"];
    private static readonly string[] BloodGroups = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];

    // Newest first; ?search= matches the name, ?uid= the universal patient id. Only records the caller may read.
    public static async Task<Results<Ok<Page<PatientResponse>>, ProblemHttpResult>> List(
        HttpRequest http, string? search, string? uid, CareAccess access, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = "patients";
        var user = http.HttpContext.User;
        var today = Today(clock);
        var ownOnly = CareAccess.ReadsOwnOnly(user);
        if (ownOnly && string.IsNullOrWhiteSpace(search) && string.IsNullOrWhiteSpace(uid))
        {
            // The common list, a user's own records unfiltered: one statement whose order the index gives, read by hand
            // (OwnPatientRows).
            var me = CareAccess.UserId(user);
            Task<int> Count() => CareAccess.Own(db, me).CountAsync(ct);
            var own = await CareLists.PageAsync(http, (skip, take) => db.Provider == DatabaseProvider.Sqlite
                ? OwnPatientRows.ReadAsync(db, me, skip, take, ct) : OwnPatientRows.ReadPostgresAsync(db, me, skip, take, ct), Count, r => r.WithAge(today));
            return own.Then(page => TypedResults.Ok(page));
        }
        var query = (ownOnly ? CareAccess.Own(db, CareAccess.UserId(user)) : access.Readable(user, ConsentScopes.Records)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = $"%{search.Trim().ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
            query = query.Where(p => EF.Functions.Like(p.Name.ToLower(), s));
        }
        if (!string.IsNullOrWhiteSpace(uid))
        {
            var wanted = uid.Trim().ToLowerInvariant();
            query = query.Where(p => p.PatientUid == wanted);
        }
        return (await CareLists.PageAsync(http, query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(Response),
            r => r.WithAge(today), ct)).Then(page => TypedResults.Ok(page));
    }

    // What a list shows, read straight into the answer: no entity is built per row (whose constructor also draws a new
    // version-7 id, a clock read and random bytes, only to be overwritten) and nothing is tracked.
    internal static readonly Expression<Func<Patient, PatientResponse>> Response = p => new PatientResponse(
        p.Id, p.Name, p.Age, p.Gender, p.DateOfBirth, p.Phone, p.Email, p.Address, p.BloodGroup, p.Allergies, p.Conditions, p.EmergencyContact,
        p.Notes, p.PatientUid, p.AadhaarLast4, p.UserId, p.CreatedBy, p.CreatedAt, p.UpdatedAt, p.PublicNumber);

    public static async Task<Results<Ok<PatientResponse>, ProblemHttpResult>> Get(
        Guid id, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"patient:{id}";
        if (!await gate.CanAsync(id, PatientOperation.ReadRecord)) return PatientNotFound();
        var patient = await db.Set<Patient>().AsNoTracking().FirstAsync(p => p.Id == id, ct);
        return TypedResults.Ok(PatientResponse.From(patient, Today(clock)));
    }

    // What the caller may do with a record, scope by scope; 404 when nothing at all.
    public static async Task<Results<Ok<PatientAccessResponse>, ProblemHttpResult>> Access(Guid id, CareGate gate, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"patient:{id}:access";
        var answer = new PatientAccessResponse(
            await gate.CanAsync(id, PatientOperation.ReadRecord), await gate.CanAsync(id, PatientOperation.ReadDocuments),
            await gate.CanAsync(id, PatientOperation.ReadWearables), await gate.CanAsync(id, PatientOperation.Manage));
        return answer is { Records: false, Documents: false, Wearables: false, Manage: false } ? PatientNotFound() : TypedResults.Ok(answer);
    }

    public static async Task<Results<Created<PatientResponse>, ProblemHttpResult>> Create(
        PatientInput input, CurrentUser me, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        var errors = Validate(input, creating: true, clock);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var patient = new Patient { CreatedBy = me.Id, CreatedAt = now, UpdatedAt = now };
        Apply(patient, input);
        db.Add(patient);
        await db.SaveChangesAsync(ct);
        audit.PatientId = patient.Id;
        audit.Resource = $"patient:{patient.Id}";
        return TypedResults.Created($"/api/v1/patients/{patient.Id}", PatientResponse.From(patient, Today(clock)));
    }

    // PUT and PATCH both change the fields sent, as the seeds' clients send partial bodies.
    public static async Task<Results<Ok<PatientResponse>, ProblemHttpResult>> Update(
        Guid id, PatientInput input, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"patient:{id}";
        if (!await gate.CanAsync(id, PatientOperation.Manage)) return PatientNotFound();
        var errors = Validate(input, creating: false, clock);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        var patient = await db.Set<Patient>().FirstAsync(p => p.Id == id, ct);
        Apply(patient, input);
        patient.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PatientResponse.From(patient, Today(clock)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CareGate gate, AfyaDb db, AuditTrail audit, IAccountChanges accounts, CancellationToken ct)
    {
        audit.Resource = $"patient:{id}";
        if (!await gate.CanAsync(id, PatientOperation.Manage)) return PatientNotFound();
        var account = await db.Set<Patient>().Where(p => p.Id == id).Select(p => p.UserId).FirstOrDefaultAsync(ct);
        await db.Set<Patient>().Where(p => p.Id == id).ExecuteDeleteAsync(ct);
        // A patient account's own record: /auth/me names it, and no longer may.
        if (account is { } userId) accounts.Changed(userId);
        return TypedResults.NoContent();
    }

    // Adds a universal patient id to a record that has none; the number itself is dropped after hashing.
    public static async Task<Results<Ok<PatientResponse>, ProblemHttpResult>> SetAadhaar(
        Guid id, AadhaarInput input, CareGate gate, AfyaDb db, PatientUids uids, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"patient:{id}";
        if (!await gate.CanAsync(id, PatientOperation.Manage)) return PatientNotFound();
        if (Aadhaar.Normalize(input.AadhaarNumber) is not { } digits) return InvalidAadhaar();
        var uid = uids.Of(digits);
        if (await db.Set<Patient>().AnyAsync(p => p.PatientUid == uid, ct)) return AadhaarTaken();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Patient>().Where(p => p.Id == id && p.PatientUid == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.PatientUid, uid).SetProperty(p => p.AadhaarLast4, digits[8..]).SetProperty(p => p.UpdatedAt, now), ct);
        if (rows == 0) return ApiProblem.Conflict("AADHAAR_ALREADY_SET", "This record already has a universal patient id.");
        var patient = await db.Set<Patient>().AsNoTracking().FirstAsync(p => p.Id == id, ct);
        return TypedResults.Ok(PatientResponse.From(patient, Today(clock)));
    }

    public static ProblemHttpResult PatientNotFound() => ApiProblem.NotFound("patient", "PATIENT_NOT_FOUND");

    public static ProblemHttpResult InvalidAadhaar() => ApiProblem.Field("aadhaar_number",
        "Enter a valid 12-digit Aadhaar number (first digit 2-9, with its check digit).", "INVALID_AADHAAR");

    public static ProblemHttpResult AadhaarTaken() => ApiProblem.Validation(
        new Dictionary<string, string[]> { ["aadhaar_number"] = ["A patient with this Aadhaar number is already registered."] },
        "AADHAAR_TAKEN", StatusCodes.Status409Conflict, "A patient with this Aadhaar number is already registered.");

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    internal static Dictionary<string, string[]> Validate(PatientInput input, bool creating, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["Name is required."];
        else if (input.Name is not null && (input.Name.Trim().Length is 0 or > 200)) errors["name"] = ["Name must be 1 to 200 characters."];
        if (input.Age is < 0 or > 150) errors["age"] = ["Age must be between 0 and 150."];
        if (input.DateOfBirth is { } born && (born > Today(clock) || born.Year < Today(clock).Year - 150))
            errors["date_of_birth"] = ["Date of birth must be in the past 150 years."];
        if (input.Gender is not null && NormalGender(input.Gender) is null) errors["gender"] = ["Gender must be Male, Female or Other."];
        if (input.BloodGroup is { Length: > 0 } blood && !BloodGroups.Contains(blood.Trim().ToUpperInvariant()))
            errors["blood_group"] = ["Blood group must be one of " + string.Join(", ", BloodGroups) + "."];
        foreach (var (field, value, max) in new[]
        {
            ("phone", input.Phone, 32), ("email", input.Email, 254), ("address", input.Address, 500), ("allergies", input.Allergies, 2000),
            ("conditions", input.Conditions, 2000), ("emergency_contact", input.EmergencyContact, 300), ("notes", input.Notes, 4000),
        })
            if (value is { } v && v.Length > max) errors[field] = [$"Must be at most {max} characters."];
        return errors;
    }

    internal static void Apply(Patient p, PatientInput input)
    {
        if (input.Name is not null) p.Name = input.Name.Trim();
        if (input.Age is not null) p.Age = input.Age;
        if (input.DateOfBirth is not null) p.DateOfBirth = input.DateOfBirth;
        if (input.Gender is not null) p.Gender = NormalGender(input.Gender);
        if (input.Phone is not null) p.Phone = Blank(input.Phone);
        if (input.Email is not null) p.Email = Blank(input.Email);
        if (input.Address is not null) p.Address = Blank(input.Address);
        if (input.BloodGroup is not null) p.BloodGroup = Blank(input.BloodGroup)?.ToUpperInvariant();
        if (input.Allergies is not null) p.Allergies = Blank(input.Allergies);
        if (input.Conditions is not null) p.Conditions = Blank(input.Conditions);
        if (input.EmergencyContact is not null) p.EmergencyContact = Blank(input.EmergencyContact);
        if (input.Notes is not null) p.Notes = Blank(input.Notes);
    }

    private static string? NormalGender(string gender) =>
        Genders.FirstOrDefault(g => string.Equals(g, gender.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string? Blank(string value) => value.Trim() is { Length: > 0 } t ? t : null;
}
