using System.Globalization;

namespace Afya.Api.Platform;

// An amount in minor units of its currency (cents, fils, paise), as every table stores it. The currency knows how many
// places its minor unit has: amounts are read with at most that many and written with exactly that many.
public readonly record struct Money(long Minor, string Currency)
{
    public const string DefaultCurrency = "KES";

    // The largest amount taken from a client, in major units: beyond any price, and far inside a long even in fils.
    public const decimal MaxAmount = 1_000_000_000m;

    private static readonly Dictionary<string, int> Places = new(StringComparer.Ordinal) { ["KES"] = 2, ["KWD"] = 3, ["INR"] = 2 };

    // Adding a zero of the right scale makes 1234 cents read 12.34 and 12500 fils 12.500, never 12.5.
    private static readonly decimal[] Zero = [0m, 0.0m, 0.00m, 0.000m];

    // A currency Afya was not told about is taken as a two-place one, as most are (and as the catalog prices them).
    public static int MinorDigits(string currency) => Places.GetValueOrDefault(currency, 2);

    public static bool IsKnown(string currency) => Places.ContainsKey(currency);

    public decimal Amount => ToDecimal(Minor, Currency);

    public override string ToString() =>
        $"{Currency} {Amount.ToString("N" + MinorDigits(Currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}";

    // The one decimal -> minor converter: refuses negatives, more than MaxAmount, and more places than the currency has.
    public static bool TryFrom(decimal amount, string currency, out Money money)
    {
        money = default;
        var places = MinorDigits(currency);
        if (amount < 0 || amount > MaxAmount || decimal.Round(amount, places) != amount) return false;
        money = new Money((long)(amount * Scale(places)), currency);
        return true;
    }

    public static bool TryToMinor(decimal amount, string currency, out long minor)
    {
        var ok = TryFrom(amount, currency, out var money);
        minor = money.Minor;
        return ok;
    }

    // In the shop's currency (KES), as the catalog reads prices.
    public static bool TryToMinor(decimal amount, out long minor) => TryToMinor(amount, DefaultCurrency, out minor);

    public static decimal ToDecimal(long minor, string currency)
    {
        var places = MinorDigits(currency);
        return minor / Scale(places) + Zero[places];
    }

    public static decimal ToDecimal(long minor) => ToDecimal(minor, DefaultCurrency);

    public static decimal? ToDecimal(long? minor) => minor is { } m ? ToDecimal(m) : null;

    public static string Format(long minor, string currency) => new Money(minor, currency).ToString();

    // M-Pesa takes whole shillings. Cents round up, never down, so a payment is never short of what is owed.
    public static long ToMpesaShillings(long kesMinor) => (long)Math.Ceiling(ToDecimal(kesMinor, "KES"));

    public static long ToMpesaShillings(decimal shillings) => (long)Math.Ceiling(shillings);

    private static decimal Scale(int places) => places switch { 0 => 1m, 1 => 10m, 2 => 100m, _ => 1000m };
}
