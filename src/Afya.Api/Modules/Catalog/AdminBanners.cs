using System.ComponentModel.DataAnnotations;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;
using static Afya.Api.Modules.Catalog.CatalogWrites;

namespace Afya.Api.Modules.Catalog;

public sealed record BannerWrite(
    [property: StringLength(200)] string? Title, [property: StringLength(300)] string? Subtitle, [property: StringLength(500)] string? LinkUrl,
    BannerKind? Kind, int? SortOrder, DateTime? StartsAt, DateTime? EndsAt, bool? IsActive);

// Staff writes to banners. What a write makes stale is evicted after it commits (CatalogTags).
public static class AdminBanners
{
    public static async Task<Ok<List<BannerResponse>>> ListBanners(AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Banner>().AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Id).ToListAsync(ct))
            .Select(b => BannerResponse.From(b, storage)).ToList());

    public static async Task<Results<Created<BannerResponse>, ProblemHttpResult>> CreateBanner(
        BannerWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        if (ValidateBanner(request, creating: true) is { } problem) return problem;
        var banner = new Banner { Title = request.Title!.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(banner, request);
        db.Add(banner);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/admin/banners/{banner.Id}", BannerResponse.From(banner, storage));
    }

    public static async Task<Results<Ok<BannerResponse>, ProblemHttpResult>> UpdateBanner(
        int id, BannerWrite request, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        if (ValidateBanner(request, creating: false) is { } problem) return problem;
        var banner = await db.Set<Banner>().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (banner is null) return ApiProblem.NotFound("banner");
        if (request.Title is not null) banner.Title = request.Title.Trim();
        Apply(banner, request);
        if (banner.StartsAt is { } s && banner.EndsAt is { } e && e <= s) return ApiProblem.Field("ends_at", "ends_at must be after starts_at.");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BannerResponse.From(banner, storage));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBanner(int id, AfyaDb db, CancellationToken ct)
    {
        if (await db.Set<Banner>().FindAsync([id], ct) is not { } banner) return ApiProblem.NotFound("banner");
        db.Remove(banner);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<BannerResponse>, ProblemHttpResult>> UploadBannerImage(
        int id, IFormFile image, AfyaDb db, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        ReplaceImageAsync<Banner, BannerResponse>(id, image, "image", "banners", b => b.ImageKey, (b, key) => b.ImageKey = key,
            b => BannerResponse.From(b, storage), db, storage, options.Value, ct);

    private static ProblemHttpResult? ValidateBanner(BannerWrite r, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        Required(errors, "title", r.Title, creating);
        if (r.LinkUrl is not null && !(r.LinkUrl.StartsWith('/') || Uri.TryCreate(r.LinkUrl, UriKind.Absolute, out var u) && u.Scheme is "https" or "http"))
            errors["link_url"] = ["link_url is a path (/products/x) or an http(s) URL."];
        if (r.StartsAt is { } s && r.EndsAt is { } e && e <= s) errors["ends_at"] = ["ends_at must be after starts_at."];
        return Check(errors);
    }

    private static void Apply(Banner b, BannerWrite r)
    {
        if (r.Subtitle is not null) b.Subtitle = r.Subtitle.Trim();
        if (r.LinkUrl is not null) b.LinkUrl = r.LinkUrl;
        if (r.Kind is { } kind) b.Kind = kind;
        if (r.SortOrder is { } order) b.SortOrder = order;
        if (r.StartsAt is { } starts) b.StartsAt = starts.ToUniversalTime();
        if (r.EndsAt is { } ends) b.EndsAt = ends.ToUniversalTime();
        if (r.IsActive is { } active) b.IsActive = active;
    }
}
