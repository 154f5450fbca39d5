using System.Net;
using Microsoft.EntityFrameworkCore;
using Afya.Api.Modules.Catalog;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Catalog;

// The list's filters are one LINQ shape with null-checked parameters (issue 32): the database must still get only the
// conditions asked for, and every filter set must list exactly what the filters select.
public abstract class ListFilterTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ListFilterTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ListFilterTests(apps.Postgres);

    private static readonly (string Column, Func<ProductQuery, bool> Asked)[] Columns =
    [
        ("category_id", q => q.Category is not null), ("is_featured", q => q.IsFeatured is not null), ("is_hot", q => q.IsHot is not null),
        ("is_new", q => q.IsNew is not null), ("base_price", q => q.MinPrice is not null || q.MaxPrice is not null), ("in_stock", q => q.InStock is not null),
    ];

    [Fact]
    public async Task Every_filter_set_reaches_the_database_as_plain_conditions_without_null_checks()
    {
        var checkedSets = await app.WithDbAsync(db =>
        {
            var n = 0;
            for (var set = 0; set < 128; set++)
            {
                var query = ProductQuery.Everything with
                {
                    Category = (set & 1) != 0 ? "any" : null, IsFeatured = (set & 2) != 0 ? true : null, IsHot = (set & 4) != 0 ? false : null,
                    IsNew = (set & 8) != 0 ? true : null, MinPrice = (set & 16) != 0 ? 100 : null, MaxPrice = (set & 32) != 0 ? 9_000 : null,
                    InStock = (set & 64) != 0 ? false : null,
                };
                var filters = new Products.Filters(query, query.Category is null ? null : [1, 2]);
                foreach (var walk in (bool[])[false, true])
                {
                    var sql = filters.Apply(Products.Visible(db), walk).Select(p => p.Id).ToQueryString();
                    var where = sql[sql.IndexOf("WHERE", StringComparison.Ordinal)..];
                    where.ShouldNotContain("IS NULL", Case.Insensitive, sql);
                    where.ShouldNotContain("IS NOT NULL", Case.Insensitive, sql);
                    foreach (var (column, asked) in Columns)
                        where.Contains(column, StringComparison.Ordinal).ShouldBe(asked(query), $"{column} in {sql}");
                    n++;
                }
            }
            return Task.FromResult(n);
        });
        checkedSets.ShouldBe(256);
    }

    private sealed record Item(string Name, string Category, long Price, int Stock, bool Featured, bool Hot, bool New)
    {
        public string Slug { get; set; } = "";
    }

    [Fact]
    public async Task Every_filter_set_lists_exactly_the_products_it_selects_in_order()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var parent = await shop.CategoryAsync("Filtered");
        var child = await shop.CategoryAsync("Filtered child", parent.Id);
        var other = await shop.CategoryAsync("Filtered other");
        var word = "lf" + shop.Tag;
        var categories = new Dictionary<string, (int Id, string Slug)> { ["parent"] = parent, ["child"] = child, ["other"] = other };
        // Distinct prices and names, so every order is total without the id tie-break (ids sort differently per database).
        Item[] items =
        [
            new($"{word} alpha", "parent", 10, 5, true, false, true), new($"{word} bravo", "child", 20, 0, false, true, false),
            new($"{word} charlie", "other", 30, 3, false, false, true), new($"{word} delta", "parent", 40, 0, true, true, false),
            new($"{word} echo", "child", 50, 7, false, false, false), new($"{word} foxtrot", "other", 60, 1, true, false, true),
            new($"{word} golf", "parent", 70, 2, false, true, true), new($"{word} hotel", "child", 80, 0, true, false, false),
            new($"{word} india", "parent", 90, 9, false, false, true), new($"{word} juliet", "child", 100, 4, false, true, true),
        ];
        foreach (var item in items)
            item.Slug = (await shop.ProductAsync(item.Name, categories[item.Category].Id, item.Price, stock: item.Stock, featured: item.Featured, hot: item.Hot, isNew: item.New)).Slug;

        var sets = 0;
        foreach (var scope in (string[])["search", "parent", "child"])
        foreach (var min in (long?[])[null, 30])
        foreach (var max in (long?[])[null, 80])
        foreach (var inStock in (bool?[])[null, true, false])
        foreach (var isNew in (bool?[])[null, true])
        foreach (var featured in (bool?[])[null, false])
        foreach (var hot in (bool?[])[null, true])
        {
            var ordering = sets % 3 == 0 ? "price" : sets % 3 == 1 ? "-price" : "-name";
            var url = $"/api/v1/products/?{(scope == "search" ? $"search={word}" : $"category={categories[scope].Slug}")}"
                + (min is { } a ? $"&min_price={a}" : "") + (max is { } b ? $"&max_price={b}" : "") + (inStock is { } s ? $"&in_stock={s}" : "")
                + (isNew is { } n ? $"&is_new={n}" : "") + (featured is { } f ? $"&is_featured={f}" : "") + (hot is { } h ? $"&is_hot={h}" : "")
                + $"&ordering={ordering}&page_size=50";
            var selected = items.Where(i => scope == "search" || i.Category == scope || (scope == "parent" && i.Category == "child"))
                .Where(i => (min is null || i.Price >= min) && (max is null || i.Price <= max) && (inStock is null || i.Stock > 0 == inStock)
                    && (isNew is null || i.New == isNew) && (featured is null || i.Featured == featured) && (hot is null || i.Hot == hot));
            var expected = (ordering switch
            {
                "price" => selected.OrderBy(i => i.Price),
                "-price" => selected.OrderByDescending(i => i.Price),
                _ => selected.OrderByDescending(i => i.Name, StringComparer.Ordinal),
            }).Select(i => i.Slug).ToList();

            // A client per filter set: each comes from its own address, under the per-address rate limit.
            var client = app.Client();
            var body = await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            body["count"]!.GetValue<int>().ShouldBe(expected.Count, url);
            body["results"]!.AsArray().Select(r => r!["slug"]!.GetValue<string>()).ToList().ShouldBe(expected, url);
            if (expected.Count > 0)
            {
                // The last page of two, and the one past it.
                var last = (expected.Count + 1) / 2;
                var page = await (await client.GetAsync(url.Replace("page_size=50", $"page_size=2&page={last}", StringComparison.Ordinal))).ShouldBe(HttpStatusCode.OK);
                page["results"]!.AsArray().Select(r => r!["slug"]!.GetValue<string>()).ToList().ShouldBe(expected.Skip((last - 1) * 2).ToList(), url);
                await (await client.GetAsync(url.Replace("page_size=50", $"page_size=2&page={last + 1}", StringComparison.Ordinal)))
                    .ShouldBeProblem(HttpStatusCode.NotFound, "PAGE_NOT_FOUND");
            }
            sets++;
        }
        sets.ShouldBe(288);
    }
}
