using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Identity;

public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts").RequireRateLimiting(RateLimits.PerClient);
        auth.MapPost("/register", Register.Handle).WithName("Register").WithSummary("Create an account with email and password").RegisterProblems();
        auth.MapPost("/login", Login.Handle).WithName("Login").WithSummary("Sign in with email or username and password").LoginProblems();
        auth.MapPost("/refresh", Refresh.Handle).WithName("RefreshTokens").WithSummary("Trade a refresh token for a new pair (rotation)").RefreshProblems();
        auth.MapPost("/logout", Logout.Handle).WithName("Logout").WithSummary("End this session").RequireAuthorization();
        auth.MapPost("/token/scoped", ScopedTokens.Issue).WithName("IssueScopedToken").RequireAuthorization()
            .WithSummary("An access token narrowed to SMART-style scopes (patient/*.read, user/Observation.read), usable on /fhir only")
            .Problem(400, "INVALID_SCOPE").NotFoundProblem();
        auth.MapGet("/me", Profile.Me).WithName("Me").WithSummary("The signed-in user").RequireAuthorization().NotFoundProblem();
        auth.MapGet("/profile", Profile.Get).WithName("GetProfile").RequireAuthorization().NotFoundProblem();
        auth.MapPut("/profile", Profile.Update).WithName("PutProfile").RequireAuthorization().NotFoundProblem().ProfileUpdateProblems();
        auth.MapPatch("/profile", Profile.Update).WithName("PatchProfile").RequireAuthorization().NotFoundProblem().ProfileUpdateProblems();
        auth.MapPost("/profile/avatar", Profile.UploadAvatar).WithName("UploadAvatar")
            .WithSummary("Upload a JPEG, PNG or WebP avatar (multipart field 'avatar')")
            .DisableAntiforgery().RequireAuthorization().NotFoundProblem().Problem(400, "VALIDATION_FAILED", "UNSUPPORTED_IMAGE");
        auth.MapPost("/send-otp", PhoneSignIn.SendOtp).WithName("SendOtp")
            .WithSummary("Send a sign-in code by SMS/WhatsApp (purpose: login, register; phone_change needs a token)").SendOtpProblems();
        auth.MapPost("/verify-otp", PhoneSignIn.VerifyOtp).WithName("VerifyOtp")
            .WithSummary("Sign in with a phone code; the first sign-in creates the account").VerifyOtpProblems();
        auth.MapPost("/profile/phone/send-otp", PhoneSignIn.SendPhoneChangeOtp).WithName("SendPhoneChangeOtp").RequireAuthorization().SendOtpProblems();
        auth.MapPut("/profile/phone", PhoneSignIn.ChangePhone).WithName("ChangePhone")
            .WithSummary("Move the account to a new phone number with the code sent to it").RequireAuthorization().ChangePhoneProblems();
        auth.MapPost("/password/change", Passwords.Change).WithName("ChangePassword").RequireAuthorization().Problem(400, "INVALID_CURRENT_PASSWORD");
        auth.MapPost("/password/forgot", Passwords.Forgot).WithName("ForgotPassword").Problem(429, "RATE_LIMITED");
        auth.MapPost("/password/reset", Passwords.Reset).WithName("ResetPassword").Problem(400, "INVALID_TOKEN");
        auth.MapPost("/email/verify", Passwords.VerifyEmail).WithName("VerifyEmail").Problem(400, "INVALID_TOKEN");
        auth.MapPost("/email/verify/resend", Passwords.ResendVerification).WithName("ResendVerification").RequireAuthorization()
            .Problem(409, "EMAIL_ALREADY_VERIFIED").Problem(422, "NO_EMAIL").Problem(429, "RATE_LIMITED");

        var admin = app.MapGroup("/api/v1/admin/users").WithTags("Admin: users").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit()
            .RequireRateLimiting(RateLimits.PerClient);
        admin.MapGet("/", AdminUsers.List).WithName("AdminListUsers").AddEndpointFilter<DiraAdminUsers.ListForDira>().Problem(400, "INVALID_PAGE");
        admin.MapPost("/", AdminUserWrites.Create).WithName("AdminCreateUser")
            .WithSummary("Make an account: {email, password (Dira: hashed_password), first_name, last_name, phone_number, roles (Dira: role)}")
            .RegisterProblems().Problem(400, "VALIDATION_FAILED", "UNKNOWN_ROLE").Problem(429, "RATE_LIMITED").Problem(422, "CANNOT_DEMOTE_SELF");
        admin.MapGet("/stats", AdminUserWrites.Stats).WithName("AdminUserStats").WithSummary("Accounts counted: active, verified, by role, new in 30 days");
        admin.MapDelete("/{id:guid}", AdminUserWrites.Delete).WithName("AdminDeleteUser")
            .WithSummary("Remove an account: deactivated (its orders and records keep naming it), its sessions ended").NotFoundProblem().Problem(422, "CANNOT_DEMOTE_SELF");
        admin.MapGet("/{id:guid}", AdminUsers.Get).WithName("AdminGetUser").NotFoundProblem();
        admin.MapPatch("/{id:guid}", AdminUsers.Update).WithName("AdminUpdateUser").WithSummary("Grant roles or (de)activate a user")
            .NotFoundProblem().Problem(400, "UNKNOWN_ROLE").Problem(422, "CANNOT_DEMOTE_SELF")
            .Problem(403, "CANNOT_GRANT_CLINICAL_ROLE_TO_SELF");
        admin.MapGet("/{id:guid}/role-changes", AdminUsers.RoleChanges).WithName("AdminUserRoleChanges")
            .WithSummary("Who changed this account's roles, when, and the roles before and after");

        app.MapAccountPages();
        return app;
    }

    // The codes a flow can answer with, shared by the native routes and the seeds' routes over the same handlers.
    internal static RouteHandlerBuilder RegisterProblems(this RouteHandlerBuilder route) => route.Problem(409, "EMAIL_TAKEN", "USERNAME_TAKEN");

    internal static RouteHandlerBuilder LoginProblems(this RouteHandlerBuilder route) =>
        route.Problem(401, "INVALID_CREDENTIALS").Problem(403, "ACCOUNT_DISABLED").Problem(429, "ACCOUNT_LOCKED");

    internal static RouteHandlerBuilder RefreshProblems(this RouteHandlerBuilder route) => route.Problem(401, "INVALID_REFRESH_TOKEN", "REFRESH_TOKEN_REUSED");

    internal static RouteHandlerBuilder SendOtpProblems(this RouteHandlerBuilder route) =>
        route.Problem(400, "INVALID_PHONE_NUMBER", "INVALID_PURPOSE").Problem(401, "NOT_AUTHENTICATED")
            .Problem(429, "OTP_RESEND_TOO_SOON", "RATE_LIMITED");

    internal static RouteHandlerBuilder VerifyOtpProblems(this RouteHandlerBuilder route) =>
        route.Problem(400, "INVALID_PHONE_NUMBER", "OTP_INVALID", "OTP_EXPIRED").Problem(403, "ACCOUNT_DISABLED").Problem(409, "PHONE_BUSY")
            .Problem(429, "OTP_TOO_MANY_ATTEMPTS");

    // A change loses to a concurrent proof of the same number with PHONE_TAKEN (a send never says a number is taken).
    internal static RouteHandlerBuilder ChangePhoneProblems(this RouteHandlerBuilder route) =>
        route.Problem(400, "INVALID_PHONE_NUMBER", "OTP_INVALID", "OTP_EXPIRED").Problem(409, "PHONE_TAKEN").Problem(429, "OTP_TOO_MANY_ATTEMPTS");
}
