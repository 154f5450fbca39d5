using System.Globalization;
using Afya.Api.Admin.Catalog;
using Afya.Api.Admin.Lists;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Catalog.Products;

public sealed record ProductRow(Guid Id, string Name, string Slug, string Category, string? Brand, decimal Price, string Currency, int Stock, int Variants,
    bool IsActive, bool IsArchived, DateTime UpdatedAt);

public sealed class IndexModel(AfyaDb db, CatalogActions actions, IOptions<ConsoleOptions> options) : PageModel
{
    public const string Path = "/admin/catalog/products";

    public static readonly IReadOnlyList<SortColumn<Product>> Sorts =
    [
        SortColumn<Product>.By("updated", "Changed", p => p.UpdatedAt),
        SortColumn<Product>.By("name", "Name", p => p.Name),
        SortColumn<Product>.By("price", "Price", p => p.BasePrice),
        SortColumn<Product>.By("stock", "Stock", p => p.StockQuantity),
    ];

    public ListState State { get; private set; } = null!;
    public ListPage<ProductRow>? Products { get; private set; }
    public List<ProductRow>? ToConfirm { get; private set; }
    public string? BulkAction { get; private set; }
    public List<Category> Categories { get; private set; } = [];
    public List<Brand> Brands { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Filter().TryGet(out var filtered, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        // The page's ids first, over the sort's index, then only those rows: a deep page skips index entries, not whole
        // products with their descriptions. The count stops at 10,000 (a broad search word matches thousands).
        var ids = await ConsoleList.PageKeysAsync(filtered, State, Sorts, p => p.Id, options.Value.ListCountCap, ct);
        var chosen = ids.Rows.ToList();
        var rows = await db.Set<Product>().AsNoTracking().Where(p => chosen.Contains(p.Id)).ToListAsync(ct);
        Products = new ListPage<ProductRow>(await RowsAsync(ConsoleList.InOrder(rows, chosen, p => p.Id), ct), ids.Total, State, ids.Page, ids.AtLeast);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Filter().TryGet(out var filtered, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        var categories = Categories.ToDictionary(c => c.Id, c => c.Name);
        var brands = Brands.ToDictionary(b => b.Id, b => b.Name);
        var rows = ConsoleList.Sorted(filtered, State, Sorts, p => p.Id)
            .Select(p => new { p.Id, p.Name, p.Slug, p.CategoryId, p.BrandId, p.BasePrice, p.Currency, p.StockQuantity, Variants = p.Variants.Count, p.IsActive, p.IsArchived, p.UpdatedAt })
            .AsAsyncEnumerable()
            .Select(p => new ProductRow(p.Id, p.Name, p.Slug, categories.GetValueOrDefault(p.CategoryId, ""), p.BrandId is { } b ? brands.GetValueOrDefault(b) : null,
                Money.ToDecimal(p.BasePrice, p.Currency), p.Currency, p.StockQuantity, p.Variants, p.IsActive, p.IsArchived, p.UpdatedAt));
        await ConsoleList.WriteCsvAsync(Response, "products.csv",
            ["name", "slug", "category", "brand", "price", "currency", "stock", "variants", "active", "archived", "updated_at", "id"], rows,
            p => [p.Name, p.Slug, p.Category, p.Brand ?? "", p.Price.ToString("0.00", CultureInfo.InvariantCulture), p.Currency,
                p.Stock.ToString(CultureInfo.InvariantCulture), p.Variants.ToString(CultureInfo.InvariantCulture), p.IsActive ? "yes" : "no",
                p.IsArchived ? "yes" : "no", p.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), p.Id.ToString()], ct);
        return new EmptyResult();
    }

    // First post: the products that would change, to confirm. Second post (confirm=yes): each one through the
    // catalog's product update, each in its product's history.
    public async Task<IActionResult> OnPostBulkAsync(Guid[] ids, string? action, string? confirm, CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        if (ids.Length == 0 || action is not ("deactivate" or "activate"))
        {
            TempData["Message"] = "Choose one or more products and what to do with them.";
            return Redirect(State.With(Path));
        }
        if (confirm != "yes")
        {
            BulkAction = action;
            var chosen = await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(ct);
            await LoadAsync(ct);
            ToConfirm = await RowsAsync(chosen, ct);
            return await OnGetAsync(ct);
        }
        var done = 0;
        var refused = new List<string>();
        var write = new ProductWrite(null, null, null, null, null, null, null, null, null, null, null, null, IsActive: action == "activate");
        foreach (var id in ids.Distinct())
        {
            if (await actions.UpdateProductAsync(id, write, $"product.bulk_{action}", ct) is { } problem) refused.Add(problem.ProblemDetails.Title ?? "refused");
            else done++;
        }
        TempData["Message"] = $"{done} product(s) {action}d." + (refused.Count > 0 ? $" {refused.Count} refused: {string.Join("; ", refused.Distinct())}" : "");
        return Redirect(State.With(Path));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        Categories = await db.Set<Category>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        Brands = await db.Set<Brand>().AsNoTracking().OrderBy(b => b.Name).ToListAsync(ct);
    }

    // ?q= (words of the name, keywords or description, through the catalog's full-text index; or a variant's exact SKU), category, brand, state (active, inactive, archived), stock (low, out).
    private Result<IQueryable<Product>> Filter()
    {
        var query = db.Set<Product>().AsNoTracking();
        var errors = new Dictionary<string, string[]>();
        if (State.Search is { Length: > 0 } q)
        {
            // Two uncorrelated id sets (the FTS index, the unique SKU index), not a LIKE and an EXISTS per product.
            var byWords = ProductSearch.AnyMatchingIds(db, ProductSearch.Terms(q));
            var bySku = db.Set<ProductVariant>().Where(v => v.Sku == q).Select(v => v.ProductId);
            query = query.Where(p => byWords.Contains(p.Id) || bySku.Contains(p.Id));
        }
        if (State.Value("category") is { Length: > 0 } category)
        {
            if (int.TryParse(category, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) query = query.Where(p => p.CategoryId == id);
            else errors["category"] = ["Choose a category from the list."];
        }
        if (State.Value("brand") is { Length: > 0 } brand)
        {
            if (int.TryParse(brand, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) query = query.Where(p => p.BrandId == id);
            else errors["brand"] = ["Choose a brand from the list."];
        }
        switch (State.Value("state"))
        {
            case "": break;
            case "active": query = query.Where(p => p.IsActive && !p.IsArchived); break;
            case "inactive": query = query.Where(p => !p.IsActive && !p.IsArchived); break;
            case "archived": query = query.Where(p => p.IsArchived); break;
            default: errors["state"] = ["state is active, inactive or archived."]; break;
        }
        var threshold = options.Value.LowStockThreshold;
        switch (State.Value("stock"))
        {
            case "": break;
            case "low": query = query.Where(LowStock.Product(threshold)); break;
            case "out": query = query.Where(LowStock.Product(0)); break;
            default: errors["stock"] = ["stock is low or out."]; break;
        }
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return Result<IQueryable<Product>>.Success(query);
    }

    private async Task<List<ProductRow>> RowsAsync(IReadOnlyList<Product> products, CancellationToken ct)
    {
        var ids = products.Select(p => p.Id).ToList();
        var variants = await db.Set<ProductVariant>().AsNoTracking().Where(v => ids.Contains(v.ProductId)).GroupBy(v => v.ProductId)
            .Select(g => new { g.Key, Count = g.Count(), Stock = g.Sum(v => v.StockQuantity) }).ToDictionaryAsync(g => g.Key, ct);
        var categories = Categories.ToDictionary(c => c.Id, c => c.Name);
        var brands = Brands.ToDictionary(b => b.Id, b => b.Name);
        return products.Select(p => new ProductRow(p.Id, p.Name, p.Slug, categories.GetValueOrDefault(p.CategoryId, ""),
            p.BrandId is { } b ? brands.GetValueOrDefault(b) : null, Money.ToDecimal(p.BasePrice, p.Currency), p.Currency,
            variants.TryGetValue(p.Id, out var v) ? v.Stock : p.StockQuantity, v?.Count ?? 0, p.IsActive, p.IsArchived, p.UpdatedAt)).ToList();
    }
}
