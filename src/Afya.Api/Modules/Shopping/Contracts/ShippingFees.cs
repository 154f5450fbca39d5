using Afya.Api.Platform;

namespace Afya.Api.Modules.Shopping.Contracts;

/// <summary>What delivery to an address costs: its delivery zone's fee, or the flat fee where no zone covers it.</summary>
/// <param name="Fee">The fee, in KES minor units.</param>
/// <param name="Zone">The name of the delivery zone that priced it; null for the flat fee.</param>
public sealed record ShippingQuote(Money Fee, string? Zone);

/// <summary>What delivery costs: the cart shows it and checkout charges it, by the same rule.</summary>
public interface IShippingFees
{
    /// <summary>The flat fee (<c>Shop__FlatShipping</c>), for an address no delivery zone covers or none given.</summary>
    Money Flat { get; }

    /// <summary>
    /// The fee for delivering goods worth <paramref name="goodsMinor"/> (after any discount) to this city and county: the
    /// zone naming the city, else the zone naming the county (case-insensitively; the first configured wins a tie), free at
    /// or above its threshold; the flat fee when no zone matches.
    /// </summary>
    Task<ShippingQuote> QuoteAsync(string? city, string? county, long goodsMinor, CancellationToken ct);
}
