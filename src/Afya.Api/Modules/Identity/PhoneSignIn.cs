using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Phone;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Identity;

public sealed record SendOtpRequest([DocumentedRequired] string? PhoneNumber, string? Purpose);
public sealed record VerifyOtpRequest([DocumentedRequired] string? PhoneNumber, [DocumentedRequired] string? Code);
public sealed record PhoneChangeOtpRequest([DocumentedRequired] string? NewPhoneNumber);
public sealed record ChangePhoneRequest([DocumentedRequired] string? NewPhoneNumber, [DocumentedRequired] string? OtpCode);

public sealed record OtpAuthResponse(string Access, string Refresh, string TokenType, int ExpiresIn, UserResponse User, bool IsNewUser);

public static class PhoneSignIn
{
    public static async Task<Results<Ok<OtpSent>, ProblemHttpResult>> SendOtp(
        SendOtpRequest request, PhoneAccounts accounts, CurrentUser me, CancellationToken ct) =>
        (await accounts.SendSignInCodeAsync(request, me, ct)).Then(TypedResults.Ok);

    public static async Task<Results<Ok<OtpAuthResponse>, ProblemHttpResult>> VerifyOtp(
        VerifyOtpRequest request, PhoneAccounts accounts, CancellationToken ct) =>
        (await accounts.SignInAsync(request, ct)).Then(TypedResults.Ok);

    public static async Task<Results<Ok<OtpSent>, ProblemHttpResult>> SendPhoneChangeOtp(
        PhoneChangeOtpRequest request, PhoneAccounts accounts, CurrentUser me, CancellationToken ct) =>
        (await accounts.SendChangeCodeAsync(request.NewPhoneNumber, me, ct)).Then(TypedResults.Ok);

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ChangePhone(
        ChangePhoneRequest request, PhoneAccounts accounts, CurrentUser me, CancellationToken ct) =>
        (await accounts.ChangePhoneAsync(request, me, ct)).Then(TypedResults.Ok);
}

