using System.Globalization;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Catalog;

public sealed record DiraReview(int Id, int ProductId, int UserId, string UserName, int Rating, string Title, string Comment, bool IsVerifiedPurchase,
    DateTime CreatedAt, DateTime UpdatedAt);

public sealed record DiraReviewList(IReadOnlyList<DiraReview> Items, int Total, int Pages, double AverageRating, IReadOnlyDictionary<string, int> RatingBreakdown);

public sealed record DiraMyReviews(IReadOnlyList<DiraReview> Items, int Total, int Pages);

public sealed record DiraReviewRequest([DocumentedRequired] int? ProductId, [DocumentedRequired] int? Rating, string? Title, string? Comment);

// Dira's reviews: products and users by public number, skip/limit lists with the product's rating breakdown. Posting is
// the native handler (one review per user and product, the average recomputed).
public static class DiraReviews
{
    public static IEndpointRouteBuilder MapDiraReviews(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/reviews") is not { } reviews) return app;
        reviews.MapGet("/product/{productId:int}", List).WithName("DiraProductReviews").NotFoundProblem().Problem(400, "VALIDATION_FAILED");
        reviews.MapPost("/", Post).WithName("DiraPostReview").RequireAuthorization().NotFoundProblem().Problem(400, "VALIDATION_FAILED").Problem(409, "REVIEW_CONFLICT");
        var mine = reviews.MapGroup("").RequireAuthorization();
        mine.MapGet("/my-reviews", Mine).WithName("DiraMyReviews").Problem(422, "VALIDATION_FAILED");
        mine.MapPatch("/{id:int}", Edit).WithName("DiraEditReview").Problem(422, "VALIDATION_FAILED").Problem(404, "REVIEW_NOT_FOUND");
        mine.MapDelete("/{id:int}", async (int id, CurrentUser me, AfyaDb db, CancellationToken ct) =>
                (await OwnReviews.Delete(id, me, db, ct)).Result is ProblemHttpResult problem
                    ? (Results<Ok<DiraMessage>, ProblemHttpResult>)problem : TypedResults.Ok(new DiraMessage("Review deleted.")))
            .WithName("DiraDeleteReview").Problem(404, "REVIEW_NOT_FOUND");
        mine.MapPost("/{id:int}/vote", OwnReviews.Vote).WithName("DiraVoteOnReview")
            .Problem(422, "VALIDATION_FAILED", "OWN_REVIEW").Problem(404, "REVIEW_NOT_FOUND");
        return app;
    }

