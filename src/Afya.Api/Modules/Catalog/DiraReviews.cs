using System.Globalization;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Catalog;

public sealed record DiraReview(int Id, int ProductId, int UserId, string UserName, int Rating, string Title, string Comment, bool IsVerifiedPurchase,
    DateTime CreatedAt, DateTime UpdatedAt);

public sealed record DiraReviewList(IReadOnlyList<DiraReview> Items, int Total, int Pages, double AverageRating, IReadOnlyDictionary<string, int> RatingBreakdown);

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
        return app;
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
