using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Care;

public sealed class CareOptions
{
    // HMAC key for universal patient ids (AADHAR_ENCRYPTION_KEY); changing it changes every UID.
    public string AadhaarKey { get; set; } = "";

    // Master key that wraps each document's own key (Care__DocumentKey).
    public string DocumentKey { get; set; } = "";

    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    // A document request nobody answered expires after this many hours.
    public int DocumentRequestHours { get; set; } = 72;

    // How long the consent an approved request creates lasts.
    public int RequestConsentDays { get; set; } = 30;
}

// Aadhaar numbers: 12 digits, the first 2-9, the last a Verhoeff check digit. Only the keyed hash and
// the last four digits are ever kept.
public static class Aadhaar
{
    private static readonly int[,] Multiply =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] Permute =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    public static bool VerhoeffValid(string digits)
    {
        var c = 0;
        for (var i = 0; i < digits.Length; i++)
            c = Multiply[c, Permute[i % 8, digits[digits.Length - 1 - i] - '0']];
        return c == 0;
    }

    // The 12 digits of a well-formed number (spaces allowed on input), or null.
    public static string? Normalize(string? input)
    {
        if (input is null) return null;
        var digits = input.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 12 || !digits.All(char.IsAsciiDigit) || digits[0] is '0' or '1' || !VerhoeffValid(digits)) return null;
        return digits;
    }

    public static string Uid(string key, string digits) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(digits)));
}

public sealed class PatientUids(IOptions<CareOptions> options)
{
    public string Of(string digits) => Aadhaar.Uid(options.Value.AadhaarKey, digits);
}
