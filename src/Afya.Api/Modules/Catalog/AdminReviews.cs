using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Catalog;

// Review moderation: staff take down a review (abuse, spam, a patient's private details); the product's average
// is recomputed from the rows that remain, in the same transaction.
public static class AdminReviews
{
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteReview(int id, AfyaDb db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Set<Review>().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } review) return ApiProblem.NotFound("review");
        db.Remove(review);
        await db.SaveChangesAsync(ct);
        await db.Set<Product>().Where(p => p.Id == review.ProductId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.RatingCount, p => db.Set<Review>().Count(r => r.ProductId == p.Id))
            .SetProperty(p => p.RatingSum, p => db.Set<Review>().Where(r => r.ProductId == p.Id).Sum(r => r.Rating)), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
