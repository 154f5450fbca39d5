using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Identity;

public sealed record ScopedTokenRequest([DocumentedRequired] string? Scope);

public sealed record ScopedTokenResponse(string Access, string TokenType, int ExpiresIn, string Scope);

// A narrower access token for a FHIR client (a SMART-style app): the caller's own account and session, only the scopes asked
// for, usable on /fhir alone. It ends with the session it was minted from; it cannot mint another.
public static class ScopedTokens
{
    public static async Task<Results<Ok<ScopedTokenResponse>, ProblemHttpResult>> Issue(
        ScopedTokenRequest request, CurrentUser me, HttpContext http, AfyaDb db, TokenIssuer issuer, CancellationToken ct)
    {
        if (!SmartScopes.TryParse(request.Scope, out var scopes, out var error)) return ApiProblem.Field("scope", error!, "INVALID_SCOPE");
        var user = await db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        if (user is null || !Guid.TryParse(http.User.FindFirst(SessionGuard.SessionClaim)?.Value, out var session)) return ApiProblem.NotFound("user");
        var scope = string.Join(' ', scopes);
        var (access, _, _) = issuer.CreateAccessToken(user, session, scope);
        return TypedResults.Ok(new ScopedTokenResponse(access, "Bearer", issuer.AccessTokenSeconds, scope));
    }
}
