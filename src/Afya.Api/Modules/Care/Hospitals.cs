using Afya.Api.Platform.Auth;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Care;

public sealed record HospitalInput([DocumentedRequired] string? Name, [DocumentedRequired] string? RegistrationNumber, string? Address, string? County, string? Phone, string? Email);

public sealed record HospitalResponse(Guid Id, string Name, string RegistrationNumber, string? Address, string? County, string? Phone, string? Email, DateTime CreatedAt)
{
    public static HospitalResponse From(Hospital h) => new(h.Id, h.Name, h.RegistrationNumber, h.Address, h.County, h.Phone, h.Email, h.CreatedAt);
}

public sealed record StaffInput([DocumentedRequired] Guid? UserId);

public static class Hospitals
{
    public static async Task<Results<Ok<Page<HospitalResponse>>, ProblemHttpResult>> List(HttpRequest http, AfyaDb db, CancellationToken ct)
    {
        var ordered = db.Set<Hospital>().AsNoTracking().OrderBy(h => h.Name).ThenBy(h => h.Id);
        return (await CareLists.PageAsync(http, ordered, HospitalResponse.From, ct)).Then(page => TypedResults.Ok(page));
    }

    public static async Task<Results<Ok<HospitalResponse>, ProblemHttpResult>> Get(Guid id, AfyaDb db, CancellationToken ct) =>
        await db.Set<Hospital>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct) is { } h
            ? TypedResults.Ok(HospitalResponse.From(h))
            : ApiProblem.NotFound("hospital", "HOSPITAL_NOT_FOUND");

    public static async Task<Results<Created<HospitalResponse>, ProblemHttpResult>> Create(
        HospitalInput input, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200) errors["name"] = ["Name is required (at most 200 characters)."];
        if (string.IsNullOrWhiteSpace(input.RegistrationNumber) || input.RegistrationNumber.Length > 64)
            errors["registration_number"] = ["Registration number is required (at most 64 characters)."];
        foreach (var (field, value, max) in new[] { ("address", input.Address, 500), ("county", input.County, 100), ("phone", input.Phone, 32), ("email", input.Email, 254) })
            if (value is { } v && v.Length > max) errors[field] = [$"Must be at most {max} characters."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        var hospital = new Hospital
        {
            Name = input.Name!.Trim(), RegistrationNumber = input.RegistrationNumber!.Trim(), Address = input.Address?.Trim(),
            County = input.County?.Trim(), Phone = input.Phone?.Trim(), Email = input.Email?.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(hospital);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return ApiProblem.Conflict("REGISTRATION_NUMBER_TAKEN", "A hospital with this registration number exists.");
        }
        return TypedResults.Created($"/api/v1/hospitals/{hospital.Id}", HospitalResponse.From(hospital));
    }

    // Makes an account one of the hospital's administrators (the hospital_admin role is granted on the account itself).
    // Never oneself: an admin who also holds hospital_admin would otherwise pick the hospital whose consents it reads.
    public static async Task<Results<NoContent, ProblemHttpResult>> AddStaff(
        Guid id, StaffInput input, CurrentUser me, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        if (input.UserId is not { } userId) return ApiProblem.Field("user_id", "This field is required.");
        if (userId == me.Id)
            return ApiProblem.Of(StatusCodes.Status403Forbidden, "CANNOT_ADD_SELF_AS_STAFF", "Admins cannot make themselves a hospital's administrator.",
                "Ask another admin.");
        if (!await db.Set<Hospital>().AnyAsync(h => h.Id == id, ct)) return ApiProblem.NotFound("hospital", "HOSPITAL_NOT_FOUND");
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = await db.Set<HospitalStaff>().Where(s => s.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.HospitalId, id).SetProperty(x => x.CreatedAt, now), ct);
        if (moved == 0)
        {
            db.Add(new HospitalStaff { UserId = userId, HospitalId = id, CreatedAt = now });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }
}
