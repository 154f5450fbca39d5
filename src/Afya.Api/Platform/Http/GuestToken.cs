using System.Security.Cryptography;
using System.Text;
using Afya.Api.Platform.Settings;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Http;

// The X-Cart-Token a guest carries: issued by the first cart answer, it names their cart and their
// recently viewed list. Only its SHA-256 is stored.
//
// Clients only ever see the token signed ("<token>.<HMAC>"): UseGuestTokenSignatures signs it on the way out and,
// on the way in, strips a valid signature or drops a token the server did not issue, so modules see only tokens
// we made and a client that invents one (X-Cart-Token: AAAAAAAA) gets a fresh one instead.
public static class GuestToken
{
    public const string Header = "X-Cart-Token";

    // The same signed token as an HttpOnly cookie, for browser clients that keep a session instead of a header
    // (Amazon Kenya's Django cart followed the session cookie). The header, when sent, wins.
    public const string Cookie = "afya_cart";
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    // The presented token, when it looks like one we issue (8 to 64 URL-safe characters).
    public static string? Read(HttpRequest request)
    {
        var value = request.Headers[Header].ToString().Trim();
        return value.Length is >= 8 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? value : null;
    }

    public static string Key(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // The form a client is given and sends back.
    public static string ForClient(HttpContext http, string token) =>
        Sign(token, SigningKey(http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SecretKey));

    public static string Sign(string token, byte[] key) => token + "." + Tag(token, key);

    // The token inside a signed one we issued; null for anything else.
    public static string? Verify(string presented, byte[] key)
    {
        var dot = presented.LastIndexOf('.');
        if (dot <= 0) return null;
        var token = presented[..dot];
        var tag = Encoding.ASCII.GetBytes(presented[(dot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(tag, Encoding.ASCII.GetBytes(Tag(token, key))) ? token : null;
    }

    public static byte[] SigningKey(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: "afya-guest-token"u8.ToArray());

    private static string Tag(string token, byte[] key) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token))[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // The key is derived once, when the pipeline is built: every request passes here, /health included, and HKDF is a
    // native call of a few microseconds.
    public static IApplicationBuilder UseGuestTokenSignatures(this IApplicationBuilder app)
    {
        var key = SigningKey(app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SecretKey);
        return app.Use((context, next) => Signed(context, next, key));
    }

    private static Task Signed(HttpContext context, RequestDelegate next, byte[] key)
    {
        var headers = context.Request.Headers;
        if (!headers.ContainsKey(Header) && context.Request.Cookies[Cookie] is { Length: > 0 } fromCookie) headers[Header] = fromCookie;
        if (headers.ContainsKey(Header))
        {
            if (Verify(headers[Header].ToString().Trim(), key) is { } token) headers[Header] = token;
            else headers.Remove(Header);
        }
        context.Response.OnStarting(() =>
        {
            var issued = context.Response.Headers[Header].ToString();
            if (issued.Length > 0)
            {
                // Modules usually sign it themselves (ForClient); one that did not is signed here.
                var signed = issued.IndexOf('.', StringComparison.Ordinal) < 0 ? Sign(issued, key) : issued;
                context.Response.Headers[Header] = signed;
                context.Response.Cookies.Append(Cookie, signed, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    Path = "/",
                    MaxAge = CookieLifetime,
                    IsEssential = true, // it holds the cart the visitor is filling, not tracking
                });
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
