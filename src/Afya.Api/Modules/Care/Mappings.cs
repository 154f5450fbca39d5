using System.Text.Json;
using System.Text.Json.Serialization;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Care;

// patient and doctor: UUIDs, or (the Healthcare Backend's) their integer numbers.
public sealed record MappingInput([DocumentedRequired] JsonElement? Patient, [DocumentedRequired] JsonElement? Doctor)
{
    public static MappingInput Of(Guid patient, Guid? doctor) =>
        new(JsonSerializer.SerializeToElement(patient), doctor is { } d ? JsonSerializer.SerializeToElement(d) : null);
}

// Number (not serialized): the row's public number, which the Healthcare Backend's surface answers as `id`.
public sealed record PatientDetails(Guid Id, string Name, int? Age, string? Gender, [property: JsonIgnore] int Number = 0);

public sealed record DoctorDetails(Guid Id, string Name, string Specialization, int Experience, [property: JsonIgnore] int Number = 0);

public sealed record MappingResponse(
    Guid Id, Guid Patient, Guid Doctor, DateTime AssignedAt, PatientDetails PatientDetails, DoctorDetails DoctorDetails,
    [property: JsonIgnore] int Number = 0);

// Doctor-to-patient assignments (the Healthcare Backend's mappings).
public static class Mappings
{
    public static async Task<Results<Ok<Page<MappingResponse>>, ProblemHttpResult>> List(
        HttpRequest http, CareAccess access, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = "mappings";
        var readable = access.Readable(http.HttpContext.User, ConsentScopes.Records).Select(p => p.Id);
        return (await PageOf(http, db.Set<Assignment>().Where(a => readable.Contains(a.PatientId)), clock, ct)).Then(page => TypedResults.Ok(page));
    }

    // GET /mappings/{id}: the mapping with that id, else (the seed README's meaning) the doctors of that patient.
    public static async Task<Results<Ok<MappingResponse>, Ok<Page<MappingResponse>>, ProblemHttpResult>> GetOrForPatient(
        Guid id, HttpRequest http, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        var mapping = await db.Set<Assignment>().AsNoTracking().Where(a => a.Id == id).Select(a => new { a.PatientId }).FirstOrDefaultAsync(ct);
        if (mapping is null)
        {
            if (!(await DoctorsOfAsync(id, http, gate, db, clock, audit, ct)).TryGet(out var page, out var problem)) return problem;
            return TypedResults.Ok(page);
        }
        audit.Resource = $"mapping:{id}";
        if (!await gate.CanAsync(mapping.PatientId, PatientOperation.ReadRecord)) return MappingNotFound();
        var row = await Rows(db.Set<Assignment>().Where(a => a.Id == id)).FirstAsync(ct);
        return TypedResults.Ok(Response(row, Patients.Today(clock)));
    }

    public static async Task<Results<Ok<Page<MappingResponse>>, ProblemHttpResult>> ForPatient(
        Guid patientId, HttpRequest http, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct) =>
        (await DoctorsOfAsync(patientId, http, gate, db, clock, audit, ct)).Then(page => TypedResults.Ok(page));

    // Ownership first: someone else's patient is 404 whether or not the pair exists.
    public static async Task<Results<Created<MappingResponse>, ProblemHttpResult>> Create(
        MappingInput input, CurrentUser me, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var patient = await IdAsync(input.Patient, n => HealthcareNumbers.PatientAsync(db, n, ct));
        var doctor = await IdAsync(input.Doctor, n => HealthcareNumbers.DoctorAsync(db, n, ct));
        if (patient is null) errors["patient"] = [input.Patient is null or { ValueKind: JsonValueKind.Null } ? "This field is required." : "A patient's id or number."];
        if (doctor is null) errors["doctor"] = [input.Doctor is null or { ValueKind: JsonValueKind.Null } ? "This field is required." : "A doctor's id or number."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        var patientId = patient!.Value;
        var doctorId = doctor!.Value;
        audit.Resource = $"patient:{patientId}:doctor:{doctorId}";
        if (!await gate.CanAsync(patientId, PatientOperation.Manage)) return Patients.PatientNotFound();
        if (!await db.Set<Doctor>().AnyAsync(d => d.Id == doctorId, ct)) return ApiProblem.Field("doctor", "No such doctor.", "DOCTOR_NOT_FOUND");
        if (await db.Set<Assignment>().AnyAsync(a => a.PatientId == patientId && a.DoctorId == doctorId, ct)) return AlreadyAssigned();

        var assignment = new Assignment { PatientId = patientId, DoctorId = doctorId, AssignedBy = me.Id, AssignedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(assignment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return AlreadyAssigned();
        }
        audit.Resource = $"mapping:{assignment.Id}";
        var row = await Rows(db.Set<Assignment>().Where(a => a.Id == assignment.Id)).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/mappings/{assignment.Id}", Response(row, Patients.Today(clock)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CareGate gate, AfyaDb db, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"mapping:{id}";
        var mapping = await db.Set<Assignment>().AsNoTracking().Where(a => a.Id == id).Select(a => new { a.PatientId }).FirstOrDefaultAsync(ct);
        if (mapping is null || !await gate.CanAsync(mapping.PatientId, PatientOperation.Manage)) return MappingNotFound();
        await db.Set<Assignment>().Where(a => a.Id == id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Result<Page<MappingResponse>>> DoctorsOfAsync(
        Guid patientId, HttpRequest http, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"patient:{patientId}:mappings";
        if (!await gate.CanAsync(patientId, PatientOperation.ReadRecord)) return Patients.PatientNotFound();
        return await PageOf(http, db.Set<Assignment>().Where(a => a.PatientId == patientId), clock, ct);
    }

    private static Task<Result<Page<MappingResponse>>> PageOf(HttpRequest http, IQueryable<Assignment> assignments, TimeProvider clock, CancellationToken ct)
    {
        var today = Patients.Today(clock);
        var ordered = Rows(assignments).OrderByDescending(a => a.AssignedAt).ThenByDescending(a => a.Id);
        return CareLists.PageAsync(http, ordered, r => Response(r, today), ct);
    }

    private static IQueryable<Assignment> Rows(IQueryable<Assignment> assignments) =>
        assignments.AsNoTracking().Include(a => a.Patient).Include(a => a.Doctor);

    private static MappingResponse Response(Assignment a, DateOnly today)
    {
        var patient = PatientResponse.From(a.Patient!, today);
        var d = a.Doctor!;
        return new MappingResponse(a.Id, a.PatientId, a.DoctorId, a.AssignedAt,
            new PatientDetails(patient.Id, patient.Name, patient.Age, patient.Gender, patient.Number),
            new DoctorDetails(d.Id, d.Name, d.Specialization, d.Experience, d.PublicNumber), a.PublicNumber);
    }

    // A UUID string, or a number (digits in a string too) resolved by its table; null when it is neither.
    private static async Task<Guid?> IdAsync(JsonElement? value, Func<int, Task<Guid>> byNumber) => value switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var number) => await byNumber(number),
        { ValueKind: JsonValueKind.String } s when Guid.TryParse(s.GetString(), out var id) => id,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) =>
            await byNumber(number),
        _ => null,
    };

    private static ProblemHttpResult MappingNotFound() => ApiProblem.NotFound("mapping", "MAPPING_NOT_FOUND");

    private static ProblemHttpResult AlreadyAssigned() =>
        ApiProblem.Conflict("ALREADY_ASSIGNED", "This doctor is already assigned to this patient.");
}
