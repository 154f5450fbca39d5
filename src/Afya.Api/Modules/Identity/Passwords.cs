using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Settings;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

public sealed record ChangePasswordRequest([DocumentedRequired] string? CurrentPassword, [DocumentedRequired] string? NewPassword);
public sealed record ForgotPasswordRequest(string? Email);
public sealed record ResetPasswordRequest([DocumentedRequired] string? Token, [DocumentedRequired] string? NewPassword);
public sealed record VerifyEmailRequest([DocumentedRequired] string? Token);

// What a password change works with, bound as one [AsParameters] argument.
public sealed record PasswordChangeServices(CurrentUser Me, AfyaDb Db, Sessions Sessions, SessionGuard Guard, IFileStorage Storage, TimeProvider Clock, PasswordHashing Hashing);

public static class Passwords
{
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    // Changes the password and ends every session; the caller gets a fresh pair for this device.
    public static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Change(
        ChangePasswordRequest request, [AsParameters] PasswordChangeServices s, CancellationToken ct)
    {
        var (me, db, sessions, guard, storage, clock, hashing) = s;
        var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        if (user is null) return ApiProblem.NotFound("user");
        if (string.IsNullOrEmpty(request.CurrentPassword) || hashing.Verify(user, request.CurrentPassword) == PasswordVerificationResult.Failed)
            return ApiProblem.Field("current_password", "The current password is wrong.", "INVALID_CURRENT_PASSWORD");
        if (Credentials.PasswordProblem(request.NewPassword, user.Email) is { } problem)
            return ApiProblem.Field("new_password", problem);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.PasswordHash = hashing.Hash(user, request.NewPassword!);
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await sessions.EndAllAsync(user, ct);
        var pair = sessions.Start(user);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        guard.InvalidateSession(user.Id);
        return TypedResults.Ok(AuthResponse.From(pair, UserResponse.From(user, storage)));
    }

    // Queue and return: the same answer after the same work whatever the email, so neither the body nor the
    // time taken tells which emails have accounts. PasswordResetMailer does the rest.
    public static Accepted<MessageResponse> Forgot(ForgotPasswordRequest request, PasswordResetRequests requests) => ForgotWith(request, requests, AccountLinks.Native);

    internal static Accepted<MessageResponse> ForgotWith(ForgotPasswordRequest request, PasswordResetRequests requests, AccountLinks links)
    {
        if (Credentials.EmailProblem(request.Email) is null) requests.Enqueue(new PasswordResetRequest(User.NormalizeEmail(request.Email!), links));
        return TypedResults.Accepted((string?)null, new MessageResponse("If an account exists for this email, a reset link has been sent."));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Reset(
        ResetPasswordRequest request, AfyaDb db, Sessions sessions, SessionGuard guard, OneTimeTokens tokens, PasswordHashing hashing, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Token)) return ApiProblem.Field("token", "The reset token is required.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var userId = await tokens.ClaimAsync(request.Token, OneTimePurpose.PasswordReset, ct);
        if (userId is null) return ApiProblem.Field("token", "This reset link is invalid or has expired.", "INVALID_TOKEN");
        var user = await db.Set<User>().FirstAsync(u => u.Id == userId, ct);
        if (Credentials.PasswordProblem(request.NewPassword, user.Email) is { } problem)
            return ApiProblem.Field("new_password", problem); // the transaction rolls back, the token stays usable

        user.PasswordHash = hashing.Hash(user, request.NewPassword!);
        user.EmailVerified = true; // the link reached the inbox: the address is proven
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await sessions.EndAllAsync(user, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        guard.InvalidateSession(user.Id);
        return TypedResults.Ok(new MessageResponse("Your password has been reset. Sign in with the new password."));
    }

    // Sends a fresh verification link (at most five an hour) to a signed-in user whose email is unverified.
    public static async Task<Results<Accepted<MessageResponse>, ProblemHttpResult>> ResendVerification(
        CurrentUser me, AfyaDb db, AccountCreator accounts, RateCounter counters, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        if (user is null) return ApiProblem.NotFound("user");
        if (user.Email is null)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "NO_EMAIL", "This account has no email address to verify.");
        if (user.EmailVerified) return ApiProblem.Conflict("EMAIL_ALREADY_VERIFIED", "This email address is already verified.");
        var sent = await counters.HitAsync("email-verify:" + user.Id, TimeSpan.FromHours(1), int.MaxValue, TimeSpan.Zero, ct);
        if (sent > 5) return ApiProblem.TooMany("RATE_LIMITED", "Too many verification emails; try again later.", TimeSpan.FromHours(1));
        accounts.QueueVerification(user, "verify_email", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted((string?)null, new MessageResponse("A new verification link has been sent."));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> VerifyEmail(
        VerifyEmailRequest request, AfyaDb db, OneTimeTokens tokens, ProfileCache profiles, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Token)) return ApiProblem.Field("token", "The verification token is required.");
        var userId = await tokens.ClaimAsync(request.Token, OneTimePurpose.EmailVerification, ct);
        if (userId is null) return ApiProblem.Field("token", "This verification link is invalid or has expired.", "INVALID_TOKEN");
        await db.Set<User>().Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailVerified, true).SetProperty(x => x.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);
        profiles.Changed(userId.Value);
        return TypedResults.Ok(new MessageResponse("Your email address is verified."));
    }
}

