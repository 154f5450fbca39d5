using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Afya.Api.Platform.Phone;

public sealed class PhoneOptions
{
    // Region assumed for numbers written without a country code (KW, KE, IN, ...).
    public string DefaultRegion { get; set; } = "KE";
}

// Turns what people type into E.164. Kuwait and Kenya local forms get the rules their seeds documented;
// everything else must come as +CC... and pass libphonenumber's length check.
public sealed class PhoneNormalizer(IOptions<PhoneOptions> options)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public string? Normalize(string? input) => Normalize(input, options.Value.DefaultRegion);

    public static string? Normalize(string? input, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32) return null;
        var raw = new string(input.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '(' and not ')' and not '.').ToArray());
        if (raw.StartsWith("00", StringComparison.Ordinal)) raw = "+" + raw[2..];
        if (raw.Length == 0 || raw[1..].Any(c => !char.IsAsciiDigit(c)) || (raw[0] != '+' && !char.IsAsciiDigit(raw[0]))) return null;

        string? e164 = raw switch
        {
            // Kuwait: +965XXXXXXXX, 965XXXXXXXX, or 8 local digits starting with 5, 6 or 9.
            ['+', '9', '6', '5', ..] => Kuwait(raw[4..]),
            ['9', '6', '5', ..] when raw.Length == 11 => Kuwait(raw[3..]),
            // Kenya: +2547.., 2547.., +2541.., 07XXXXXXXX, 01XXXXXXXX, and 7XXXXXXXX / 1XXXXXXXX.
            ['+', '2', '5', '4', ..] => Kenya(raw[4..]),
            ['2', '5', '4', ..] when raw.Length == 12 => Kenya(raw[3..]),
            ['+', ..] => International(raw),
            _ => Local(raw, defaultRegion.ToUpperInvariant()),
        };
        return e164;
    }

    private static string? Kuwait(string national) =>
        national.Length == 8 && national[0] is '5' or '6' or '9' ? "+965" + national : null;

    private static string? Kenya(string national)
    {
        if (national.StartsWith('0') && national.Length == 10) national = national[1..];
        return national.Length == 9 && national[0] is '7' or '1' ? "+254" + national : null;
    }

    // The default region decides first; then the two local forms that cannot be confused with each other
    // (8 digits starting 5/6/9 are Kuwaiti, 0 + 9 digits starting 7/1 Kenyan), so one deployment serves both seeds.
    private static string? Local(string digits, string region) => region switch
    {
        "KW" => Kuwait(digits) ?? Kenya(digits),
        "KE" => Kenya(digits) ?? Kuwait(digits),
        _ => Parse(digits, region),
    };

    private static string? International(string raw) => Parse(raw, "ZZ");

    private static string? Parse(string raw, string region)
    {
        try
        {
            var number = Util.Parse(raw, region);
            return Util.IsPossibleNumber(number) && Util.IsValidNumber(number)
                ? Util.Format(number, PhoneNumberFormat.E164)
                : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
