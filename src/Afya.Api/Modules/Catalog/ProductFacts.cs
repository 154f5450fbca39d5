using Afya.Api.Modules.Catalog.Data;

namespace Afya.Api.Modules.Catalog;

public sealed record ProductDimensions(decimal? Length, decimal? Width, decimal? Height, string? Unit);
public sealed record ProductShipping(decimal? Weight, string? WeightUnit, ProductDimensions Dimensions);
public sealed record ProductWarranty(int? Period, string? Unit, string? Description);

// The product's columns as read, projected beside the detail row.
internal sealed record ProductFactsRow(
    int? SupplierId, int TaxRateBasisPoints, int ReorderLevel, bool RequiresPrescription, long? WeightMilli, string? WeightUnit, long? LengthMilli,
    long? WidthMilli, long? HeightMilli, string? DimensionUnit, int? WarrantyPeriod, string? WarrantyUnit, string? WarrantyDescription, string Tags);

// The editor's facts beside the price: checked, stored in whole units (basis points, thousandths), and read back.
internal static class ProductFacts
{
    private const decimal MaxMeasure = 1_000_000m;

    public static void Validate(ProductWrite r, Dictionary<string, string[]> errors)
    {
        if (r.TaxRate is { } tax && (tax < 0 || tax > 100 || decimal.Round(tax, 2) != tax)) errors["tax_rate"] = ["tax_rate is a percentage from 0 to 100, with at most two decimals."];
        Measure(errors, "weight", r.Weight);
        Measure(errors, "dimensions_length", r.Dimensions?.Length);
        Measure(errors, "dimensions_width", r.Dimensions?.Width);
        Measure(errors, "dimensions_height", r.Dimensions?.Height);
        if (r.Dimensions?.Unit is { Length: > 16 }) errors["dimensions_unit"] = ["dimensions_unit may be at most 16 characters."];
        if (r.Tags is { } tags && (tags.Any(t => t.Length > 50 || t.Contains(',', StringComparison.Ordinal)) || string.Join(',', tags).Length > 1000))
            errors["tags"] = ["tags are at most 50 characters each, without commas, 1000 in all."];
    }

    public static void Apply(ProductWrite r, Product p)
    {
        if (r.SupplierId is { } supplier) p.SupplierId = supplier;
        if (r.TaxRate is { } tax) p.TaxRateBasisPoints = (int)(tax * 100);
        if (r.ReorderLevel is { } reorder) p.ReorderLevel = reorder;
        if (r.RequiresPrescription is { } prescription) p.RequiresPrescription = prescription;
        if (r.Weight is { } weight) p.WeightMilli = Milli(weight);
        if (r.WeightUnit is not null) p.WeightUnit = Blank(r.WeightUnit);
        if (r.Dimensions is { } d)
        {
            if (d.Length is { } length) p.LengthMilli = Milli(length);
            if (d.Width is { } width) p.WidthMilli = Milli(width);
            if (d.Height is { } height) p.HeightMilli = Milli(height);
            if (d.Unit is not null) p.DimensionUnit = Blank(d.Unit);
        }
        if (r.WarrantyPeriod is { } period) p.WarrantyPeriod = period;
        if (r.WarrantyUnit is not null) p.WarrantyUnit = Blank(r.WarrantyUnit);
        if (r.WarrantyDescription is not null) p.WarrantyDescription = Blank(r.WarrantyDescription);
        if (r.Tags is { } tags) p.Tags = string.Join(',', tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));
    }

    public static decimal TaxRate(ProductFactsRow f) => f.TaxRateBasisPoints / 100m;

    public static ProductShipping Shipping(ProductFactsRow f) =>
        new(Unit(f.WeightMilli), f.WeightUnit, new ProductDimensions(Unit(f.LengthMilli), Unit(f.WidthMilli), Unit(f.HeightMilli), f.DimensionUnit));

    public static ProductWarranty Warranty(ProductFactsRow f) => new(f.WarrantyPeriod, f.WarrantyUnit, f.WarrantyDescription);

    public static IReadOnlyList<string> Tags(ProductFactsRow f) => f.Tags.Length == 0 ? [] : f.Tags.Split(',');

    private static void Measure(Dictionary<string, string[]> errors, string field, decimal? value)
    {
        if (value is { } v && (v < 0 || v > MaxMeasure || decimal.Round(v, 3) != v)) errors[field] = [$"{field} is 0 or more, with at most three decimals."];
    }

    private static long Milli(decimal value) => (long)(value * 1000m);

    // Decimal division keeps no trailing zeros: 1200 thousandths read 1.2.
    private static decimal? Unit(long? milli) => milli is { } m ? m / 1000m : null;

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
