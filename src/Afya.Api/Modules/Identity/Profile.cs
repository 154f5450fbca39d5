using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Phone;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Identity;

public sealed record ProfileUpdate(
    string? Name, string? FirstName, string? LastName, string? NationalId, string? Address, string? City, string? County,
    string? Phone = null);

public static class Profile
{
    public const long MaxAvatarBytes = 5 * 1024 * 1024;

    public static TBuilder ProfileUpdateProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Problem(400, "VALIDATION_FAILED", "PHONE_CHANGE_NEEDS_OTP");

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(
        CurrentUser me, AfyaDb db, IFileStorage storage, CancellationToken ct, Contracts.IActivePackageReader? packages = null)
        => await ReadAsync(me.Id, db, storage, packages, ct) is { } user ? TypedResults.Ok(user) : ApiProblem.NotFound("user");

    // The account with its roles and the package in force: what both profile reads answer.
    private static async Task<UserResponse?> ReadAsync(Guid id, AfyaDb db, IFileStorage storage, Contracts.IActivePackageReader? packages, CancellationToken ct)
    {
        var user = await db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return null;
        return UserResponse.From(user, storage) with { ActivePackage = packages is null ? null : await packages.ActiveAsync(id, ct) };
    }

    // /auth/me also names the record another module links to this account (a patient's own record). The answer
    // is kept per user (ProfileCache), so a signed-in read is a lookup, not three queries.
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(
        CurrentUser me, ProfileCache profiles, AfyaDb db, IFileStorage storage, Contracts.IAccountLinks links, CancellationToken ct,
        Contracts.IActivePackageReader? packages = null)
    {
        // Read before the cache's factory runs: it may run where the request's context is not flowing.
        var id = me.Id;
        return await profiles.GetAsync(id, c => LoadMeAsync(id, db, storage, links, packages, c), ct) is { } user
            ? TypedResults.Ok(user)
            : ApiProblem.NotFound("user");
    }

    private static async Task<ProfileCache.Entry> LoadMeAsync(
        Guid id, AfyaDb db, IFileStorage storage, Contracts.IAccountLinks links, Contracts.IActivePackageReader? packages, CancellationToken ct)
    {
        if (await ReadAsync(id, db, storage, packages, ct) is not { } user) return new(null, DateTime.MaxValue);
        return new(user with { PatientId = await links.PatientIdAsync(id, ct) }, user.ActivePackage?.ChangesAt ?? DateTime.MaxValue);
    }

    // PUT and PATCH both change only the fields sent: seed clients PUT partial bodies.
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Update(
        ProfileUpdate request, CurrentUser me, AfyaDb db, IFileStorage storage, ProfileCache profiles, PhoneNormalizer phones, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = Validate(request);
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.Phone) && (phone = phones.Normalize(request.Phone)) is null)
            errors["phone"] = ["Enter a valid phone number, e.g. 0712345678 or +254712345678."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        if (user is null) return ApiProblem.NotFound("user");
        if (phone is not null && phone != user.PhoneNumber)
        {
            // A contact number, unverified: it signs nobody in until its owner proves it by OTP (PhoneSignIn), and so
            // is never refused as another's (that answer would say the number is known). A verified number is a
            // sign-in identity and changes only through that proof.
            if (user.PhoneVerified) return PhoneChangeNeedsOtp();
            user.PhoneNumber = phone;
        }

        if (request.FirstName is not null) user.FirstName = request.FirstName.Trim();
        if (request.LastName is not null) user.LastName = request.LastName.Trim();
        if (request.Name is not null) user.Name = request.Name.Trim();
        else if (request.FirstName is not null || request.LastName is not null) user.Name = $"{user.FirstName} {user.LastName}".Trim();
        if (request.NationalId is not null) user.NationalId = Blank(request.NationalId);
        if (request.Address is not null) user.Address = Blank(request.Address);
        if (request.City is not null) user.City = Blank(request.City);
        if (request.County is not null) user.County = Blank(request.County);
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        profiles.Changed(user.Id);
        return TypedResults.Ok(UserResponse.From(user, storage));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UploadAvatar(
        IFormFile avatar, CurrentUser me, AfyaDb db, IFileStorage storage, ProfileCache profiles, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        if (user is null) return ApiProblem.NotFound("user");
        if (!(await ImageUpload.StoreAsync(avatar, "avatar", "avatars", MaxAvatarBytes, storage, ct)).TryGet(out var key, out var problem)) return problem;
        var old = user.AvatarKey;
        user.AvatarKey = key;
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        profiles.Changed(user.Id);
        if (old is not null) await storage.DeleteAsync(old, ct);
        return TypedResults.Ok(UserResponse.From(user, storage));
    }

    private static Dictionary<string, string[]> Validate(ProfileUpdate r)
    {
        var errors = new Dictionary<string, string[]>();
        void Max(string field, string? value, int max)
        {
            if (value is not null && value.Trim().Length > max) errors[field] = [$"Must be at most {max} characters."];
        }
        Max("name", r.Name, 150);
        Max("first_name", r.FirstName, 150);
        Max("last_name", r.LastName, 150);
        Max("address", r.Address, 300);
        Max("city", r.City, 100);
        Max("county", r.County, 100);
        if (r.NationalId is { } id && id.Trim().Length > 0
            && (id.Trim().Length is < 5 or > 20 || !id.Trim().All(char.IsAsciiLetterOrDigit)))
            errors["national_id"] = ["A national ID is 5 to 20 letters or digits."];
        return errors;
    }

    private static ProblemHttpResult PhoneChangeNeedsOtp() => ApiProblem.Validation(
        new Dictionary<string, string[]> { ["phone"] = ["Your phone number signs you in: change it with a code sent to the new number (POST /api/v1/auth/profile/phone/send-otp)."] },
        "PHONE_CHANGE_NEEDS_OTP", StatusCodes.Status400BadRequest, "A verified phone number changes only with a code sent to the new number.");

    private static string? Blank(string value) => value.Trim() is { Length: > 0 } v ? v : null;
}
