using System.Globalization;
using Afya.Api.Admin.Catalog;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Catalog.Products;

// The form's fields as typed; numbers are parsed here so a typo is an error beside its field, not a binding failure.
public sealed class ProductForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? CategoryId { get; set; }
    public string? BrandId { get; set; }
    public string? Price { get; set; }
    public string? CompareAtPrice { get; set; }
    public string? StockQuantity { get; set; }
    public bool IsActive { get; set; } = true;
    public bool IsFeatured { get; set; }

    public ProductWrite? ToWrite(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, bool creating)
    {
        var price = Number(state, "price", Price, creating);
        var compareAt = Number(state, "compare_at_price", CompareAtPrice, false);
        var stock = Whole(state, "stock_quantity", StockQuantity);
        var category = Whole(state, "category_id", CategoryId);
        var brand = Whole(state, "brand_id", BrandId);
        if (!state.IsValid) return null;
        return new ProductWrite(Name?.Trim(), null, Description, category, brand, price, compareAt, null, stock, IsFeatured, null, null, IsActive);
    }

    internal static decimal? Number(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) state.AddModelError(field, "Enter an amount such as 1500 or 1499.50.");
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)) return value;
        state.AddModelError(field, "Enter an amount such as 1500 or 1499.50.");
        return null;
    }

    internal static int? Whole(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        state.AddModelError(field, "Enter a whole number.");
        return null;
    }
}

public sealed class NewModel(AfyaDb db, CatalogActions actions) : PageModel
{
    [BindProperty] public ProductForm Form { get; set; } = new();
    public List<Category> Categories { get; private set; } = [];
    public List<Brand> Brands { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Categories = await db.Set<Category>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        Brands = await db.Set<Brand>().AsNoTracking().OrderBy(b => b.Name).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (Form.ToWrite(ModelState, creating: true) is { } write)
        {
            if ((await actions.CreateProductAsync(write, ct)).TryGet(out var id, out var problem))
            {
                TempData["Message"] = "Product created. Add its variants, pictures and specifications below.";
                return Redirect($"/admin/catalog/products/{id}");
            }
            ModelState.AddProblem(problem);
        }
        await OnGetAsync(ct);
        return Page();
    }
}
