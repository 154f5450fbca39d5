using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Identity;

public sealed record RefreshRequest([DocumentedRequired] string? Refresh);

public static class Refresh
{
    // Native refresh: the presented token is spent and a new pair returned; a spent token presented again ends its family.
    public static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Handle(RefreshRequest request, RefreshTokens tokens, CancellationToken ct) =>
        (await tokens.RotateAsync(request.Refresh, ct)).Then(TypedResults.Ok);
}

public sealed class RefreshTokens(AfyaDb db, Sessions sessions, TokenIssuer issuer, SessionGuard guard, TimeProvider clock)
{
    private static ProblemHttpResult Invalid(string code = "INVALID_REFRESH_TOKEN", string detail = "The refresh token is invalid or expired.") =>
        ApiProblem.Unauthorized(detail, code);

    // Native refresh. A token whose first refresh was simplejwt's keeps that meaning and is refused here, so
    // of a native and a simplejwt refresh racing with one fresh token at most one succeeds.
    public async Task<Result<TokenPair>> RotateAsync(string? presented, CancellationToken ct)
    {
        if (!(await FindAsync(presented, ct)).TryGet(out var token, out var problem)) return problem;
        if (token.Mode == RefreshMode.Reusable) return Invalid();
        return await ClaimAsync(token, ct);
    }

    // simplejwt's refresh: a new access token, the refresh token left usable until it expires or is revoked,
    // as simplejwt does by default. A token already rotated natively keeps rotating: it is spent here too and
    // the answer carries its successor, as simplejwt does with ROTATE_REFRESH_TOKENS.
    public async Task<Result<SimpleJwtAccess>> SimpleJwtAsync(string? presented, CancellationToken ct)
    {
        if (!(await FindAsync(presented, ct)).TryGet(out var token, out var problem)) return problem;
        if (token.Mode == RefreshMode.Rotating)
            return (await ClaimAsync(token, ct)).Map(pair => new SimpleJwtAccess(pair.Access) { Refresh = pair.Refresh });

        // One conditional statement fixes the token as reusable only while nobody has spent it.
        var now = clock.GetUtcNow().UtcDateTime;
        var kept = await db.Set<RefreshToken>()
            .Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now && (t.Mode == null || t.Mode == RefreshMode.Reusable))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Mode, RefreshMode.Reusable), ct) == 1;
        if (!kept) return Invalid();
        var user = await ActiveUserAsync(token.UserId, ct);
        if (user is null) return Invalid();
        return new SimpleJwtAccess(issuer.CreateAccessToken(user, token.FamilyId).Token);
    }

    private async Task<Result<RefreshToken>> FindAsync(string? presented, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(presented))
            return ApiProblem.Field("refresh", "The refresh token is required.");
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = TokenIssuer.Hash(presented.Trim());
        var token = await db.Set<RefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now) return Invalid();
        return token;
    }

    // Spends the token and starts its successor. Claiming is one conditional update, so of two concurrent
    // refreshes with one token only one wins; a spent token presented again ends its whole session.
    private async Task<Result<TokenPair>> ClaimAsync(RefreshToken token, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = token.UsedAt is null && await db.Set<RefreshToken>()
            .Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null && t.Mode != RefreshMode.Reusable)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now).SetProperty(t => t.Mode, RefreshMode.Rotating), ct) == 1;
        if (!claimed)
        {
            var spent = await db.Set<RefreshToken>().AnyAsync(t => t.Id == token.Id && t.UsedAt != null, ct);
            if (!spent) return Invalid(); // a simplejwt refresh fixed it as reusable a moment ago
            await sessions.EndAsync(token.FamilyId, ct);
            return Invalid("REFRESH_TOKEN_REUSED", "This refresh token was already used; its sessions have been ended.");
        }

        var user = await ActiveUserAsync(token.UserId, ct);
        if (user is null) return Invalid();
        var pair = sessions.Start(user, token.FamilyId);
        await db.SaveChangesAsync(ct);
        return pair;
    }

    // Ends the session of a refresh token of the user's; unknown or foreign tokens are ignored.
    public async Task RevokeAsync(Guid userId, string presented, CancellationToken ct)
    {
        var hash = TokenIssuer.Hash(presented.Trim());
        var family = await db.Set<RefreshToken>().Where(t => t.TokenHash == hash && t.UserId == userId).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(ct);
        if (family is { } session) await sessions.EndAsync(session, ct, userId);
    }

    private async Task<User?> ActiveUserAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is not { IsActive: true }) guard.InvalidateSession(id);
        return user is { IsActive: true } ? user : null;
    }
}
