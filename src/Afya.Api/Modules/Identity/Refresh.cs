using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Identity;

public sealed record RefreshRequest(string? Refresh);

public static class Refresh
{
    // Native refresh: the presented token is spent and a new pair returned; a spent token presented again ends its family.
    public static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Handle(RefreshRequest request, RefreshTokens tokens, CancellationToken ct)
    {
        var (pair, problem) = await tokens.RotateAsync(request.Refresh, ct);
        return problem is not null ? problem : TypedResults.Ok(pair!);
    }
}

public sealed class RefreshTokens(AfyaDb db, Sessions sessions, TokenIssuer issuer, SessionGuard guard, TimeProvider clock)
{
    private static ProblemHttpResult Invalid(string code = "INVALID_REFRESH_TOKEN", string detail = "The refresh token is invalid or expired.") =>
        ApiProblem.Unauthorized(detail, code);

    public async Task<(TokenPair? Pair, ProblemHttpResult? Problem)> RotateAsync(string? presented, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(presented))
            return (null, ApiProblem.Field("refresh", "The refresh token is required."));
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = TokenIssuer.Hash(presented.Trim());
        var token = await db.Set<RefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now) return (null, Invalid());

        // Claiming is one conditional update, so of two concurrent refreshes with one token only one wins.
        var claimed = token.UsedAt is null && await db.Set<RefreshToken>()
            .Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), ct) == 1;
        if (!claimed)
        {
            await db.Set<RefreshToken>().Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
            return (null, Invalid("REFRESH_TOKEN_REUSED", "This refresh token was already used; its sessions have been ended."));
        }

        var user = await ActiveUserAsync(token.UserId, ct);
        if (user is null) return (null, Invalid());
        var pair = sessions.Start(user, token.FamilyId);
        await db.SaveChangesAsync(ct);
        return (pair, null);
    }

    // simplejwt's default: a new access token, the refresh token left usable until it expires or is revoked.
    public async Task<(string? Access, ProblemHttpResult? Problem)> AccessOnlyAsync(string? presented, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(presented))
            return (null, ApiProblem.Field("refresh", "The refresh token is required."));
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = TokenIssuer.Hash(presented.Trim());
        var token = await db.Set<RefreshToken>().AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null && t.UsedAt == null && t.ExpiresAt > now, ct);
        if (token is null) return (null, Invalid());
        var user = await ActiveUserAsync(token.UserId, ct);
        if (user is null) return (null, Invalid());
        return (issuer.CreateAccessToken(user).Token, null);
    }

    // Revokes one refresh token of the user's; unknown or foreign tokens are ignored.
    public async Task RevokeAsync(Guid userId, string presented, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = TokenIssuer.Hash(presented.Trim());
        await db.Set<RefreshToken>().Where(t => t.TokenHash == hash && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
    }

    private async Task<User?> ActiveUserAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is not { IsActive: true }) guard.Forget(id);
        return user is { IsActive: true } ? user : null;
    }
}
