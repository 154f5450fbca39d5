using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

public sealed record LoginRequest(string? Email, string? Username, [DocumentedRequired] string? Password);

// Who signed in, and the session started for them.
public sealed record SignedIn(User User, TokenPair Tokens);

public static class Login
{
    public static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Handle(
        LoginRequest request, PasswordSignIn signIn, IFileStorage storage, HttpContext http, CancellationToken ct) =>
        (await signIn.SignInAsync(request, http, ct)).Then(s => TypedResults.Ok(AuthResponse.From(s.Tokens, UserResponse.From(s.User, storage))));
}

// Email-or-username and password sign-in with lock-out, shared by the native and seed login routes.
public sealed class PasswordSignIn(AfyaDb db, Sessions sessions, RateCounter counters, IOptions<LockoutOptions> lockout, TimeProvider clock,
    PasswordHashing hashing)
{
    public async Task<Result<SignedIn>> SignInAsync(
        LoginRequest request, HttpContext http, CancellationToken ct)
    {
        var identifier = (request.Email ?? request.Username)?.Trim();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(identifier)) errors["email"] = ["Email or username is required."];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["Password is required."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var normalized = identifier!.ToLowerInvariant();
        var o = lockout.Value;
        var lockFor = TimeSpan.FromMinutes(o.LockoutMinutes);
        var user = await db.Set<User>().Include(u => u.Roles)
            .FirstOrDefaultAsync(u => u.NormalizedEmail == normalized || u.NormalizedUsername == normalized, ct);

        // The lock belongs to the account, whichever name (email or username) was typed; unknown names are
        // counted too, so the lock-out itself does not reveal which ones exist.
        var accountKey = user is null ? "login:name:" + normalized : "login:account:" + user.Id.ToString("N");
        var addressKey = "login:address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (await counters.BlockedUntilAsync([accountKey], ct) is { } until) return Locked(until);
        await SlowDownAsync(addressKey, lockFor, o, ct);

        // An attempt is reserved before the hash is checked: of any number of parallel guesses, at most
        // MaxFailedAttempts reach the check.
        if (!await counters.TryReserveAsync(accountKey, lockFor, o.MaxFailedAttempts, ct))
            return await LockAsync(accountKey, lockFor, ct);

        var verdict = hashing.Verify(user, request.Password!);
        // A deactivated account with the right password answers exactly as a wrong password, so the answer
        // never confirms a guessed password.
        if (verdict == PasswordVerificationResult.Failed || !user!.IsActive)
        {
            await counters.HitAsync(addressKey, lockFor, int.MaxValue, TimeSpan.Zero, ct);
            if (await counters.CountAsync(accountKey, lockFor, ct) >= o.MaxFailedAttempts)
                return await LockAsync(accountKey, lockFor, ct);
            return ApiProblem.Unauthorized("Invalid email or password.", "INVALID_CREDENTIALS");
        }

        await counters.ReleaseAsync(accountKey, ct);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = hashing.Hash(user, request.Password!);
        user.LastLoginAt = clock.GetUtcNow().UtcDateTime;
        var tokens = sessions.Start(user);
        await db.SaveChangesAsync(ct);
        return new SignedIn(user, tokens);
    }

    // An address past its failure limit is slowed, never refused: a clinic behind one NAT address, or an admin
    // on the address an attacker sprays from, still signs in with the right password. The wait doubles with
    // each failure past the limit, up to a maximum.
    private async Task SlowDownAsync(string addressKey, TimeSpan window, LockoutOptions o, CancellationToken ct)
    {
        var over = await counters.CountAsync(addressKey, window, ct) - o.MaxFailedAttemptsPerAddress;
        if (over < 0 || o.AddressBackoffMilliseconds == 0) return;
        var wait = Math.Min(o.AddressBackoffMaxMilliseconds, o.AddressBackoffMilliseconds * Math.Pow(2, Math.Min(over, 20)));
        // Real time on purpose: the wait is what slows the caller, whatever clock the app reads.
        await Task.Delay(TimeSpan.FromMilliseconds(wait), ct);
    }

    private async Task<ProblemHttpResult> LockAsync(string accountKey, TimeSpan lockFor, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + lockFor;
        await counters.BlockAsync(accountKey, until, ct);
        return Locked(until);
    }

    private ProblemHttpResult Locked(DateTime until)
    {
        var wait = until - clock.GetUtcNow().UtcDateTime;
        if (wait < TimeSpan.FromSeconds(1)) wait = TimeSpan.FromSeconds(1);
        return ApiProblem.TooMany("ACCOUNT_LOCKED", "Too many failed sign-in attempts; try again later.", wait);
    }
}
