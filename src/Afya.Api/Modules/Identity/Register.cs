using System.Security.Cryptography;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Phone;
using Afya.Api.Platform.Settings;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Throttling;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

public sealed record RegisterRequest(
    [DocumentedRequired] string? Email, [DocumentedRequired] string? Password, string? Username, string? FirstName, string? LastName, string? Name, string? PhoneNumber);

public sealed record RegisterResponse(UserResponse User, string Access, string Refresh, string TokenType, int ExpiresIn);

// The account just made, and its first session when one was asked for.
public sealed record CreatedAccount(User User, TokenPair? Tokens);

public static class Register
{
    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromHours(48);

    public static async Task<Results<Created<RegisterResponse>, ProblemHttpResult>> Handle(
        RegisterRequest request, AccountCreator accounts, IFileStorage storage, CancellationToken ct) =>
        (await accounts.CreateAsync(request, issueTokens: true, ct)).Then(a => TypedResults.Created("/api/v1/auth/me",
            new RegisterResponse(UserResponse.From(a.User, storage), a.Tokens!.Access, a.Tokens.Refresh, a.Tokens.TokenType, a.Tokens.ExpiresIn)));
}

// Which pages the links of an account mail open: Afya's own (Http__FrontendUrl, /verify-email?token=) or the Dira
// storefront's routes (Http__StorefrontUrl), chosen by the route the person used.
public enum AccountLinks { Native, DiraStorefront }

public static class AccountLinkUrls
{
    public static string Verify(HttpOptions http, AccountLinks links, string token) => links == AccountLinks.DiraStorefront
        ? $"{Storefront(http)}/auth/verify-account/{Uri.EscapeDataString(token)}"
        : $"{Frontend(http)}/verify-email?token={Uri.EscapeDataString(token)}";

    public static string Reset(HttpOptions http, AccountLinks links, string token) => links == AccountLinks.DiraStorefront
        ? $"{Storefront(http)}/auth/confirm-reset-password/{Uri.EscapeDataString(token)}"
        : $"{Frontend(http)}/reset-password?token={Uri.EscapeDataString(token)}";

    private static string Frontend(HttpOptions http) => (http.FrontendUrl ?? http.PublicUrl).TrimEnd('/');

    private static string Storefront(HttpOptions http) => (http.StorefrontUrl ?? http.PublicUrl).TrimEnd('/');
}

