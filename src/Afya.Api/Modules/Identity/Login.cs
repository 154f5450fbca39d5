using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

public sealed record LoginRequest(string? Email, string? Username, string? Password);

public static class Login
{
    public static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Handle(
        LoginRequest request, PasswordSignIn signIn, IFileStorage storage, HttpContext http, CancellationToken ct)
    {
        var (user, tokens, problem) = await signIn.SignInAsync(request, http, ct);
        if (problem is not null) return problem;
        return TypedResults.Ok(AuthResponse.From(tokens!, UserResponse.From(user!, storage)));
    }
}

// Email-or-username and password sign-in with lock-out, shared by the native and seed login routes.
public sealed class PasswordSignIn(AfyaDb db, Sessions sessions, RateCounter counters, IOptions<LockoutOptions> lockout, TimeProvider clock)
{
    public async Task<(User? User, TokenPair? Tokens, ProblemHttpResult? Problem)> SignInAsync(
        LoginRequest request, HttpContext http, CancellationToken ct)
    {
        var identifier = (request.Email ?? request.Username)?.Trim();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(identifier)) errors["email"] = ["Email or username is required."];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["Password is required."];
        if (errors.Count > 0) return (null, null, ApiProblem.Validation(errors));

        var normalized = identifier!.ToLowerInvariant();
        var accountKey = "login:account:" + normalized;
        var addressKey = "login:address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var o = lockout.Value;
        var lockFor = TimeSpan.FromMinutes(o.LockoutMinutes);

        var blockedUntil = await counters.BlockedUntilAsync([accountKey, addressKey], ct);
        if (blockedUntil is { } until) return (null, null, Locked(http, until));

        var user = await db.Set<User>().Include(u => u.Roles)
            .FirstOrDefaultAsync(u => u.NormalizedEmail == normalized || u.NormalizedUsername == normalized, ct);
        var verdict = Credentials.Verify(user, request.Password!);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // Unknown accounts are counted too, so the lock-out itself does not reveal which emails exist.
            var accountFailures = await counters.HitAsync(accountKey, lockFor, o.MaxFailedAttempts, lockFor, ct);
            var addressFailures = await counters.HitAsync(addressKey, lockFor, o.MaxFailedAttemptsPerAddress, lockFor, ct);
            if (accountFailures >= o.MaxFailedAttempts || addressFailures >= o.MaxFailedAttemptsPerAddress)
                return (null, null, Locked(http, clock.GetUtcNow().UtcDateTime + lockFor));
            return (null, null, ApiProblem.Unauthorized("Invalid email or password.", "INVALID_CREDENTIALS"));
        }

        if (!user!.IsActive)
            return (null, null, ApiProblem.Of(StatusCodes.Status403Forbidden, "ACCOUNT_DISABLED", "This account has been deactivated."));

        await counters.ResetAsync(accountKey, ct);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = Credentials.HashPassword(user, request.Password!);
        user.LastLoginAt = clock.GetUtcNow().UtcDateTime;
        var tokens = sessions.Start(user);
        await db.SaveChangesAsync(ct);
        return (user, tokens, null);
    }

    private ProblemHttpResult Locked(HttpContext http, DateTime until)
    {
        var wait = until - clock.GetUtcNow().UtcDateTime;
        if (wait < TimeSpan.FromSeconds(1)) wait = TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiProblem.TooMany("ACCOUNT_LOCKED", "Too many failed sign-in attempts; try again later.", wait);
    }
}
