using System.Security.Cryptography;
using System.Text;

namespace Afya.Api.Platform.Http;

// The X-Cart-Token a guest carries: issued by the first cart answer, it names their cart and their
// recently viewed list. Only its SHA-256 is stored.
public static class GuestToken
{
    public const string Header = "X-Cart-Token";

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    // The presented token, when it looks like one we issue (8 to 64 URL-safe characters).
    public static string? Read(HttpRequest request)
    {
        var value = request.Headers[Header].ToString().Trim();
        return value.Length is >= 8 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? value : null;
    }

    public static string Key(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
