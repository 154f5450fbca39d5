using Afya.Api.Admin.Catalog;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Catalog;

// The home page's rows of chosen products, through the catalog's section handlers (the API files them under "home").
public sealed class SectionsModel(AfyaDb db, CatalogActions actions, IFileStorage storage, TimeProvider clock) : PageModel
{
    public const string ObjectType = "home";
    public List<HomepageSectionResponse> Sections { get; private set; } = [];
    public int? HistoryOf { get; private set; }
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public async Task OnGetAsync(int? history, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Sections = (await HomepageSections.AdminList(db, storage, ct)).Value!.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToList();
        if (history is { } id)
        {
            HistoryOf = id;
            History = await ConsoleHistory.ForAsync(db, ObjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(string? title, string? description, string? products, CancellationToken ct)
    {
        if (!Slugs(products).TryGet(out var ids, out var invalid)) return await Done(Task.FromResult<ProblemHttpResult?>(invalid), "", ct);
        var write = new HomepageSectionWrite(title?.Trim() ?? "", description, null, true, ids);
        return await Done(actions.ChangeAsync<HomepageSection>(ObjectType, 0, "section.create", write,
            async () => await HomepageSections.Create(write, db, storage, clock, ct), ct), "Section created.", ct);
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        var write = new HomepageSectionWrite(null, null, null, active, null);
        return await Done(actions.ChangeAsync<HomepageSection>(ObjectType, id, active ? "section.activate" : "section.deactivate", write,
            async () => await HomepageSections.Update(id, write, db, storage, clock, ct), ct), active ? "Section shown." : "Section hidden.", ct);
    }

    // Staff name products by slug, one per line; the section handler checks that each exists.
    private Result<IReadOnlyList<Guid>> Slugs(string? lines)
    {
        var slugs = (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var found = db.Set<Product>().AsNoTracking().Where(p => slugs.Contains(p.Slug)).Select(p => new { p.Slug, p.Id }).ToDictionary(p => p.Slug, p => p.Id);
        if (slugs.FirstOrDefault(s => !found.ContainsKey(s)) is { } missing) return ApiProblem.Field("product_ids", $"No product has the slug '{missing}'.");
        return slugs.Select(s => found[s]).ToList();
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
        return Redirect("/admin/catalog/sections");
    }
}
