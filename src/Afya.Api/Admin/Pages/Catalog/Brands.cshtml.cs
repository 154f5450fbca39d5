using Afya.Api.Admin.Catalog;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Catalog;

public sealed class BrandsModel(AfyaDb db, CatalogActions actions, IFileStorage storage, TimeProvider clock) : PageModel
{
    public const string ObjectType = "brands";
    public List<Brand> Brands { get; private set; } = [];
    public int? HistoryOf { get; private set; }
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public async Task OnGetAsync(int? history, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Brands = await db.Set<Brand>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        if (history is { } id)
        {
            HistoryOf = id;
            History = await ConsoleHistory.ForAsync(db, ObjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? description, bool featured, CancellationToken ct)
    {
        var write = new BrandWrite(name?.Trim() ?? "", null, description, featured, true);
        return await Done(actions.ChangeAsync<Brand>(ObjectType, 0, "brand.create", write,
            async () => await AdminBrands.CreateBrand(write, db, storage, clock, ct), ct), "Brand created.", ct);
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        var write = new BrandWrite(null, null, null, null, active);
        return await Done(actions.ChangeAsync<Brand>(ObjectType, id, active ? "brand.activate" : "brand.deactivate", write,
            async () => await AdminBrands.UpdateBrand(id, write, db, storage, ct), ct), active ? "Brand shown." : "Brand hidden.", ct);
    }

    private async Task<IActionResult> Done(Task<ProblemHttpResult?> change, string message, CancellationToken ct)
    {
        if (await change is { } problem)
        {
            ModelState.AddProblem(problem);
            await OnGetAsync(null, ct);
            return Page();
        }
        TempData["Message"] = message;
        return Redirect("/admin/catalog/brands");
    }
}
