using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Identity;

// Dira's body (its password under either name) or Afya's.
public sealed record InitialAdminRequest(
    [DocumentedRequired] string? Email, string? Password, string? HashedPassword, string? FirstName, string? LastName, string? PhoneNumber);

public sealed record InitialAdminResponse(string Message, int Id, string Email, string Role);

// The first admin of a new installation, over HTTP (the API's twin of `afya create-admin`): anonymous, and refused for
// good once any admin exists (403 ADMIN_EXISTS). Two concurrent set-ups race for one marker row inserted in the same
// transaction as the account, so exactly one wins; the other answers 409 SETUP_DONE.
public static class InitialAdmin
{
    private const string Marker = "setup-initial-admin";

    public static IEndpointRouteBuilder MapInitialAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/admin/setup-initial-admin").WithTags("Accounts").WithStaffAudit().RequireRateLimiting(RateLimits.PerClient)
            .MapPost("/", Setup).WithName("SetupInitialAdmin").WithSummary("Create the first admin; only on an installation without one")
            .AllowAnonymous().Problem(403, "ADMIN_EXISTS").Problem(409, "SETUP_DONE", "EMAIL_TAKEN").Problem(400, "VALIDATION_FAILED");
        return app;
    }

    public static async Task<Results<Created<InitialAdminResponse>, ProblemHttpResult>> Setup(
        InitialAdminRequest request, AfyaDb db, AccountCreator accounts, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Set<UserRole>().AnyAsync(r => r.Role == Roles.Admin, ct))
            return ApiProblem.Of(StatusCodes.Status403Forbidden, "ADMIN_EXISTS", "An admin already exists.", "An admin already exists; ask them for an account.");
        if (await db.Database.ExecuteSqlAsync($"INSERT INTO platform_job_claims (name) VALUES ({Marker}) ON CONFLICT DO NOTHING", ct) == 0)
            return ApiProblem.Of(StatusCodes.Status409Conflict, "SETUP_DONE", "The first admin was already set up.", "The first admin was already set up.");
        var created = await accounts.CreateAsync(new RegisterRequest(request.Email, request.Password ?? request.HashedPassword, null, request.FirstName,
            request.LastName, null, request.PhoneNumber), issueTokens: false, ct, role: Roles.Admin);
        if (!created.TryGet(out var account, out var problem)) return problem;
        account.User.EmailVerified = true; // whoever installs the shop holds the address; no link to wait for
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created("/api/v1/auth/user/me",
            new InitialAdminResponse("Admin account created. Sign in with it.", account.User.PublicNumber, account.User.Email!, Roles.Admin));
    }
}
