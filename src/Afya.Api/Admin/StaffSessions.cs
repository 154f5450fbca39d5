using System.Globalization;
using System.Security.Claims;
using Afya.Api.Modules.Identity;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Throttling;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin;

// Staff sign-in for the console. The password step is the API's own (PasswordSignIn: lock-out, slow-down, the same
// account rules) and opens an API session; the console's cookie names that session, so the API's session guard
// decides whether it still stands, and ending it (sign-out, sign-out everywhere, a password change, deactivation)
// ends the console's cookie with it.
public sealed class StaffSessions(PasswordSignIn passwords, Sessions sessions, SessionGuard guard, AfyaDb db, RateCounter counters,
    TimeProvider clock)
{
    public const string StartedClaim = "console_started";
    private const string ConsoleTokenId = "console";
    private const int MaxCodeFailures = 5;

    // Codes tried per person in a quarter of an hour, right or wrong, whatever password steps come between: a new password
    // step must not buy new guesses at the six digits (ten a quarter-hour is about a year for a one-in-333,000 guess).
    private const int MaxCodeAttempts = 10;
    private static readonly TimeSpan CodeWindow = TimeSpan.FromMinutes(15);

    private static string CodeKey(Guid userId) => "console-2fa:" + userId.ToString("N");

    public sealed record PendingSignIn(Guid UserId, string Email, bool Enrolled);

    // The first step: email and password. Refusals are the API's (with its codes); a right password on an account
    // without a staff role is answered like a wrong one and its session ended at once.
    public async Task<Result<PendingSignIn>> CheckPasswordAsync(HttpContext http, string? email, string? password, CancellationToken ct)
    {
        var result = await passwords.SignInAsync(new LoginRequest(email, null, password), http, ct);
        if (!result.TryGet(out var signedIn, out var problem)) return problem;
        var session = SessionOf(signedIn.Tokens.Access);
        if (!ConsoleAccess.IsStaff(signedIn.User.Roles.Select(r => r.Role)))
        {
            await sessions.EndAsync(session, ct, signedIn.User.Id);
            return ApiProblem.Unauthorized("Invalid email or password.", "INVALID_CREDENTIALS");
        }
        var enrolled = await db.Set<Data.StaffTwoFactor>().AnyAsync(t => t.UserId == signedIn.User.Id && t.ConfirmedAt != null, ct);
        var pending = new ClaimsIdentity(
            [
                new Claim(CurrentUser.SubjectClaim, signedIn.User.Id.ToString()),
                new Claim(SessionGuard.SessionClaim, session.ToString()),
                new Claim(ClaimTypes.Email, signedIn.User.Email ?? signedIn.User.Username ?? ""),
            ], ConsoleAccess.TwoFactorScheme);
        await http.SignInAsync(ConsoleAccess.TwoFactorScheme, new ClaimsPrincipal(pending));
        return new PendingSignIn(signedIn.User.Id, signedIn.User.Email ?? "", enrolled);
    }

    // Who passed the password step and has not yet given a code; null when nobody (or the five minutes are over).
    public static async Task<PendingSignIn?> PendingAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(ConsoleAccess.TwoFactorScheme);
        if (!result.Succeeded || !Guid.TryParse(result.Principal.FindFirstValue(CurrentUser.SubjectClaim), out var id)) return null;
        return new PendingSignIn(id, result.Principal.FindFirstValue(ClaimTypes.Email) ?? "", false);
    }

    // Taken before a code is checked, so parallel guesses cannot slip past the count; false once the quarter-hour's
    // attempts are spent, and then not even the right code is checked.
    public async Task<bool> TryTakeCodeAttemptAsync(PendingSignIn pending, CancellationToken ct) =>
        await counters.TryReserveAsync(CodeKey(pending.UserId), CodeWindow, MaxCodeAttempts, ct);

    // Five wrong codes end the pending sign-in: the password step (and its lock-out) has to be passed again.
    public async Task<bool> CountFailedCodeAsync(HttpContext http, PendingSignIn pending, CancellationToken ct)
    {
        if (await counters.CountAsync(CodeKey(pending.UserId), CodeWindow, ct) < MaxCodeFailures) return false;
        await AbandonAsync(http, ct);
        return true;
    }

    public async Task AbandonAsync(HttpContext http, CancellationToken ct)
    {
        var result = await http.AuthenticateAsync(ConsoleAccess.TwoFactorScheme);
        if (result.Succeeded && Guid.TryParse(result.Principal.FindFirstValue(SessionGuard.SessionClaim), out var session))
            await sessions.EndAsync(session, ct);
        await http.SignOutAsync(ConsoleAccess.TwoFactorScheme);
    }

    // The second step passed: the console cookie is issued for the session the password step opened.
    public async Task CompleteAsync(HttpContext http, CancellationToken ct)
    {
        var pending = await http.AuthenticateAsync(ConsoleAccess.TwoFactorScheme);
        if (!pending.Succeeded) throw new InvalidOperationException("No pending sign-in.");
        var userId = Guid.Parse(pending.Principal.FindFirstValue(CurrentUser.SubjectClaim)!);
        var user = await db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstAsync(u => u.Id == userId, ct);
        await counters.ResetAsync(CodeKey(userId), ct);
        List<Claim> claims =
        [
            new(CurrentUser.SubjectClaim, user.Id.ToString()),
            new(CurrentUser.StampClaim, user.SecurityStamp),
            new(SessionGuard.SessionClaim, pending.Principal.FindFirstValue(SessionGuard.SessionClaim)!),
            new(StartedClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Email ?? user.Username ?? user.Id.ToString()),
        ];
        claims.AddRange(user.Roles.Select(r => new Claim(CurrentUser.RoleClaim, r.Role)));
        await http.SignOutAsync(ConsoleAccess.TwoFactorScheme);
        await http.SignInAsync(ConsoleAccess.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, ConsoleAccess.Scheme, ClaimTypes.Name, CurrentUser.RoleClaim)),
            new AuthenticationProperties { IsPersistent = false });
    }

    public async Task SignOutAsync(HttpContext http, CancellationToken ct)
    {
        if (Guid.TryParse(http.User.FindFirstValue(SessionGuard.SessionClaim), out var session)) await sessions.EndAsync(session, ct);
        await http.SignOutAsync(ConsoleAccess.Scheme);
    }

    // Every session of this person ends: the API's tokens, other browsers' console cookies and this one.
    public async Task SignOutEverywhereAsync(HttpContext http, Guid userId, CancellationToken ct)
    {
        var user = await db.Set<User>().FirstAsync(u => u.Id == userId, ct);
        await sessions.EndAllAsync(user, ct);
        await db.SaveChangesAsync(ct);
        guard.InvalidateSession(userId);
        await http.SignOutAsync(ConsoleAccess.Scheme);
    }

    // On every request: within the absolute lifetime, and the API session it names still stands.
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var clock = services.GetRequiredService<TimeProvider>();
        var absolute = TimeSpan.FromHours(services.GetRequiredService<IOptions<ConsoleOptions>>().Value.AbsoluteHours);
        var valid = principal is not null
            && Guid.TryParse(principal.FindFirstValue(CurrentUser.SubjectClaim), out var userId)
            && Guid.TryParse(principal.FindFirstValue(SessionGuard.SessionClaim), out var session)
            && long.TryParse(principal.FindFirstValue(StartedClaim), CultureInfo.InvariantCulture, out var started)
            && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(started) < absolute
            && await services.GetRequiredService<SessionGuard>().IsValidAsync(services, userId, ConsoleTokenId,
                principal.FindFirstValue(CurrentUser.StampClaim), session, context.HttpContext.RequestAborted);
        if (valid) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(ConsoleAccess.Scheme);
    }

    private static Guid SessionOf(string accessToken) =>
        Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(accessToken).GetClaim(SessionGuard.SessionClaim).Value);
}
