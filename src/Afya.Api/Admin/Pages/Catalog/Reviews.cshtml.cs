using Afya.Api.Admin.Catalog;
using Afya.Api.Admin.Lists;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Catalog;

public sealed record ReviewRow(int Id, DateTime UpdatedAt, string Product, Guid ProductId, string Author, int Rating, string Title, string Body, bool Verified);

// Review moderation: newest first, searchable, a low-rating filter; taking one down goes through the catalog's handler
// and is filed in the product's history.
public sealed class ReviewsModel(AfyaDb db, CatalogActions actions, IOptions<ConsoleOptions> options) : PageModel
{
    public const string Path = "/admin/catalog/reviews";

    public static readonly IReadOnlyList<SortColumn<Review>> Sorts =
    [
        SortColumn<Review>.By("updated", "Written", r => r.UpdatedAt),
        SortColumn<Review>.By("rating", "Rating", r => r.Rating),
    ];

    public ListState State { get; private set; } = null!;
    public ListPage<ReviewRow>? Reviews { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        State = new ListState(Request.Query, options.Value.PageSize);
        var query = db.Set<Review>().AsNoTracking();
        if (State.Search is { Length: > 0 } q) query = query.Where(r => r.Title.Contains(q) || r.Body.Contains(q) || r.AuthorName.Contains(q));
        if (State.Value("rating") == "low") query = query.Where(r => r.Rating <= 2);
        var page = await ConsoleList.PageAsync(ConsoleList.Sorted(query, State, Sorts, r => r.Id), State, ct);
        var ids = page.Rows.Select(r => r.ProductId).Distinct().ToList();
        var names = await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        Reviews = new ListPage<ReviewRow>(page.Rows.Select(r => new ReviewRow(r.Id, r.UpdatedAt, names.GetValueOrDefault(r.ProductId, ""), r.ProductId, r.AuthorName,
            r.Rating, r.Title, r.Body, r.VerifiedPurchase)).ToList(), page.Total, State, page.Page);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var review = await db.Set<Review>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null) return NotFound();
        var before = await actions.StateAsync(review.ProductId, ct);
        var result = await AdminReviews.DeleteReview(id, db, ct);
        var problem = await actions.Audit.RecordAsync("product.review_delete", CatalogActions.Products, review.ProductId.ToString(), new { before, review = new { review.Id, review.AuthorName, review.Rating, review.Title, review.Body } },
            result, () => actions.StateAsync(review.ProductId, ct), new { review_id = id }, ct);
        TempData["Message"] = problem is null ? "Review taken down." : problem.ProblemDetails.Title;
        return Redirect(Path);
    }
}
