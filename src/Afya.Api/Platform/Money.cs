using System.Globalization;

namespace Afya.Api.Platform;

// Amounts are stored in minor units (cents) and shown as decimals with two places.
public static class Money
{
    public const string DefaultCurrency = "KES";

    // Adding 0.00m gives the result a scale of two, so 1234 is written as 1234.00.
    public static decimal ToDecimal(long minor) => minor / 100m + 0.00m;

    public static decimal? ToDecimal(long? minor) => minor is { } m ? ToDecimal(m) : null;

    // Whole cents only; more than two decimal places or out-of-range amounts are refused.
    public static bool TryToMinor(decimal amount, out long minor)
    {
        minor = 0;
        if (amount < 0 || amount > 1_000_000_000m || decimal.Round(amount, 2) != amount) return false;
        minor = (long)(amount * 100m);
        return true;
    }

    public static string Format(long minor, string currency) =>
        $"{currency} {ToDecimal(minor).ToString("N2", CultureInfo.InvariantCulture)}";
}
