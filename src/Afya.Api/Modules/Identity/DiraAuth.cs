using System.Security.Claims;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;
using Afya.Api.Platform.Throttling;

namespace Afya.Api.Modules.Identity;

// Dira's sign-up body: the plain password travels as "hashed_password".
public sealed record DiraSignupRequest([DocumentedRequired] string? Email, [DocumentedRequired] string? HashedPassword, string? FirstName, string? LastName, string? PhoneNumber);

public sealed record DiraUser(int Id, string FirstName, string LastName, string? Email, string? PhoneNumber, string Role, bool IsVerified);

public sealed record DiraEmailRequest(string? Email);

public sealed record DiraConfirmReset([DocumentedRequired] string? NewPassword, [DocumentedRequired] string? ConfirmNewPassword);

public sealed record DiraAccessToken(string AccessToken, string TokenType = "bearer");

// Dira's account routes that the native /api/v1/auth does not already answer, thin over the same services.
// POST /auth/login and /auth/logout are the native routes (the login answer carries access_token/refresh_token too).
public static class DiraAuth
{
    public static IEndpointRouteBuilder MapDiraAuth(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/auth") is not { } auth) return app;
        auth.MapPost("/signup", Signup).WithName("DiraSignup").RegisterProblems();
        auth.MapGet("/user/me", Me).WithName("DiraMe").RequireAuthorization().NotFoundProblem();
        auth.MapGet("/verify-account/{token}", VerifyAccount).WithName("DiraVerifyAccount").Problem(400, "INVALID_TOKEN");
        auth.MapPost("/request-verification-link", RequestVerificationLink).WithName("DiraRequestVerificationLink").Problem(422, "VALIDATION_FAILED");
        auth.MapPost("/reset-password", (DiraEmailRequest request, PasswordResetRequests requests) =>
            TypedResults.Ok(Passwords.ForgotWith(new ForgotPasswordRequest(request.Email), requests, AccountLinks.DiraStorefront).Value))
            .WithName("DiraResetPassword");
        auth.MapPost("/confirm-reset-password/{token}", ConfirmResetPassword).WithName("DiraConfirmResetPassword").Problem(422, "INVALID_TOKEN", "VALIDATION_FAILED");
        auth.MapGet("/refresh-token", RefreshToken).WithName("DiraRefreshToken").WithMetadata(new OwnBearerCheck()).RefreshProblems();
        return app;
    }

    private static async Task<Results<Created<MessageResponse>, ProblemHttpResult>> Signup(
        DiraSignupRequest request, AccountCreator accounts, CancellationToken ct) =>
        (await accounts.CreateAsync(new RegisterRequest(request.Email, request.HashedPassword, null, request.FirstName, request.LastName, null, request.PhoneNumber),
            issueTokens: false, ct, links: AccountLinks.DiraStorefront))
            .Then(_ => TypedResults.Created("/api/v1/auth/user/me", new MessageResponse("Account created. Check your e-mail to verify it.")));

    private static async Task<Results<Ok<DiraUser>, ProblemHttpResult>> Me(CurrentUser me, AfyaDb db, CancellationToken ct)
    {
        var user = await db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        return user is null ? ApiProblem.NotFound("user") : TypedResults.Ok(From(user));
    }

    internal static DiraUser From(User u) => new(u.PublicNumber, u.FirstName, u.LastName, u.Email, u.PhoneNumber, RoleOf(u), u.EmailVerified);

    // Dira has one role per user; Afya's admin role wins over the others, then service_tech.
    private static string RoleOf(User u) =>
        u.Roles.Any(r => r.Role == Roles.Admin) ? "admin" : u.Roles.Any(r => r.Role == Roles.ServiceTech) ? Roles.ServiceTech : "customer";

    private static Task<Results<Ok<MessageResponse>, ProblemHttpResult>> VerifyAccount(
        string token, AfyaDb db, OneTimeTokens tokens, ProfileCache profiles, TimeProvider clock, CancellationToken ct) =>
        Passwords.VerifyEmail(new VerifyEmailRequest(token), db, tokens, profiles, clock, ct);

    // Anonymous by e-mail, as the storefront asks: the same answer whether or not the address has an unverified account,
    // and at most five links an hour per account (the native resend's limit).
    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> RequestVerificationLink(
        DiraEmailRequest request, AfyaDb db, AccountCreator accounts, RateCounter counters, TimeProvider clock, CancellationToken ct)
    {
        var answer = TypedResults.Ok(new MessageResponse("If an unverified account exists for this email, a verification link has been sent."));
        if (Credentials.EmailProblem(request.Email) is { } problem) return ApiProblem.Field("email", problem);
        var normalized = User.NormalizeEmail(request.Email!);
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.IsActive && !u.EmailVerified, ct);
        if (user is null || await counters.HitAsync("email-verify:" + user.Id, TimeSpan.FromHours(1), int.MaxValue, TimeSpan.Zero, ct) > 5) return answer;
        accounts.QueueVerification(user, "verify_email", clock.GetUtcNow().UtcDateTime, AccountLinks.DiraStorefront);
        await db.SaveChangesAsync(ct);
        return answer;
    }

    // The mailed link opens the storefront's /auth/confirm-reset-password/{token}, which posts here: the native reset.
    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> ConfirmResetPassword(
        string token, DiraConfirmReset request, AfyaDb db, Sessions sessions, SessionGuard guard, OneTimeTokens tokens, PasswordHashing hashing, TimeProvider clock, CancellationToken ct)
    {
        if (request.NewPassword != request.ConfirmNewPassword) return ApiProblem.Field("confirm_new_password", "The two passwords differ.");
        return await Passwords.Reset(new ResetPasswordRequest(token, request.NewPassword), db, sessions, guard, tokens, hashing, clock, ct);
    }

    // The backend expects the refresh token as the bearer; the storefront sends its access token: both work.
    // A live access token gets a fresh one in the same session while the session could still be refreshed (a refresh
    // token of it unrevoked and unexpired), so a copied access token is not renewable for ever; anything else is
    // tried as a refresh token.
    private static async Task<Results<Ok<DiraAccessToken>, ProblemHttpResult>> RefreshToken(
        HttpRequest http, CurrentUser me, ClaimsPrincipal principal, AfyaDb db, TokenIssuer issuer, RefreshTokens refresh, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (me.IsAuthenticated && Guid.TryParse(principal.FindFirstValue(SessionGuard.SessionClaim), out var session)
            && await db.Set<RefreshToken>().AnyAsync(t => t.FamilyId == session && t.RevokedAt == null && t.ExpiresAt > now, ct)
            && await db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == me.Id, ct) is { } user)
            return TypedResults.Ok(new DiraAccessToken(issuer.CreateAccessToken(user, session).Token));
        var header = http.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        return (await refresh.SimpleJwtAsync(presented, ct)).Then(a => TypedResults.Ok(new DiraAccessToken(a.Access)));
    }
}