// Single-use link tokens: claiming is one conditional update, so a token works once even under races.
public sealed class OneTimeTokens(AfyaDb db, TimeProvider clock)
{
    public async Task<Guid?> ClaimAsync(string token, OneTimePurpose purpose, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = TokenIssuer.Hash(token.Trim());
        var row = await db.Set<OneTimeToken>().AsNoTracking()
            .Where(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now)
            .Select(t => new { t.Id, t.UserId }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var claimed = await db.Set<OneTimeToken>().Where(t => t.Id == row.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), ct);
        return claimed == 1 ? row.UserId : null;
    }
}

// Reset requests waiting for the mailer; bounded, so a flood costs memory only up to the bound (the rest are dropped,
// and the caller may ask again). A request lost in a crash is asked for again by its person; nothing else is at stake.
public sealed record PasswordResetRequest(string NormalizedEmail, AccountLinks Links);

public sealed class PasswordResetRequests
{
    private readonly System.Threading.Channels.Channel<PasswordResetRequest> _queue = System.Threading.Channels.Channel.CreateBounded<PasswordResetRequest>(
        new System.Threading.Channels.BoundedChannelOptions(1000) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    public void Enqueue(PasswordResetRequest request) => _queue.Writer.TryWrite(request);

    public IAsyncEnumerable<PasswordResetRequest> ReadAllAsync(CancellationToken ct) => _queue.Reader.ReadAllAsync(ct);
}

// Looks the email up and, for an active account, queues the reset mail (at most five an hour per address).
public sealed partial class PasswordResetMailer(PasswordResetRequests requests, IServiceScopeFactory scopes, ILogger<PasswordResetMailer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var email in requests.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await SendAsync(scope.ServiceProvider, email, stoppingToken);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    private static async Task SendAsync(IServiceProvider services, PasswordResetRequest request, CancellationToken ct)
    {
        var normalized = request.NormalizedEmail;
        var db = services.GetRequiredService<AfyaDb>();
        var counters = services.GetRequiredService<RateCounter>();
        var clock = services.GetRequiredService<TimeProvider>();
        var http = services.GetRequiredService<IOptions<HttpOptions>>().Value;
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.IsActive, ct);
        if (user is null) return;
        var sent = await counters.HitAsync("password-reset:" + normalized, TimeSpan.FromHours(1), int.MaxValue, TimeSpan.Zero, ct);
        if (sent > 5) return;

        var now = clock.GetUtcNow().UtcDateTime;
        var token = TokenIssuer.NewOpaqueToken();
        db.Add(new OneTimeToken { UserId = user.Id, Purpose = OneTimePurpose.PasswordReset, TokenHash = TokenIssuer.Hash(token), CreatedAt = now, ExpiresAt = now + Passwords.ResetLifetime });
        services.GetRequiredService<IOutbox>().Enqueue(db, new OutgoingEmail(user.Email!, "password_reset", new Dictionary<string, string>
        {
            ["name"] = user.Name.Length > 0 ? user.Name : user.Username ?? user.Email!,
            ["reset_url"] = AccountLinkUrls.Reset(http, request.Links, token),
            ["token"] = token,
            ["minutes"] = ((int)Passwords.ResetLifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, user.Name, SecretUntil: now + Passwords.ResetLifetime));
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(LogLevel.Error, "A password reset mail could not be queued")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
