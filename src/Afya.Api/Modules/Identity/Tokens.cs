using System.Security.Cryptography;
using System.Text;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Afya.Api.Modules.Identity;

public sealed record TokenPair(string Access, string Refresh, string TokenType, int ExpiresIn);

// Put on a seed surface's sign-in routes whose clients have no refresh route (the Kuwait app): the access tokens they
// get last this long. Logout, a password change and deactivation still end them at once (SessionGuard).
public sealed record AccessTokenLifetime(Func<JwtOptions, int> Seconds);

// Mints access JWTs and opaque refresh tokens.
public sealed class TokenIssuer(IOptions<JwtOptions> options, TimeProvider clock, IHttpContextAccessor http)
{
    // The lifetime the route being served asks for, or the native one.
    public int AccessTokenSeconds =>
        http.HttpContext?.GetEndpoint()?.Metadata.GetMetadata<AccessTokenLifetime>()?.Seconds(options.Value) ?? options.Value.AccessTokenSeconds;

    private static readonly JsonWebTokenHandler Handler = new();

    // The signing key is derived from the configured secret, so a short seed secret still yields a full-length key.
    public static SymmetricSecurityKey SigningKey(JwtOptions o) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(o.Secret), 64, info: "afya-jwt-signing"u8.ToArray()));

    public static string SecurityAlgorithm(JwtOptions o) => o.Algorithm switch
    {
        "HS384" => SecurityAlgorithms.HmacSha384,
        "HS512" => SecurityAlgorithms.HmacSha512,
        _ => SecurityAlgorithms.HmacSha256,
    };

    // session: the refresh-token family the access token belongs to; revoking the family ends it too.
    // scope: SMART-style scopes that narrow the token to /fhir (SmartScopes); null for a full token.
    public (string Token, string Jti, DateTime ExpiresAt) CreateAccessToken(User user, Guid session, string? scope = null)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.AddSeconds(AccessTokenSeconds);
        var jti = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var claims = new Dictionary<string, object>
        {
            [CurrentUser.SubjectClaim] = user.Id.ToString(),
            [CurrentUser.TokenIdClaim] = jti,
            [CurrentUser.StampClaim] = user.SecurityStamp,
            [SessionGuard.SessionClaim] = session.ToString(),
            [CurrentUser.RoleClaim] = user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToArray(),
        };
        if (scope is not null) claims[SmartScopes.Claim] = scope;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey(o), SecurityAlgorithm(o)),
        });
        return (token, jti, expires);
    }

    public static string NewOpaqueToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

// Starts and continues sessions: an access token plus a stored refresh token.
public sealed class Sessions(AfyaDb db, TokenIssuer issuer, SessionGuard guard, IOptions<JwtOptions> options, TimeProvider clock)
{
    // Adds a refresh token to the context (saved with the caller's changes) and returns the pair. A token made by
    // rotation is a rotating one from birth; a new sign-in's first refresh decides (see RefreshTokens).
    public TokenPair Start(User user, Guid? family = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var refresh = TokenIssuer.NewOpaqueToken();
        var session = family ?? Guid.CreateVersion7();
        db.Add(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = session,
            TokenHash = TokenIssuer.Hash(refresh),
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.RefreshTokenDays),
            Mode = family is null ? null : RefreshMode.Rotating,
        });
        var (access, _, _) = issuer.CreateAccessToken(user, session);
        return new TokenPair(access, refresh, "Bearer", issuer.AccessTokenSeconds);
    }

    // Ends one session: every refresh token of the family is revoked, and with it every access token it issued.
    public async Task EndAsync(Guid session, CancellationToken ct, Guid? userId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<RefreshToken>().Where(t => t.FamilyId == session && t.RevokedAt == null && (userId == null || t.UserId == userId))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
        // The guard keeps ended sessions in the owner's entry.
        var owner = userId ?? await db.Set<RefreshToken>().Where(t => t.FamilyId == session).Select(t => (Guid?)t.UserId).FirstOrDefaultAsync(ct);
        if (owner is { } o) guard.InvalidateSession(o);
    }

    // Ends every session of the user: refresh tokens are revoked and the new stamp voids access tokens.
    // The caller saves the stamp and then calls guard.InvalidateSession(user.Id).
    public async Task EndAllAsync(User user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        user.SecurityStamp = User.NewStamp();
        await db.Set<RefreshToken>().Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
    }
}
