using Afya.Api.Platform.Auth;

namespace Afya.Api.Modules.Identity;

public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        auth.MapPost("/register", Register.Handle).WithName("Register").WithSummary("Create an account with email and password");
        auth.MapPost("/login", Login.Handle).WithName("Login").WithSummary("Sign in with email or username and password");
        auth.MapPost("/refresh", Refresh.Handle).WithName("RefreshTokens").WithSummary("Trade a refresh token for a new pair (rotation)");
        auth.MapPost("/logout", Logout.Handle).WithName("Logout").WithSummary("End this session").RequireAuthorization();
        auth.MapGet("/me", Profile.Me).WithName("Me").WithSummary("The signed-in user").RequireAuthorization();
        auth.MapGet("/profile", Profile.Get).WithName("GetProfile").RequireAuthorization();
        auth.MapPut("/profile", Profile.Update).WithName("PutProfile").RequireAuthorization();
        auth.MapPatch("/profile", Profile.Update).WithName("PatchProfile").RequireAuthorization();
        auth.MapPost("/profile/avatar", Profile.UploadAvatar).WithName("UploadAvatar")
            .WithSummary("Upload a JPEG, PNG or WebP avatar (multipart field 'avatar')")
            .DisableAntiforgery().RequireAuthorization();
        auth.MapPost("/send-otp", PhoneSignIn.SendOtp).WithName("SendOtp")
            .WithSummary("Send a sign-in code by SMS/WhatsApp (purpose: login, register; phone_change needs a token)");
        auth.MapPost("/verify-otp", PhoneSignIn.VerifyOtp).WithName("VerifyOtp")
            .WithSummary("Sign in with a phone code; the first sign-in creates the account");
        auth.MapPost("/profile/phone/send-otp", PhoneSignIn.SendPhoneChangeOtp).WithName("SendPhoneChangeOtp").RequireAuthorization();
        auth.MapPut("/profile/phone", PhoneSignIn.ChangePhone).WithName("ChangePhone")
            .WithSummary("Move the account to a new phone number with the code sent to it").RequireAuthorization();
        auth.MapPost("/password/change", Passwords.Change).WithName("ChangePassword").RequireAuthorization();
        auth.MapPost("/password/forgot", Passwords.Forgot).WithName("ForgotPassword");
        auth.MapPost("/password/reset", Passwords.Reset).WithName("ResetPassword");
        auth.MapPost("/email/verify", Passwords.VerifyEmail).WithName("VerifyEmail");
        auth.MapPost("/email/verify/resend", Passwords.ResendVerification).WithName("ResendVerification").RequireAuthorization();

        var admin = app.MapGroup("/api/v1/admin/users").WithTags("Admin: users").RequireAuthorization(Roles.AdminPolicy);
        admin.MapGet("/", AdminUsers.List).WithName("AdminListUsers");
        admin.MapGet("/{id:guid}", AdminUsers.Get).WithName("AdminGetUser");
        admin.MapPatch("/{id:guid}", AdminUsers.Update).WithName("AdminUpdateUser").WithSummary("Grant roles or (de)activate a user");
        return app;
    }
}