// Creates email/password accounts; shared by the native route and the seed surfaces that register.
public sealed class AccountCreator(
    AfyaDb db, Sessions sessions, IOutbox outbox, PhoneNormalizer phones, TimeProvider clock,
    IOptions<HttpOptions> http, RateCounter counters, CurrentUser caller, IOptions<LockoutOptions> lockout,
    PasswordHashing hashing)
{
    public async Task<Result<CreatedAccount>> CreateAsync(
        RegisterRequest request, bool issueTokens, CancellationToken ct, int attempt = 1, string role = Roles.Customer, AccountLinks links = AccountLinks.Native)
    {
        var errors = new Dictionary<string, string[]>();
        if (Credentials.EmailProblem(request.Email) is { } emailProblem) errors["email"] = [emailProblem];
        if (Credentials.PasswordProblem(request.Password, request.Email) is { } passwordProblem) errors["password"] = [passwordProblem];
        if (Credentials.UsernameProblem(request.Username) is { } usernameProblem) errors["username"] = [usernameProblem];
        foreach (var (field, value) in new[] { ("first_name", request.FirstName), ("last_name", request.LastName), ("name", request.Name) })
            if (value is { Length: > 150 }) errors[field] = ["Must be at most 150 characters."];
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.PhoneNumber) && (phone = phones.Normalize(request.PhoneNumber)) is null)
            errors["phone_number"] = ["Enter a valid phone number."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        // Limited per client address before anything is looked up, so EMAIL_TAKEN cannot be farmed.
        var hour = TimeSpan.FromHours(1);
        if (attempt == 1 && await counters.HitAsync("register:address:" + (caller.ClientAddress ?? "unknown"), hour, int.MaxValue, TimeSpan.Zero, ct)
            > lockout.Value.MaxRegistrationsPerAddressPerHour)
            return ApiProblem.TooMany("RATE_LIMITED", "Too many sign-ups from this address; try again later.", hour);

        var email = request.Email!.Trim();
        var normalizedEmail = User.NormalizeEmail(email);
        if (await db.Set<User>().AnyAsync(u => u.NormalizedEmail == normalizedEmail, ct)) return EmailTaken();

        var username = request.Username?.Trim();
        if (username is not null && await db.Set<User>().AnyAsync(u => u.NormalizedUsername == User.NormalizeUsername(username), ct))
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["username"] = ["This username is taken."] },
                "USERNAME_TAKEN", StatusCodes.Status409Conflict, "This username is taken.");
        username ??= await FreeUsernameAsync(Credentials.UsernameFromEmail(email), ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var first = request.FirstName?.Trim() ?? "";
        var last = request.LastName?.Trim() ?? "";
        var user = new User
        {
            Email = email,
            NormalizedEmail = normalizedEmail,
            Username = username,
            NormalizedUsername = User.NormalizeUsername(username),
            FirstName = first,
            LastName = last,
            Name = request.Name?.Trim() is { Length: > 0 } name ? name : $"{first} {last}".Trim(),
            // Unverified, so never refused as taken (which would let anyone squat a number and tell a stranger it is
            // known): it signs nobody in and is released when someone proves the number by OTP (PhoneAccounts).
            PhoneNumber = phone,
            CreatedAt = now,
            UpdatedAt = now,
            Roles = [new UserRole { Role = role }],
        };
        user.PasswordHash = hashing.Hash(user, request.Password!);
        db.Add(user);

        QueueVerification(user, "welcome", now, links);

        var tokens = issueTokens ? sessions.Start(user) : null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Lost a race with a concurrent registration. The email decides first: which index failed
            // first depends on the database, but a taken email is what the caller needs to hear.
            db.ChangeTracker.Clear();
            if (await db.Set<User>().AnyAsync(u => u.NormalizedEmail == normalizedEmail, ct)) return EmailTaken();
            if (request.Username is null && attempt < 3) return await CreateAsync(request, issueTokens, ct, attempt + 1, role, links);
            return ApiProblem.Conflict("USERNAME_TAKEN", "This username is taken.");
        }
        return new CreatedAccount(user, tokens);
    }

    // A single-use link token and the email that carries it, added to the caller's unit of work.
    public void QueueVerification(User user, string template, DateTime now, AccountLinks links = AccountLinks.Native)
    {
        var verification = TokenIssuer.NewOpaqueToken();
        db.Add(new OneTimeToken
        {
            UserId = user.Id,
            Purpose = OneTimePurpose.EmailVerification,
            TokenHash = TokenIssuer.Hash(verification),
            CreatedAt = now,
            ExpiresAt = now + Register.VerificationLifetime,
        });
        outbox.Enqueue(db, new OutgoingEmail(user.Email!, template, new Dictionary<string, string>
        {
            ["name"] = user.Name.Length > 0 ? user.Name : user.Username ?? user.Email!,
            ["verify_url"] = AccountLinkUrls.Verify(http.Value, links, verification),
            ["token"] = verification,
        }, user.Name, SecretUntil: now + Register.VerificationLifetime));
    }

    private async Task<string> FreeUsernameAsync(string wanted, CancellationToken ct)
    {
        var candidate = wanted;
        while (await db.Set<User>().AnyAsync(u => u.NormalizedUsername == User.NormalizeUsername(candidate), ct))
            candidate = $"{wanted}{RandomNumberGenerator.GetInt32(1000, 99999)}";
        return candidate;
    }

    public static ProblemHttpResult EmailTaken() => ApiProblem.Validation(
        new Dictionary<string, string[]> { ["email"] = ["An account with this email already exists."] },
        "EMAIL_TAKEN", StatusCodes.Status409Conflict, "An account with this email already exists.");

    public static ProblemHttpResult PhoneTaken() => ApiProblem.Validation(
        new Dictionary<string, string[]> { ["phone_number"] = ["This phone number belongs to another account."] },
        "PHONE_TAKEN", StatusCodes.Status409Conflict, "This phone number belongs to another account.");
}
