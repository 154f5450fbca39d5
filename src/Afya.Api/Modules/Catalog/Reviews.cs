using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Catalog;

public sealed record ReviewRequest([DocumentedRequired] int? Rating, string? Title, string? Body, string? Comment);

// What posting a review needs, as one [AsParameters] record rather than six handler parameters.
public sealed record ReviewServices(CurrentUser Me, AfyaDb Db, IPurchaseRecords Purchases, IUserDirectory Users, TimeProvider Clock);

public static class Reviews
{
    public static async Task<Results<Ok<Page<ReviewResponse>>, ProblemHttpResult>> List(string slug, HttpRequest http, AfyaDb db, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var productId = await Products.Visible(db).Where(p => p.Slug == slug).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (productId is null) return ApiProblem.NotFound("product");
        var reviews = db.Set<Review>().AsNoTracking().Where(r => r.ProductId == productId);
        var count = await reviews.CountAsync(ct);
        var rows = await reviews.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, count, rows.Select(ReviewResponse.From).ToList()));
    }

    // One review per user per product: a second post edits the first. The product's average follows.
    public static async Task<Results<Created<ReviewResponse>, Ok<ReviewResponse>, ProblemHttpResult>> Post(
        string slug, ReviewRequest request, [AsParameters] ReviewServices services, CancellationToken ct)
    {
        var (me, db, purchases, users, clock) = services;
        var errors = new Dictionary<string, string[]>();
        if (request.Rating is not (>= 1 and <= 5)) errors["rating"] = ["rating must be a whole number from 1 to 5."];
        var body = (request.Body ?? request.Comment)?.Trim() ?? "";
        if (body.Length > 5000) errors["body"] = ["A review may be at most 5000 characters."];
        if ((request.Title?.Trim().Length ?? 0) > 200) errors["title"] = ["A title may be at most 200 characters."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var productId = await Products.Visible(db).Where(p => p.Slug == slug).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (productId is null) return ApiProblem.NotFound("product");

        var now = clock.GetUtcNow().UtcDateTime;
        var verified = await purchases.HasBoughtAsync(me.Id, productId.Value, ct);
        var review = await db.Set<Review>().FirstOrDefaultAsync(r => r.ProductId == productId && r.UserId == me.Id, ct);
        var created = review is null;
        if (review is null)
        {
            review = new Review { ProductId = productId.Value, UserId = me.Id, CreatedAt = now };
            db.Add(review);
        }
        review.Rating = request.Rating!.Value;
        review.Title = request.Title?.Trim() ?? "";
        review.Body = body;
        review.VerifiedPurchase = verified;
        review.AuthorName = await users.DisplayNameAsync(me.Id, ct);
        review.UpdatedAt = now;
        // The review and the product's average commit together, and the cache hears of both after that (CatalogTags).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return ApiProblem.Conflict("REVIEW_CONFLICT", "Your review was being saved twice at once; send it again.");
        }

        // Recomputed from the rows, so concurrent reviews of one product cannot drift the average.
        await db.Set<Product>().Where(p => p.Id == productId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.RatingCount, p => db.Set<Review>().Count(r => r.ProductId == p.Id))
            .SetProperty(p => p.RatingSum, p => db.Set<Review>().Where(r => r.ProductId == p.Id).Sum(r => r.Rating)), ct);
        await tx.CommitAsync(ct);
        var response = ReviewResponse.From(review);
        return created ? TypedResults.Created($"/api/v1/products/{slug}/reviews", response) : TypedResults.Ok(response);
    }
}