    // The caller's reviews: {items, total, pages}, skip/limit.
    private static async Task<Results<Ok<DiraMyReviews>, ProblemHttpResult>> Mine(
        int? skip, int? limit, CurrentUser me, AfyaDb db, IUserDirectory users, CancellationToken ct)
    {
        if (skip is < 0 || limit is not (null or (>= 1 and <= 100)))
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["limit"] = ["skip is 0 or more and limit 1 to 100."] });
        var size = limit ?? 10;
        var mine = db.Set<Review>().AsNoTracking().Where(r => r.UserId == me.Id);
        var total = await mine.CountAsync(ct);
        var rows = await mine.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Skip(skip ?? 0).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new DiraMyReviews(await ShapeAsync(rows, db, users, ct), total, (total + size - 1) / size));
    }

    private static async Task<Results<Ok<DiraReview>, ProblemHttpResult>> Edit(
        int id, ReviewEdit request, CurrentUser me, AfyaDb db, IUserDirectory users, TimeProvider clock, CancellationToken ct)
    {
        var native = (await OwnReviews.Edit(id, request, me, db, clock, ct)).Result;
        if (native is not Ok<ReviewResponse>) return (ProblemHttpResult)native;
        var review = await db.Set<Review>().AsNoTracking().FirstAsync(r => r.Id == id, ct);
        return TypedResults.Ok((await ShapeAsync([review], db, users, ct))[0]);
    }

    private static async Task<List<DiraReview>> ShapeAsync(List<Review> rows, AfyaDb db, IUserDirectory users, CancellationToken ct)
    {
        var productIds = rows.Select(r => r.ProductId).Distinct().ToList();
        var products = await db.Set<Product>().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PublicNumber, ct);
        var numbers = await users.NumbersAsync(rows.Select(r => r.UserId).Distinct().ToList(), ct);
        return rows.Select(r => From(r, products.GetValueOrDefault(r.ProductId), numbers.GetValueOrDefault(r.UserId))).ToList();
    }

    private static async Task<Results<Ok<DiraReviewList>, ProblemHttpResult>> List(
        int productId, int? skip, int? limit, string? sortBy, string? sortOrder, AfyaDb db, IUserDirectory users, CancellationToken ct)
    {
        if (skip is < 0 || limit is not (null or (>= 1 and <= 100)))
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["limit"] = ["skip is 0 or more and limit 1 to 100."] });
        var product = await Products.Visible(db).Where(p => p.PublicNumber == productId).Select(p => new { p.Id, p.RatingSum, p.RatingCount }).FirstOrDefaultAsync(ct);
        if (product is null) return ApiProblem.NotFound("product");
        var reviews = db.Set<Review>().AsNoTracking().Where(r => r.ProductId == product.Id);
        var descending = !string.Equals(sortOrder, "asc", StringComparison.OrdinalIgnoreCase);
        var ordered = (sortBy?.ToLowerInvariant(), descending) switch
        {
            ("rating", true) => reviews.OrderByDescending(r => r.Rating).ThenByDescending(r => r.Id),
            ("rating", false) => reviews.OrderBy(r => r.Rating).ThenBy(r => r.Id),
            (_, false) => reviews.OrderBy(r => r.Id),
            _ => reviews.OrderByDescending(r => r.Id),
        };
        var size = limit ?? 10;
        var rows = await ordered.Skip(skip ?? 0).Take(size).ToListAsync(ct);
        var breakdown = await reviews.GroupBy(r => r.Rating).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var total = breakdown.Sum(b => b.Count);
        var numbers = await users.NumbersAsync(rows.Select(r => r.UserId).Distinct().ToList(), ct);
        return TypedResults.Ok(new DiraReviewList(rows.Select(r => From(r, productId, numbers.GetValueOrDefault(r.UserId))).ToList(), total,
            (total + size - 1) / size, Pricing.Rating(product.RatingSum, product.RatingCount),
            Enumerable.Range(1, 5).ToDictionary(n => n.ToString(CultureInfo.InvariantCulture), n => breakdown.FirstOrDefault(b => b.Key == n)?.Count ?? 0)));
    }

    private static async Task<Results<Created<DiraReview>, ProblemHttpResult>> Post(
        DiraReviewRequest request, [AsParameters] ReviewServices services, CancellationToken ct)
    {
        var slug = request.ProductId is { } number
            ? await Products.Visible(services.Db).Where(p => p.PublicNumber == number).Select(p => p.Slug).FirstOrDefaultAsync(ct)
            : null;
        if (request.ProductId is null) return ApiProblem.Field("product_id", "product_id is required.");
        if (slug is null) return ApiProblem.NotFound("product");
        var native = (await Reviews.Post(slug, new ReviewRequest(request.Rating, request.Title, null, request.Comment), services, ct)).Result;
        var saved = native switch
        {
            Created<ReviewResponse> created => created.Value,
            Ok<ReviewResponse> edited => edited.Value,
            _ => null,
        };
        if (saved is null) return (ProblemHttpResult)native;
        var me = (await services.Users.NumbersAsync([services.Me.Id], ct)).GetValueOrDefault(services.Me.Id);
        return TypedResults.Created($"/api/v1/reviews/{saved.Id}", new DiraReview(saved.Id, request.ProductId.Value, me, saved.Author, saved.Rating, saved.Title,
            saved.Body, saved.VerifiedPurchase, saved.CreatedAt, saved.UpdatedAt));
    }

    private static DiraReview From(Review r, int productNumber, int userNumber) =>
        new(r.Id, productNumber, userNumber, r.AuthorName, r.Rating, r.Title, r.Body, r.VerifiedPurchase, r.CreatedAt, r.UpdatedAt);
}
