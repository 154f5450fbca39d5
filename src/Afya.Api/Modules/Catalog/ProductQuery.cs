using Afya.Api.Modules.Catalog.Data;
using System.Globalization;
using Afya.Api.Platform;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Catalog;

// The filters of GET /products, with the seeds' spellings (brand__slug, is_featured=true, ordering=-created_at).
public sealed record ProductQuery(
    IReadOnlyList<string> Terms, string? Category, string? Brand, bool? IsFeatured, bool? IsHot, bool? IsNew,
    long? MinPrice, long? MaxPrice, bool? InStock, IReadOnlyList<string> Ordering, bool Facets)
{
    public static readonly IReadOnlyList<string> OrderingFields = ["price", "created_at", "name", "rating", "popularity"];

    public static Result<ProductQuery> Read(IQueryCollection q)
    {
        var errors = new Dictionary<string, string[]>();
        bool? Flag(string name)
        {
            var raw = q[name].ToString();
            if (raw.Length == 0) return null;
            switch (raw.ToLowerInvariant())
            {
                case "true" or "1" or "yes": return true;
                case "false" or "0" or "no": return false;
                default:
                    errors[name] = [$"{name} must be true or false."];
                    return null;
            }
        }
        long? Price(string name)
        {
            var raw = q[name].ToString();
            if (raw.Length == 0) return null;
            if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && Money.TryToMinor(value, out var minor)) return minor;
            errors[name] = [$"{name} must be an amount such as 1500 or 1499.99."];
            return null;
        }

        var ordering = q["ordering"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = ordering.Where(o => !OrderingFields.Contains(o.TrimStart('-'))).ToList();
        if (unknown.Count > 0)
            return ApiProblem.Field("ordering", $"Unknown ordering '{string.Join(",", unknown)}'. Use {string.Join(", ", OrderingFields)}, with '-' for descending.", "INVALID_ORDERING");

        var search = q["search"].ToString();
        var query = new ProductQuery(
            search.Length > 200 ? ProductSearch.Terms(search[..200]) : ProductSearch.Terms(search),
            Text(q, "category") ?? Text(q, "category__slug"),
            Text(q, "brand") ?? Text(q, "brand__slug"),
            Flag("is_featured"), Flag("is_hot"), Flag("is_new"), Price("min_price"), Price("max_price"), Flag("in_stock"),
            ordering, Flag("facets") == true);
        if (query.MinPrice > query.MaxPrice) errors["min_price"] = ["min_price cannot be above max_price."];
        return errors.Count > 0 ? ApiProblem.Validation(errors, "INVALID_FILTER") : query;
    }

    // The query with no words and no filters: every product the shop shows.
    public static readonly ProductQuery Everything = new([], null, null, null, null, null, null, null, null, [], false);

    public bool IsEverything => Terms.Count == 0 && Category is null && Brand is null && IsFeatured is null && IsHot is null && IsNew is null
        && MinPrice is null && MaxPrice is null && InStock is null;

    // What the count of a page depends on: every filter, not the page, the order or facets.
    public string FilterKey => System.Text.Json.JsonSerializer.Serialize<object?[]>([Terms, Category, Brand, IsFeatured, IsHot, IsNew, MinPrice, MaxPrice, InStock]);

    private static string? Text(IQueryCollection q, string name) => q[name].ToString().Trim() is { Length: > 0 and <= 200 } v ? v : null;

    // An explicit order, or newest first (relevance is ProductSearch.RelevantPageAsync's).
    internal static IQueryable<Product> Order(IQueryable<Product> query, IReadOnlyList<string> ordering)
    {
        // The id tie-break runs the same way as the last key, so an index on (key, id) serves the whole order.
        if (ordering.Count == 0) return query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

        IOrderedQueryable<Product>? ordered = null;
        foreach (var field in ordering)
        {
            var descending = field.StartsWith('-');
            ordered = field.TrimStart('-') switch
            {
                "price" => By(ordered, query, p => p.BasePrice, descending),
                "created_at" => By(ordered, query, p => p.CreatedAt, descending),
                "name" => By(ordered, query, p => p.Name, descending),
                "rating" => By(ordered, query, p => (double)p.RatingSum / (p.RatingCount == 0 ? 1 : p.RatingCount), descending),
                _ => By(ordered, query, p => p.UnitsSold, descending),
            };
        }
        return ordering[^1].StartsWith('-') ? ordered!.ThenByDescending(p => p.Id) : ordered!.ThenBy(p => p.Id);
    }

    private static IOrderedQueryable<Product> By<TKey>(
        IOrderedQueryable<Product>? ordered, IQueryable<Product> query, System.Linq.Expressions.Expression<Func<Product, TKey>> key, bool descending) =>
        ordered is null
            ? descending ? query.OrderByDescending(key) : query.OrderBy(key)
            : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
}
