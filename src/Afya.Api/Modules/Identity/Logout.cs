using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using System.Security.Claims;

namespace Afya.Api.Modules.Identity;

public sealed record LogoutRequest(string? Refresh);

public static class Logout
{
    // Ends this session: the session the access token belongs to (its refresh tokens and every access token it
    // issued), the session of the refresh token when one is sent, and the access token used for this call.
    public static async Task<NoContent> Handle(
        LogoutRequest? request, CurrentUser me, ClaimsPrincipal principal, AfyaDb db, RefreshTokens refreshTokens,
        Sessions sessions, SessionGuard guard, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request?.Refresh)) await refreshTokens.RevokeAsync(me.Id, request.Refresh, ct);
        if (Guid.TryParse(principal.FindFirstValue(SessionGuard.SessionClaim), out var session)) await sessions.EndAsync(session, ct, me.Id);
        if (me.TokenId is { } jti)
        {
            var expires = long.TryParse(principal.FindFirstValue("exp"), out var exp)
                ? DateTimeOffset.FromUnixTimeSeconds(exp).UtcDateTime
                : DateTime.MaxValue;
            if (!await db.Set<RevokedAccessToken>().AnyAsync(t => t.Jti == jti, ct))
            {
                db.Add(new RevokedAccessToken { Jti = jti, UserId = me.Id, ExpiresAt = expires });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
                {
                    // Logged out twice at once: already revoked.
                }
            }
            guard.InvalidateSession(me.Id);
        }
        return TypedResults.NoContent();
    }
}