// Phone sign-in and phone change; the native routes and the Kuwait surface both call these.
public sealed class PhoneAccounts(
    AfyaDb db, OtpCodes codes, PhoneNormalizer phones, Sessions sessions, IOutbox outbox, IFileStorage storage, ProfileCache profiles, TimeProvider clock)
{
    private static readonly OtpPurpose[] SignInPurposes = [OtpPurpose.Login, OtpPurpose.Register];

    public async Task<Result<OtpSent>> SendSignInCodeAsync(SendOtpRequest request, CurrentUser me, CancellationToken ct)
    {
        var purpose = (request.Purpose?.Trim().ToLowerInvariant() ?? "login") switch
        {
            "login" or "" => OtpPurpose.Login,
            "register" or "signup" => OtpPurpose.Register,
            "phone_change" => OtpPurpose.PhoneChange,
            _ => (OtpPurpose?)null,
        };
        if (purpose is null) return ApiProblem.Field("purpose", "purpose must be login, register or phone_change.", "INVALID_PURPOSE");
        if (purpose == OtpPurpose.PhoneChange)
        {
            if (!me.IsAuthenticated) return ApiProblem.Unauthorized("Sign in to change your phone number.", "NOT_AUTHENTICATED");
            return await SendChangeCodeAsync(request.PhoneNumber, me, ct);
        }
        if (phones.Normalize(request.PhoneNumber) is not { } phone) return InvalidPhone("phone_number");
        return await codes.SendAsync(phone, purpose.Value, null, me.ClientAddress, ct);
    }

    public async Task<Result<OtpAuthResponse>> SignInAsync(VerifyOtpRequest request, CancellationToken ct)
    {
        if (phones.Normalize(request.PhoneNumber) is not { } phone) return InvalidPhone("phone_number");
        if (string.IsNullOrWhiteSpace(request.Code)) return ApiProblem.Field("code", "The code is required.");
        if (await codes.VerifyAsync(phone, request.Code, SignInPurposes, null, ct) is { } refused) return refused;

        // A second try finds the account a concurrent proof of the same number made (it committed before ours failed).
        for (var attempt = 1; attempt <= 2; attempt++)
            if (await TrySignInAsync(phone, ct) is { } answer) return answer;
        return ApiProblem.Conflict("PHONE_BUSY", "This number is being signed in elsewhere; try again.");
    }

    // Only a verified number is a sign-in identity: the account holding it verified, or a new one. Accounts that
    // merely typed the number in (registration, profile) lose it in the same transaction, never get the session.
    // Null when a concurrent proof of the number took it first.
    private async Task<Result<OtpAuthResponse>?> TrySignInAsync(string phone, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.PhoneNumber == phone && u.PhoneVerified, ct);
        var created = user is null;
        if (user is null)
        {
            user = new User
            {
                PhoneNumber = phone, PhoneVerified = true, CreatedAt = now, UpdatedAt = now,
                Roles = [new UserRole { Role = Roles.Customer }],
            };
            db.Add(user);
        }
        else if (!user.IsActive) return ApiProblem.Of(StatusCodes.Status403Forbidden, "ACCOUNT_DISABLED", "This account has been deactivated.");

        var released = await ReleaseUnverifiedAsync(phone, user.Id, now, ct);
        user.LastLoginAt = now;
        var pair = sessions.Start(user);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (created && DbErrors.IsUniqueViolation(ex, "phone"))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return null;
        }
        Changed(released, user.Id);
        return new OtpAuthResponse(pair.Access, pair.Refresh, pair.TokenType, pair.ExpiresIn, UserResponse.From(user, storage), created);
    }

    public async Task<Result<OtpSent>> SendChangeCodeAsync(string? newPhone, CurrentUser me, CancellationToken ct)
    {
        if (phones.Normalize(newPhone) is not { } phone) return InvalidPhone("new_phone_number");
        if (await codes.LimitAsync(phone, OtpPurpose.PhoneChange, me.ClientAddress, ct) is { } limited) return limited;
        if (await TakenByOtherAsync(phone, me.Id, ct))
        {
            // The requester hears what they would for a free number, and a code check is answered as a wrong code;
            // the number's owner is told instead, and the code went to nobody, so the change cannot complete.
            outbox.Enqueue(db, new OutgoingText(phone, "phone_claim_attempt", new Dictionary<string, string>()));
            return await codes.IssueDecoyAsync(phone, OtpPurpose.PhoneChange, me.Id, ct);
        }
        return await codes.IssueAsync(phone, OtpPurpose.PhoneChange, me.Id, ct);
    }

    // Moves the account to the new number; sessions stay, and the old contact is told.
    public async Task<Result<UserResponse>> ChangePhoneAsync(ChangePhoneRequest request, CurrentUser me, CancellationToken ct)
    {
        if (phones.Normalize(request.NewPhoneNumber) is not { } phone) return InvalidPhone("new_phone_number");
        if (string.IsNullOrWhiteSpace(request.OtpCode)) return ApiProblem.Field("otp_code", "The code is required.");
        // Verify first: the code for a taken number went to nobody (OtpCodes.IssueDecoyAsync), so it is answered as a wrong code.
        if (await codes.VerifyAsync(phone, request.OtpCode, [OtpPurpose.PhoneChange], me.Id, ct) is { } refused) return refused;
        if (await TakenByOtherAsync(phone, me.Id, ct)) return AccountCreator.PhoneTaken();

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        if (user is null) return ApiProblem.NotFound("user");
        var released = await ReleaseUnverifiedAsync(phone, user.Id, now, ct);
        // Only a number the account proved hears of the change: an unverified one may be anybody's (F10).
        var oldPhone = user.PhoneVerified ? user.PhoneNumber : null;
        user.PhoneNumber = phone;
        user.PhoneVerified = true;
        user.UpdatedAt = now;
        var notice = new Dictionary<string, string>
        {
            ["name"] = user.Name.Length > 0 ? user.Name : "there",
            ["new_phone"] = MaskPhone(phone),
        };
        if (oldPhone is not null && oldPhone != phone) outbox.Enqueue(db, new OutgoingText(oldPhone, "phone_changed", notice));
        else if (user.Email is not null) outbox.Enqueue(db, new OutgoingEmail(user.Email, "phone_changed", notice, user.Name));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "phone"))
        {
            // A concurrent proof of the number (a sign-in or another change) committed first; nothing of ours is kept,
            // and nothing later in this request may save the refused change again.
            db.ChangeTracker.Clear();
            return AccountCreator.PhoneTaken();
        }
        Changed(released, user.Id);
        return UserResponse.From(user, storage);
    }

    // Another account holds the number as verified; an unverified hold does not count (see ReleaseUnverifiedAsync).
    private Task<bool> TakenByOtherAsync(string phone, Guid me, CancellationToken ct) =>
        db.Set<User>().AnyAsync(u => u.PhoneNumber == phone && u.PhoneVerified && u.Id != me, ct);

    // Whoever proves a number with a code gets it: every other account that only typed it in loses it, inside the
    // caller's transaction, so the release stands or falls with the proof. Returns whose profiles changed.
    private async Task<List<Guid>> ReleaseUnverifiedAsync(string phone, Guid prover, DateTime now, CancellationToken ct)
    {
        var holders = await db.Set<User>().Where(u => u.PhoneNumber == phone && !u.PhoneVerified && u.Id != prover).Select(u => u.Id).ToListAsync(ct);
        if (holders.Count == 0) return holders;
        await db.Set<User>().Where(u => holders.Contains(u.Id) && u.PhoneNumber == phone && !u.PhoneVerified)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PhoneNumber, (string?)null).SetProperty(x => x.UpdatedAt, now), ct);
        return holders;
    }

    // After the commit, so no node caches what was rolled back.
    private void Changed(List<Guid> released, Guid prover)
    {
        foreach (var id in released) profiles.Changed(id);
        profiles.Changed(prover);
    }

    private static string MaskPhone(string phone) => phone.Length > 6 ? phone[..4] + new string('*', phone.Length - 6) + phone[^2..] : phone;

    public static ProblemHttpResult InvalidPhone(string field) =>
        ApiProblem.Field(field, "Enter a valid phone number, e.g. +96551234567, 0712345678 or +254712345678.", "INVALID_PHONE_NUMBER");
}
