using Afya.Api.Admin.Catalog;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Catalog;

public sealed class CategoriesModel(AfyaDb db, CatalogActions actions, IFileStorage storage, TimeProvider clock) : PageModel
{
    public const string ObjectType = "categories";
    public List<Category> Categories { get; private set; } = [];
    public int? HistoryOf { get; private set; }
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public async Task OnGetAsync(int? history, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Categories = await db.Set<Category>().AsNoTracking().OrderBy(c => c.ParentId).ThenBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        if (history is { } id)
        {
            HistoryOf = id;
            History = await ConsoleHistory.ForAsync(db, ObjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, int? parent, string? description, CancellationToken ct)
    {
        var write = new CategoryWrite(name?.Trim() ?? "", null, description, parent, null, true);
        return await Done(actions.ChangeAsync<Category>(ObjectType, 0, "category.create", write,
            async () => await AdminCategories.CreateCategory(write, db, storage, clock, ct), ct), "Category created.", ct);
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        var write = new CategoryWrite(null, null, null, null, null, active);
        return await Done(actions.ChangeAsync<Category>(ObjectType, id, active ? "category.activate" : "category.deactivate", write,
            async () => await AdminCategories.UpdateCategory(id, write, db, storage, ct), ct), active ? "Category shown." : "Category hidden.", ct);
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
        return Redirect("/admin/catalog/categories");
    }
}
