using System.Globalization;
using Afya.Api.Admin.Catalog;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Catalog.Products;

public sealed class DetailsModel(AfyaDb db, CatalogActions actions, IFileStorage storage) : PageModel
{
    public Product Product { get; private set; } = null!;
    [BindProperty] public ProductForm Form { get; set; } = new();
    public List<Category> Categories { get; private set; } = [];
    public List<Brand> Brands { get; private set; } = [];
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public string Tab { get; private set; } = "details";
    public string ImageUrl(ProductImage image) => storage.UrlOf(image.Key);
    public string Money(long minor) => $"{Product.Currency} {Platform.Money.ToDecimal(minor, Product.Currency).ToString("N2", CultureInfo.InvariantCulture)}";

    public async Task<IActionResult> OnGetAsync(Guid id, string? tab, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } product) return NotFound();
        Tab = tab == "history" ? "history" : "details";
        if (Tab == "history") History = await ConsoleHistory.ForAsync(db, CatalogActions.Products, id.ToString(), ct);
        Form = new ProductForm
        {
            Name = product.Name, Description = product.Description, CategoryId = product.CategoryId.ToString(CultureInfo.InvariantCulture),
            BrandId = product.BrandId?.ToString(CultureInfo.InvariantCulture), Price = Platform.Money.ToDecimal(product.BasePrice, product.Currency).ToString("0.00", CultureInfo.InvariantCulture),
            CompareAtPrice = product.CompareAtPrice is { } c ? Platform.Money.ToDecimal(c, product.Currency).ToString("0.00", CultureInfo.InvariantCulture) : null,
            StockQuantity = product.StockQuantity.ToString(CultureInfo.InvariantCulture), IsActive = product.IsActive, IsFeatured = product.IsFeatured,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (Form.ToWrite(ModelState, creating: false) is { } write)
        {
            if (await actions.UpdateProductAsync(id, write, "product.update", ct) is not { } problem) return Done(id, "Product saved.");
            ModelState.AddProblem(problem);
        }
        return await Again(id, ct);
    }

    public async Task<IActionResult> OnPostVariantAsync(Guid id, string? sku, string? name, string? price, string? stock, CancellationToken ct)
    {
        ModelState.Clear();
        var amount = ProductForm.Number(ModelState, "variant_price", price, required: true);
        var count = ProductForm.Whole(ModelState, "variant_stock_quantity", stock);
        if (ModelState.IsValid)
        {
            var write = new VariantWrite(sku?.Trim() ?? "", name?.Trim(), null, null, null, null, null, amount, count ?? 0, true);
            if (await actions.CreateVariantAsync(id, write, ct) is not { } problem) return Done(id, "Variant added.");
            ModelState.AddProblem(problem, "variant_");
        }
        return await Again(id, ct);
    }

    // One variant's price, stock and whether it is sold; the field names carry the variant so errors land beside its row.
    public async Task<IActionResult> OnPostUpdateVariantAsync(Guid id, int variant, string? price, string? stock, bool active, CancellationToken ct)
    {
        ModelState.Clear();
        var amount = ProductForm.Number(ModelState, $"variant-{variant}-price", price, required: true);
        var count = ProductForm.Whole(ModelState, $"variant-{variant}-stock", stock);
        if (ModelState.IsValid)
        {
            var write = new VariantWrite(null, null, null, null, null, null, null, amount, count, active);
            if (await actions.UpdateVariantAsync(id, variant, write, ct) is not { } problem) return Done(id, "Variant saved.");
            ModelState.AddProblem(problem, $"variant-{variant}-");
        }
        return await Again(id, ct);
    }

    public async Task<IActionResult> OnPostImageAsync(Guid id, IFormFile? image, string? alt, CancellationToken ct)
    {
        ModelState.Clear();
        if (await actions.AddImageAsync(id, image, alt, ct) is not { } problem) return Done(id, "Picture added.");
        ModelState.AddProblem(problem);
        return await Again(id, ct);
    }

    public async Task<IActionResult> OnPostSpecificationsAsync(Guid id, string? specifications, CancellationToken ct)
    {
        ModelState.Clear();
        if (await actions.ReplaceSpecificationsAsync(id, specifications, ct) is not { } problem) return Done(id, "Specifications saved.");
        ModelState.AddProblem(problem);
        return await Again(id, ct);
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/admin/catalog/products/{id}");
    }

    // The page again with the errors beside the fields and what was typed into the product form kept.
    private async Task<IActionResult> Again(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null) return NotFound();
        return Page();
    }

    private async Task<Product?> LoadAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var product = await db.Set<Product>().AsNoTracking().AsSplitQuery().Include(p => p.Variants.OrderBy(v => v.Id)).Include(p => p.Images.OrderBy(i => i.SortOrder).ThenBy(i => i.Id))
            .Include(p => p.Specifications.OrderBy(s => s.SortOrder)).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return null;
        Product = product;
        Categories = await db.Set<Category>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        Brands = await db.Set<Brand>().AsNoTracking().OrderBy(b => b.Name).ToListAsync(ct);
        return product;
    }
}
