using System.Security.Claims;
using System.Text.RegularExpressions;

namespace Afya.Api.Platform.Auth;

// SMART-style scopes on access tokens ("patient/*.read user/Observation.read"): a token carrying a scope claim is narrowed
// to /fhir and, there, to the resource types and actions its scopes name. Tokens without the claim are full tokens.
public static partial class SmartScopes
{
    public const string Claim = "scope";

    [GeneratedRegex(@"^(patient|user)/(\*|[A-Z][A-Za-z]{1,63})\.(read|write|\*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    // Space-separated scopes, each (patient|user)/(type|*).(read|write|*); the normalised list, or what is wrong.
    public static bool TryParse(string? text, out string[] scopes, out string? error)
    {
        scopes = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        error = scopes.Length == 0 ? "Ask for at least one scope, e.g. 'patient/*.read' or 'user/Observation.read'."
            : scopes.FirstOrDefault(s => !Syntax().IsMatch(s)) is { } bad ? $"'{bad}' is not a scope: (patient|user)/(Type|*).(read|write|*)." : null;
        return error is null;
    }

    public static bool IsScoped(ClaimsPrincipal user) => user.HasClaim(c => c.Type == Claim);

    // Whether the token may do `action` (read, write) on `type`: always for a full token.
    public static bool Allows(ClaimsPrincipal user, string type, string action)
    {
        if (user.FindFirst(Claim)?.Value is not { } granted) return true;
        foreach (var scope in granted.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Syntax().Match(scope);
            if (match.Success && match.Groups[2].Value is var t && (t == "*" || t == type) && match.Groups[3].Value is var a && (a == "*" || a == action))
                return true;
        }
        return false;
    }
}
