using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Identity;

public sealed record HealthcareRegisterRequest(string? Name, [DocumentedRequired] string? Email, [DocumentedRequired] string? Password, string? Username);
public sealed record HealthcareUser(Guid Id, string Name, string? Email, string? Username);
public sealed record HealthcareRegistered(string Message, HealthcareUser User);
public sealed record SimpleJwtPair(string Access, string Refresh);
public sealed record SimpleJwtAccess(string Access)
{
    // Only for a token that rotates (it was refreshed natively before): its successor, as simplejwt's ROTATE_REFRESH_TOKENS gives.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Refresh { get; init; }
}

// The seeds' own account routes, thin over the same services as /api/v1/auth: Kuwait's OTP and profile
// routes (the native handlers, enveloped by their surface group), the Healthcare Backend's simplejwt-style routes, Amazon Kenya's token refresh.
public static class IdentitySurfaces
{
    public static IEndpointRouteBuilder MapIdentitySurfaces(this IEndpointRouteBuilder app)
    {
        // The Kuwait clinic's routes are the native handlers; the surface group's filter puts them in its envelope.
        if (app.MapSurface(SeedSurfaces.Kuwait, "/api/auth")?.WithMetadata(new AccessTokenLifetime(o => o.KuwaitAccessTokenSeconds)) is { } kuwaitAuth)
        {
            kuwaitAuth.MapPost("/send-otp", PhoneSignIn.SendOtp).WithName("KuwaitSendOtp").SendOtpProblems().WithEnvelopeMessage("OTP sent successfully");
            kuwaitAuth.MapPost("/verify-otp", PhoneSignIn.VerifyOtp).WithName("KuwaitVerifyOtp").VerifyOtpProblems().WithEnvelopeMessage("Login successful");
        }
        if (app.MapSurface(SeedSurfaces.Kuwait, "/api/user")?.RequireAuthorization() is { } kuwaitUser)
        {
            kuwaitUser.MapGet("/profile", Profile.Get).WithName("KuwaitGetProfile").NotFoundProblem().WithEnvelopeMessage("Profile retrieved successfully");
            kuwaitUser.MapPut("/profile", Profile.Update).WithName("KuwaitUpdateProfile").NotFoundProblem().ProfileUpdateProblems().WithEnvelopeMessage("Profile updated successfully");
            kuwaitUser.MapPost("/send-phone-change-otp", PhoneSignIn.SendPhoneChangeOtp).WithName("KuwaitSendPhoneChangeOtp").SendOtpProblems()
                .WithEnvelopeMessage("OTP sent to the new phone number");
            kuwaitUser.MapPut("/phone", PhoneSignIn.ChangePhone).WithName("KuwaitChangePhone").ChangePhoneProblems().WithEnvelopeMessage("Phone number updated successfully");
        }

        if (app.MapSurface(SeedSurfaces.Healthcare, "/api/auth") is { } healthcare)
        {
            healthcare.MapPost("/register", HealthcareRegister).WithName("HealthcareRegister")
                .Problem(400, "VALIDATION_FAILED", "EMAIL_TAKEN", "USERNAME_TAKEN");
            healthcare.MapPost("/login", HealthcareLogin).WithName("HealthcareLogin").LoginProblems();
            healthcare.MapPost("/refresh", SimpleJwtRefresh).WithName("HealthcareRefresh").RefreshProblems();
        }

        if (app.MapSurface(SeedSurfaces.AmazonKenya, "/api/v1/auth") is { } amazon)
            amazon.MapPost("/token/refresh", SimpleJwtRefresh).WithName("AmazonKenyaTokenRefresh").RefreshProblems();
        return app;
    }

    // ---------- Healthcare Backend (simplejwt) ----------

    private static async Task<Results<Created<HealthcareRegistered>, ProblemHttpResult>> HealthcareRegister(
        HealthcareRegisterRequest request, AccountCreator accounts, CancellationToken ct)
    {
        var created = await accounts.CreateAsync(
            new RegisterRequest(request.Email, request.Password, request.Username, null, null, request.Name, null), issueTokens: false, ct);
        // DRF answers a taken unique field like any other invalid field, 400; Afya's own surface says 409.
        if (created.Problem is { StatusCode: StatusCodes.Status409Conflict, ProblemDetails: var details })
        {
            details.Status = StatusCodes.Status400BadRequest;
            return TypedResults.Problem(details);
        }
        return created.Then(a => TypedResults.Created("/api/v1/auth/me",
            new HealthcareRegistered("User registered successfully", new HealthcareUser(a.User.Id, a.User.Name, a.User.Email, a.User.Username))));
    }

    private static async Task<Results<Ok<SimpleJwtPair>, ProblemHttpResult>> HealthcareLogin(
        LoginRequest request, PasswordSignIn signIn, HttpContext http, CancellationToken ct) =>
        (await signIn.SignInAsync(request, http, ct)).Then(s => TypedResults.Ok(new SimpleJwtPair(s.Tokens.Access, s.Tokens.Refresh)));

    // simplejwt's default: a new access token, and the refresh token stays usable (see RefreshTokens.SimpleJwtAsync).
    private static async Task<Results<Ok<SimpleJwtAccess>, ProblemHttpResult>> SimpleJwtRefresh(
        RefreshRequest request, RefreshTokens tokens, CancellationToken ct) =>
        (await tokens.SimpleJwtAsync(request.Refresh, ct)).Then(TypedResults.Ok);
}
