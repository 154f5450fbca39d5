using System.Text.Json.Serialization;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Npgsql;

namespace Afya.Api.Modules.Care;

public sealed record DoctorInput(
    string? Name, string? Specialization, int? Experience, string? LicenseNumber, string? Phone, string? Email,
    Guid? HospitalId, Guid? UserId);

public sealed record DoctorResponse(
    Guid Id, string Name, string Specialization, int Experience, string? LicenseNumber, string? Phone, string? Email,
    Guid? HospitalId, Guid? UserId, Guid CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, [property: JsonIgnore] int Number = 0)
{
    public static DoctorResponse From(Doctor d) => new(
        d.Id, d.Name, d.Specialization, d.Experience, d.LicenseNumber, d.Phone, d.Email, d.HospitalId, d.UserId, d.CreatedBy, d.CreatedAt, d.UpdatedAt,
        d.PublicNumber);
}

// What a change to the directory works with, bound as one [AsParameters] argument.
public sealed record DoctorServices(CurrentUser Me, CareGate Gate, CareAccess Access, AuditTrail Audit, AfyaDb Db, TimeProvider Clock);

// The shared doctor directory.
public static class Doctors
{
    public static async Task<Results<Ok<Page<DoctorResponse>>, ProblemHttpResult>> List(
        HttpRequest http, string? search, AfyaDb db, CancellationToken ct)
    {
        var query = db.Set<Doctor>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = $"%{search.Trim().ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
            query = query.Where(d => EF.Functions.Like(d.Name.ToLower(), s) || EF.Functions.Like(d.Specialization.ToLower(), s));
        }
        var ordered = query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id);
        return (await CareLists.PageAsync(http, ordered, DoctorResponse.From, ct)).Then(page => TypedResults.Ok(page));
    }

    public static async Task<Results<Ok<DoctorResponse>, ProblemHttpResult>> Get(Guid id, AfyaDb db, CancellationToken ct) =>
        await ById[Slot(db)](db, id) is { } doctor ? TypedResults.Ok(doctor) : DoctorNotFound();

    // The Healthcare Backend's GET /api/doctors/{n}/: the entry read by its number in the one statement, not resolved first.
    public static async Task<Results<Ok<DoctorResponse>, ProblemHttpResult>> GetByNumber(int number, AfyaDb db, CancellationToken ct) =>
        await (db.Provider == DatabaseProvider.Postgres ? ByNumberPostgresAsync(db, number, ct) : ByNumberSqlite(db, number)) is { } doctor
            ? TypedResults.Ok(doctor) : DoctorNotFound();

    private const string ByNumberSql = "SELECT id, name, specialization, experience, license_number, phone, email, hospital_id, user_id, created_by, " +
        "created_at, updated_at, public_number FROM care_doctors WHERE public_number = $1 LIMIT 1";

    // On PostgreSQL read by hand (NpgsqlReads), as the patient list is: EF's compiled query still built its shaper and
    // relational command on each execution.
    private static Task<DoctorResponse?> ByNumberPostgresAsync(AfyaDb db, int number, CancellationToken ct) =>
        NpgsqlReads.ReadAsync(db, ByNumberSql, async command =>
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = number });
            await using var r = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, ct);
            return await r.ReadAsync(ct)
                ? new DoctorResponse(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.TextOrNull(4), r.TextOrNull(5), r.TextOrNull(6),
                    r.GuidOrNull(7), r.GuidOrNull(8), r.GetGuid(9), r.UtcTime(10), r.UtcTime(11), r.GetInt32(12))
                : null;
        }, ct);

    // Read straight into the answer and compiled once per provider (a process, the tests, may host both).
    private static readonly System.Linq.Expressions.Expression<Func<Doctor, DoctorResponse>> Response = d => new DoctorResponse(
        d.Id, d.Name, d.Specialization, d.Experience, d.LicenseNumber, d.Phone, d.Email, d.HospitalId, d.UserId, d.CreatedBy, d.CreatedAt, d.UpdatedAt,
        d.PublicNumber);

    private static Func<AfyaDb, Guid, Task<DoctorResponse?>> CompileById() =>
        EF.CompileAsyncQuery((AfyaDb db, Guid id) => db.Set<Doctor>().Where(d => d.Id == id).Select(Response).FirstOrDefault());

    private static Func<AfyaDb, int, Task<DoctorResponse?>> CompileByNumber() =>
        EF.CompileAsyncQuery((AfyaDb db, int number) => db.Set<Doctor>().Where(d => d.PublicNumber == number).Select(Response).FirstOrDefault());

    private static readonly Func<AfyaDb, Guid, Task<DoctorResponse?>>[] ById = [CompileById(), CompileById()];
    private static readonly Func<AfyaDb, int, Task<DoctorResponse?>> ByNumberSqlite = CompileByNumber();

    private static int Slot(AfyaDb db) => db.Provider == DatabaseProvider.Sqlite ? 0 : 1;

    public static async Task<Results<Created<DoctorResponse>, ProblemHttpResult>> Create(
        DoctorInput input, [AsParameters] DoctorServices s, CancellationToken ct)
    {
        var errors = Validate(input, creating: true);
        var myHospital = await s.Access.AdministeredHospitalAsync(s.Me, ct);
        if (LinkRefusal(input, null, s.Me, myHospital) is { } refused) return refused;
        PlacementErrors(input, s.Me, myHospital, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (await LinkProblemAsync(input, null, s.Db, ct) is { } linkProblem) return linkProblem;
        var now = s.Clock.GetUtcNow().UtcDateTime;
        var doctor = new Doctor { CreatedBy = s.Me.Id, CreatedAt = now, UpdatedAt = now };
        Apply(doctor, input);
        s.Db.Add(doctor);
        if (await SaveAsync(s.Db, ct) is { } conflict) return conflict;
        NoteLink(s.Audit, doctor, input);
        return TypedResults.Created($"/api/v1/doctors/{doctor.Id}", DoctorResponse.From(doctor));
    }

    public static async Task<Results<Ok<DoctorResponse>, ProblemHttpResult>> Update(
        Guid id, DoctorInput input, [AsParameters] DoctorServices s, CancellationToken ct)
    {
        var doctor = await s.Db.Set<Doctor>().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doctor is null) return DoctorNotFound();
        s.Audit.Resource = $"doctor:{id}";
        if (!await s.Gate.CanChangeAsync(doctor)) return ApiProblem.Forbidden("Only the doctor's creator, its hospital's administrator or an admin can change this entry.");
        var errors = Validate(input, creating: false);
        var myHospital = await s.Access.AdministeredHospitalAsync(s.Me, ct);
        if (LinkRefusal(input, doctor, s.Me, myHospital) is { } refused) return refused;
        PlacementErrors(input, s.Me, myHospital, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (await LinkProblemAsync(input, id, s.Db, ct) is { } linkProblem) return linkProblem;
        Apply(doctor, input);
        doctor.UpdatedAt = s.Clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(s.Db, ct) is { } conflict) return conflict;
        NoteLink(s.Audit, doctor, input);
        return TypedResults.Ok(DoctorResponse.From(doctor));
    }

    // Placing an entry at a hospital: an admin (the directory's keeper) anywhere, a hospital's administrator at their own.
    private static void PlacementErrors(DoctorInput input, CurrentUser me, Guid? myHospital, Dictionary<string, string[]> errors)
    {
        if (input.HospitalId is { } h && !me.IsInRole(Roles.Admin) && h != myHospital)
            errors["hospital_id"] = ["Only an admin, or that hospital's administrator, places a doctor at a hospital."];
    }

    // Linking an entry to an account gives the account a doctor's reach into patients' records, so it is the act of an
    // administrator of the doctor's own hospital, for another account: never a platform admin as such, never oneself.
    private static ProblemHttpResult? LinkRefusal(DoctorInput input, Doctor? existing, CurrentUser me, Guid? myHospital)
    {
        if (input.UserId is not { } account) return null;
        var hospital = input.HospitalId ?? existing?.HospitalId;
        if (myHospital is null || hospital != myHospital)
            return ApiProblem.Of(StatusCodes.Status403Forbidden, "DOCTOR_LINK_NOT_ALLOWED", "Only an administrator of the doctor's hospital links it to an account.",
                "Ask the hospital_admin of the hospital this doctor works at (hospital_id) to link the account.");
        if (account == me.Id)
            return ApiProblem.Of(StatusCodes.Status403Forbidden, "DOCTOR_LINK_NOT_ALLOWED", "A hospital administrator cannot link a doctor entry to their own account.");
        return null;
    }

    private static void NoteLink(AuditTrail audit, Doctor doctor, DoctorInput input) =>
        audit.Resource = input.UserId is { } account ? $"doctor:{doctor.Id} account:{account}" : $"doctor:{doctor.Id}";

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, CareGate gate, AfyaDb db, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"doctor:{id}";
        var doctor = await db.Set<Doctor>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doctor is null) return DoctorNotFound();
        if (!await gate.CanChangeAsync(doctor)) return ApiProblem.Forbidden("Only the doctor's creator or an admin can delete this entry.");
        await db.Set<Doctor>().Where(d => d.Id == id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    public static ProblemHttpResult DoctorNotFound() => ApiProblem.NotFound("doctor", "DOCTOR_NOT_FOUND");

    private static async Task<ProblemHttpResult?> LinkProblemAsync(DoctorInput input, Guid? self, AfyaDb db, CancellationToken ct)
    {
        if (input.HospitalId is { } h && !await db.Set<Hospital>().AnyAsync(x => x.Id == h, ct))
            return ApiProblem.Field("hospital_id", "No such hospital.");
        if (input.UserId is { } u && await db.Set<Doctor>().AnyAsync(d => d.UserId == u && d.Id != self, ct))
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["user_id"] = ["This account already acts as another doctor."] },
                "DOCTOR_ACCOUNT_TAKEN", StatusCodes.Status409Conflict, "This account already acts as another doctor.");
        return null;
    }

    // The unique license index decides a race between two creators of the same license.
    private static async Task<ProblemHttpResult?> SaveAsync(AfyaDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return LicenseTaken();
        }
    }

    private static ProblemHttpResult LicenseTaken() => ApiProblem.Validation(
        new Dictionary<string, string[]> { ["license_number"] = ["A doctor with this license number already exists."] },
        "LICENSE_TAKEN", StatusCodes.Status409Conflict, "A doctor with this license number already exists.");

    private static Dictionary<string, string[]> Validate(DoctorInput input, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["Name is required."];
        else if (input.Name is not null && input.Name.Trim().Length is 0 or > 200) errors["name"] = ["Name must be 1 to 200 characters."];
        if (creating && string.IsNullOrWhiteSpace(input.Specialization)) errors["specialization"] = ["Specialization is required."];
        else if (input.Specialization is not null && input.Specialization.Trim().Length is 0 or > 200)
            errors["specialization"] = ["Specialization must be 1 to 200 characters."];
        if (input.Experience is < 0 or > 70) errors["experience"] = ["Experience must be between 0 and 70 years."];
        if (input.LicenseNumber is { Length: > 64 }) errors["license_number"] = ["Must be at most 64 characters."];
        if (input.Phone is { Length: > 32 }) errors["phone"] = ["Must be at most 32 characters."];
        if (input.Email is { Length: > 254 }) errors["email"] = ["Must be at most 254 characters."];
        return errors;
    }

    private static void Apply(Doctor d, DoctorInput input)
    {
        if (input.Name is not null) d.Name = input.Name.Trim();
        if (input.Specialization is not null) d.Specialization = input.Specialization.Trim();
        if (input.Experience is { } years) d.Experience = years;
        if (input.LicenseNumber is not null) d.LicenseNumber = input.LicenseNumber.Trim() is { Length: > 0 } l ? l : null;
        if (input.Phone is not null) d.Phone = input.Phone.Trim() is { Length: > 0 } p ? p : null;
        if (input.Email is not null) d.Email = input.Email.Trim() is { Length: > 0 } e ? e : null;
        if (input.HospitalId is not null) d.HospitalId = input.HospitalId;
        if (input.UserId is not null) d.UserId = input.UserId;
    }
}
