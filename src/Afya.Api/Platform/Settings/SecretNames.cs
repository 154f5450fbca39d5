using System.Text.RegularExpressions;

namespace Afya.Api.Platform.Settings;

// The one rule for what is a secret by its name, used by the staff audit log (fields never written) and by the console's
// settings page (values never shown): a name with "password" or "secret" anywhere, or one ending in passkey, token,
// credential or key (AccessTokenSeconds is a lifetime, not a token). A name ending in "key" is a key to something
// (AadhaarKey, consumer_key, SecretKey) unless it names a stored file (image_key, LogoKey).
public static partial class SecretNames
{
    public const string Mask = "***";

    public static bool LooksSecret(string name) => Secret().IsMatch(name) || (SecretEnd().IsMatch(name) && !FileKey().IsMatch(name));

    // A value that carries a password inside it: a connection string (Password=...;) or an address (redis://:pw@host).
    public static string MaskEmbedded(string value) =>
        UrlPassword().Replace(PairPassword().Replace(value, m => m.Groups[1].Value + Mask), m => m.Groups[1].Value + Mask + "@");

    [GeneratedRegex("password|passwd|secret", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();

    [GeneratedRegex("(pwd|passkey|token|credential|key)s?$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretEnd();

    [GeneratedRegex("(image|logo|avatar|file|object|photo|document_object)_?key$", RegexOptions.IgnoreCase)]
    private static partial Regex FileKey();

    [GeneratedRegex(@"((?:^|[;,])\s*(?:password|pwd)\s*=\s*)[^;,]*", RegexOptions.IgnoreCase)]
    private static partial Regex PairPassword();

    [GeneratedRegex(@"(://[^:/@\s]*:)[^@/\s]*@")]
    private static partial Regex UrlPassword();
}
