using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Identity;

public sealed record HealthcareRegisterRequest(string? Name, string? Email, string? Password, string? Username);
public sealed record HealthcareUser(Guid Id, string Name, string? Email, string? Username);
public sealed record HealthcareRegistered(string Message, HealthcareUser User);
public sealed record SimpleJwtPair(string Access, string Refresh);
public sealed record SimpleJwtAccess(string Access)
{
    // Only for a token that rotates (it was refreshed natively before): its successor, as simplejwt's ROTATE_REFRESH_TOKENS gives.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Refresh { get; init; }
}
public sealed record KuwaitProfileUpdate(string? Name, string? NationalId);
public sealed record KuwaitPhoneChangeOtp(string? NewPhoneNumber);

// The seeds' own account routes, thin over the same services as /api/v1/auth: Kuwait's OTP and profile
// routes (enveloped), the Healthcare Backend's simplejwt-style routes, Amazon Kenya's token refresh.
public static class IdentitySurfaces
{
    public static IEndpointRouteBuilder MapIdentitySurfaces(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Kuwait, "/api") is { } kuwait)
        {
            kuwait.MapPost("/auth/send-otp", KuwaitSendOtp).WithName("KuwaitSendOtp");
            kuwait.MapPost("/auth/verify-otp", KuwaitVerifyOtp).WithName("KuwaitVerifyOtp");
            kuwait.MapGet("/user/profile", KuwaitProfile).WithName("KuwaitGetProfile").RequireAuthorization();
            kuwait.MapPut("/user/profile", KuwaitUpdateProfile).WithName("KuwaitUpdateProfile").RequireAuthorization();
            kuwait.MapPost("/user/send-phone-change-otp", KuwaitSendPhoneChangeOtp).WithName("KuwaitSendPhoneChangeOtp").RequireAuthorization();
            kuwait.MapPut("/user/phone", KuwaitChangePhone).WithName("KuwaitChangePhone").RequireAuthorization();
            kuwait.MapGet("/health", KuwaitHealth).WithName("KuwaitHealth");
        }

        if (app.MapSurface(SeedSurfaces.Healthcare, "/api/auth") is { } healthcare)
        {
            healthcare.MapPost("/register", HealthcareRegister).WithName("HealthcareRegister");
            healthcare.MapPost("/login", HealthcareLogin).WithName("HealthcareLogin");
            healthcare.MapPost("/refresh", SimpleJwtRefresh).WithName("HealthcareRefresh");
        }

        if (app.MapSurface(SeedSurfaces.AmazonKenya, "/api/v1/auth") is { } amazon)
            amazon.MapPost("/token/refresh", SimpleJwtRefresh).WithName("AmazonKenyaTokenRefresh");
        return app;
    }

    // ---------- Kuwait clinic ----------

    private static async Task<Results<Ok<Envelope<OtpSent>>, ProblemHttpResult>> KuwaitSendOtp(
        SendOtpRequest request, PhoneAccounts accounts, CurrentUser me, CancellationToken ct)
    {
        var (sent, problem) = await accounts.SendSignInCodeAsync(request, me, ct);
        return problem is not null ? problem : TypedResults.Ok(new Envelope<OtpSent>(true, sent!, "OTP sent successfully"));
    }

    private static async Task<Results<Ok<Envelope<OtpAuthResponse>>, ProblemHttpResult>> KuwaitVerifyOtp(
        VerifyOtpRequest request, PhoneAccounts accounts, CancellationToken ct)
    {
        var (response, problem) = await accounts.SignInAsync(request, ct);
        return problem is not null ? problem : TypedResults.Ok(new Envelope<OtpAuthResponse>(true, response!, "Login successful"));
    }

    private static async Task<Results<Ok<Envelope<UserResponse>>, ProblemHttpResult>> KuwaitProfile(
        CurrentUser me, Platform.Data.AfyaDb db, IFileStorage storage, CancellationToken ct, Contracts.IActivePackageReader? packages = null) =>
        await Profile.Get(me, db, storage, ct, packages) switch
        {
            { Result: Ok<UserResponse> ok } => TypedResults.Ok(new Envelope<UserResponse>(true, ok.Value!, "Profile retrieved successfully")),
            { Result: ProblemHttpResult problem } => problem,
            _ => throw new InvalidOperationException("Unexpected profile result."),
        };

    private static async Task<Results<Ok<Envelope<UserResponse>>, ProblemHttpResult>> KuwaitUpdateProfile(
        KuwaitProfileUpdate request, CurrentUser me, Platform.Data.AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct) =>
        await Profile.Update(new ProfileUpdate(request.Name, null, null, request.NationalId, null, null, null), me, db, storage, clock, ct) switch
        {
            { Result: Ok<UserResponse> ok } => TypedResults.Ok(new Envelope<UserResponse>(true, ok.Value!, "Profile updated successfully")),
            { Result: ProblemHttpResult problem } => problem,
            _ => throw new InvalidOperationException("Unexpected profile result."),
        };

    private static async Task<Results<Ok<Envelope<OtpSent>>, ProblemHttpResult>> KuwaitSendPhoneChangeOtp(
        KuwaitPhoneChangeOtp request, PhoneAccounts accounts, CurrentUser me, CancellationToken ct)
    {
        var (sent, problem) = await accounts.SendChangeCodeAsync(request.NewPhoneNumber, me, ct);
        return problem is not null ? problem : TypedResults.Ok(new Envelope<OtpSent>(true, sent!, "OTP sent to the new phone number"));
    }

    private static async Task<Results<Ok<Envelope<UserResponse>>, ProblemHttpResult>> KuwaitChangePhone(
        ChangePhoneRequest request, PhoneAccounts accounts, CurrentUser me, CancellationToken ct)
    {
        var (user, problem) = await accounts.ChangePhoneAsync(request, me, ct);
        return problem is not null ? problem : TypedResults.Ok(new Envelope<UserResponse>(true, user!, "Phone number updated successfully"));
    }

    private static Ok<Envelope<Platform.HealthResponse>> KuwaitHealth() =>
        TypedResults.Ok(new Envelope<Platform.HealthResponse>(true, new Platform.HealthResponse("healthy", new Dictionary<string, string>()), "Service is healthy"));

    // ---------- Healthcare Backend (simplejwt) ----------

    private static async Task<Results<Created<HealthcareRegistered>, ProblemHttpResult>> HealthcareRegister(
        HealthcareRegisterRequest request, AccountCreator accounts, CancellationToken ct)
    {
        var (user, _, problem) = await accounts.CreateAsync(
            new RegisterRequest(request.Email, request.Password, request.Username, null, null, request.Name, null), issueTokens: false, ct);
        if (problem is not null) return problem;
        return TypedResults.Created($"/api/v1/auth/me",
            new HealthcareRegistered("User registered successfully", new HealthcareUser(user!.Id, user.Name, user.Email, user.Username)));
    }

    private static async Task<Results<Ok<SimpleJwtPair>, ProblemHttpResult>> HealthcareLogin(
        LoginRequest request, PasswordSignIn signIn, HttpContext http, CancellationToken ct)
    {
        var (_, tokens, problem) = await signIn.SignInAsync(request, http, ct);
        return problem is not null ? problem : TypedResults.Ok(new SimpleJwtPair(tokens!.Access, tokens.Refresh));
    }

    // simplejwt's default: a new access token, and the refresh token stays usable (see RefreshTokens.SimpleJwtAsync).
    private static async Task<Results<Ok<SimpleJwtAccess>, ProblemHttpResult>> SimpleJwtRefresh(
        RefreshRequest request, RefreshTokens tokens, CancellationToken ct)
    {
        var (access, refresh, problem) = await tokens.SimpleJwtAsync(request.Refresh, ct);
        return problem is not null ? problem : TypedResults.Ok(new SimpleJwtAccess(access!) { Refresh = refresh });
    }
}
