using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Net.Http.Headers;

namespace Afya.Api.Platform.Auth;

// A missing token is anonymous; a token that was sent and refused (malformed, expired, revoked) is a 401 on every
// route, including those that also serve guests (a cart, a product page). Otherwise a client holding a dead
// token is silently treated as a guest and never learns to refresh or sign in again.
public static class InvalidBearerGate
{
    public static IApplicationBuilder UseInvalidBearerGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated != true
            && http.GetEndpoint()?.Metadata.GetMetadata<OwnBearerCheck>() is null
            && http.Request.Headers[HeaderNames.Authorization].ToString() is { Length: > 0 } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // The bearer handler caches its verdict per request, so this re-reads what UseAuthentication found.
            var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                await http.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
                return;
            }
        }
        await next(http);
    });
}
