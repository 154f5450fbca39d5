namespace Afya.Api.Modules.Clinic;

// Package prices: KWD in fils (three decimals), KES in cents (two). Shown with exactly the currency's places.
public static class ClinicMoney
{
    public static readonly IReadOnlyDictionary<string, int> Decimals = new Dictionary<string, int> { ["KWD"] = 3, ["KES"] = 2 };

    public static decimal ToDecimal(long minor, string currency) => Decimals.GetValueOrDefault(currency, 2) switch
    {
        // Adding a zero with the right scale makes 12500 fils read 12.500, not 12.5.
        3 => minor / 1000m + 0.000m,
        _ => minor / 100m + 0.00m,
    };

    public static bool TryToMinor(decimal amount, string currency, out long minor)
    {
        minor = 0;
        var places = Decimals.GetValueOrDefault(currency, 2);
        if (amount < 0 || amount > 100_000_000m || decimal.Round(amount, places) != amount) return false;
        minor = (long)(amount * (places == 3 ? 1000m : 100m));
        return true;
    }
}
