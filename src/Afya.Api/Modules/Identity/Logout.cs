using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using System.Security.Claims;

namespace Afya.Api.Modules.Identity;

public sealed record LogoutRequest(string? Refresh);

// What ending a session works with, bound as one [AsParameters] argument.
public sealed record LogoutServices(CurrentUser Me, ClaimsPrincipal Principal, AfyaDb Db, RefreshTokens RefreshTokens, Sessions Sessions, SessionGuard Guard);

public static class Logout
{
    // Ends this session: the session the access token belongs to (its refresh tokens and every access token it
    // issued), the session of the refresh token when one is sent, and the access token used for this call.
    public static async Task<NoContent> Handle(
        LogoutRequest? request, [AsParameters] LogoutServices s, CancellationToken ct)
    {
        var (me, principal, db, refreshTokens, sessions, guard) = s;
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
