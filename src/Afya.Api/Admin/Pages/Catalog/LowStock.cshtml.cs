using Afya.Api.Admin.Catalog;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Catalog;

public sealed record StockRow(Guid ProductId, string Product, int? VariantId, string? Sku, int Stock);

// What is about to run out in the shop (active products only), lowest first, with a restock form on each row.
public sealed class LowStockModel(AfyaDb db, CatalogActions actions, IOptions<ConsoleOptions> options) : PageModel
{
    public int Threshold => options.Value.LowStockThreshold;
    public List<StockRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var t = Threshold;
        var variants = await db.Set<ProductVariant>().AsNoTracking().Where(v => v.IsActive && v.StockQuantity <= t)
            .Join(db.Set<Product>().Where(p => p.IsActive && !p.IsArchived), v => v.ProductId, p => p.Id, (v, p) => new { p.Id, p.Name, VariantId = v.Id, v.Sku, v.StockQuantity })
            .OrderBy(r => r.StockQuantity).ThenBy(r => r.Sku).Take(200).ToListAsync(ct);
        var products = await db.Set<Product>().AsNoTracking().Where(p => p.IsActive && !p.IsArchived && !p.Variants.Any() && p.StockQuantity <= t)
            .OrderBy(p => p.StockQuantity).ThenBy(p => p.Name).Take(200).Select(p => new { p.Id, p.Name, p.StockQuantity }).ToListAsync(ct);
        Rows = variants.Select(v => new StockRow(v.Id, v.Name, v.VariantId, v.Sku, v.StockQuantity))
            .Concat(products.Select(p => new StockRow(p.Id, p.Name, null, null, p.StockQuantity)))
            .OrderBy(r => r.Stock).ThenBy(r => r.Product, StringComparer.Ordinal).Take(200).ToList();
    }

    // Restock one row: a variant's count through the variant update, a product's through the product update.
    public async Task<IActionResult> OnPostAsync(Guid product, int? variant, string? stock, CancellationToken ct)
    {
        var key = variant is { } v ? $"stock-{v}" : $"stock-{product}";
        var count = Afya.Api.Admin.Pages.Catalog.Products.ProductForm.Whole(ModelState, key, stock);
        if (count is null && ModelState.IsValid) ModelState.AddModelError(key, "Enter the new stock count.");
        if (ModelState.IsValid)
        {
            var problem = variant is { } id
                ? await actions.UpdateVariantAsync(product, id, new VariantWrite(null, null, null, null, null, null, null, null, count, null), ct)
                : await actions.UpdateProductAsync(product, new ProductWrite(null, null, null, null, null, null, null, null, count, null, null, null, null), "product.restock", ct);
            if (problem is null)
            {
                TempData["Message"] = "Stock saved.";
                return Redirect("/admin/catalog/low-stock");
            }
            ModelState.AddProblem(problem, key + "-");
            if (ModelState.TryGetValue(key + "-stock_quantity", out var entry)) foreach (var e in entry.Errors) ModelState.AddModelError(key, e.ErrorMessage);
        }
        await OnGetAsync(ct);
        return Page();
    }
}
