using Afya.Api.Admin.Catalog;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Catalog;

public sealed class BannersModel(AfyaDb db, CatalogActions actions, IFileStorage storage, TimeProvider clock) : PageModel
{
    public const string ObjectType = "banners";
    public List<Banner> Banners { get; private set; } = [];
    public int? HistoryOf { get; private set; }
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public async Task OnGetAsync(int? history, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Banners = await db.Set<Banner>().AsNoTracking().OrderBy(b => b.Kind).ThenBy(b => b.SortOrder).ThenBy(b => b.Id).ToListAsync(ct);
        if (history is { } id)
        {
            HistoryOf = id;
            History = await ConsoleHistory.ForAsync(db, ObjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(string? title, string? subtitle, string? link, BannerKind kind, IFormFile? image, CancellationToken ct)
    {
        var write = new BannerWrite(title?.Trim() ?? "", subtitle, string.IsNullOrWhiteSpace(link) ? null : link.Trim(), kind, null, null, null, true);
        int? created = null;
        var problem = await actions.ChangeAsync<Banner>(ObjectType, 0, "banner.create", write, async () =>
        {
            var result = await AdminBanners.CreateBanner(write, db, storage, clock, ct);
            created = (result.Result as Created<BannerResponse>)?.Value?.Id;
            return result;
        }, ct);
        if (problem is null && created is { } id && image is not null)
            problem = await actions.ChangeAsync<Banner>(ObjectType, id, "banner.image", new { file = image.FileName },
                async () => await AdminBanners.UploadBannerImage(id, image, db, storage, actions.Options, ct), ct);
        return await Done(Task.FromResult(problem), "Banner created.", ct);
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        var write = new BannerWrite(null, null, null, null, null, null, null, active);
        return await Done(actions.ChangeAsync<Banner>(ObjectType, id, active ? "banner.activate" : "banner.deactivate", write,
            async () => await AdminBanners.UpdateBanner(id, write, db, storage, ct), ct), active ? "Banner shown." : "Banner hidden.", ct);
    }

    public string? ImageUrl(Banner b) => b.ImageKey is { } key ? storage.UrlOf(key) : null;

    private async Task<IActionResult> Done(Task<ProblemHttpResult?> change, string message, CancellationToken ct)
    {
        if (await change is { } problem)
        {
            ModelState.AddProblem(problem);
            await OnGetAsync(null, ct);
            return Page();
        }
        TempData["Message"] = message;
        return Redirect("/admin/catalog/banners");
    }
}
