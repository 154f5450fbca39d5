using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Catalog;

public sealed record ReviewEdit(int? Rating, string? Title, string? Body, string? Comment);

public sealed record ReviewVoteRequest([DocumentedRequired] bool? Helpful, string? VoteType);

public sealed record ReviewVotes(int ReviewId, int HelpfulCount, int NotHelpfulCount, bool? MyVote);

// A signed-in user's own reviews: the list, an edit, a removal (the product's average follows each), and anyone's
// vote on whether another's review helped. Someone else's review is 404 to edit or remove (an admin removes any
// through AdminReviews); nobody votes on their own review.
public static class OwnReviews
{
    public static async Task<Results<Ok<Page<ReviewResponse>>, ProblemHttpResult>> Mine(HttpRequest http, CurrentUser me, AfyaDb db, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var mine = db.Set<Review>().AsNoTracking().Where(r => r.UserId == me.Id);
        var rows = await mine.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, await mine.CountAsync(ct), rows.Select(ReviewResponse.From).ToList()));
    }

    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Edit(int id, ReviewEdit request, CurrentUser me, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Rating is not (null or (>= 1 and <= 5))) errors["rating"] = ["rating must be a whole number from 1 to 5."];
        var body = (request.Body ?? request.Comment)?.Trim();
        if (body is { Length: > 5000 }) errors["body"] = ["A review may be at most 5000 characters."];
        if ((request.Title?.Trim().Length ?? 0) > 200) errors["title"] = ["A title may be at most 200 characters."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var review = await db.Set<Review>().FirstOrDefaultAsync(r => r.Id == id && r.UserId == me.Id, ct);
        if (review is null) return ApiProblem.NotFound("review", "REVIEW_NOT_FOUND");
        if (request.Rating is { } rating) review.Rating = rating;
        if (request.Title is { } title) review.Title = title.Trim();
        if (body is not null) review.Body = body;
        review.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await RecountAsync(db, review.ProductId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ReviewResponse.From(review));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, CurrentUser me, AfyaDb db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var review = await db.Set<Review>().FirstOrDefaultAsync(r => r.Id == id && r.UserId == me.Id, ct);
        if (review is null) return ApiProblem.NotFound("review", "REVIEW_NOT_FOUND");
        db.Remove(review);
        await db.SaveChangesAsync(ct);
        await RecountAsync(db, review.ProductId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    // {helpful: true|false}, or Dira's {vote_type: "helpful" | "not_helpful"}.
    public static async Task<Results<Ok<ReviewVotes>, ProblemHttpResult>> Vote(
        int id, ReviewVoteRequest request, CurrentUser me, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var helpful = request.Helpful ?? request.VoteType?.Trim().ToLowerInvariant() switch
        {
            "helpful" or "up" or "upvote" => true,
            "not_helpful" or "unhelpful" or "down" or "downvote" => false,
            _ => (bool?)null,
        };
        if (helpful is null) return ApiProblem.Field("helpful", "helpful must be true or false (or vote_type helpful | not_helpful).");
        var review = await db.Set<Review>().AsNoTracking().Where(r => r.Id == id).Select(r => new { r.UserId }).FirstOrDefaultAsync(ct);
        if (review is null) return ApiProblem.NotFound("review", "REVIEW_NOT_FOUND");
        if (review.UserId == me.Id) return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "OWN_REVIEW", "You cannot vote on your own review.");
        var now = clock.GetUtcNow().UtcDateTime;
        // One vote per account: an update first, an insert when there was none (a racing insert becomes the update).
        if (await db.Set<ReviewVote>().Where(v => v.ReviewId == id && v.UserId == me.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Helpful, helpful.Value).SetProperty(v => v.At, now), ct) == 0)
        {
            db.Add(new ReviewVote { ReviewId = id, UserId = me.Id, Helpful = helpful.Value, At = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                await db.Set<ReviewVote>().Where(v => v.ReviewId == id && v.UserId == me.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(v => v.Helpful, helpful.Value).SetProperty(v => v.At, now), ct);
            }
        }
        return TypedResults.Ok(await CountAsync(db, id, me.Id, ct));
    }

    public static async Task<ReviewVotes> CountAsync(AfyaDb db, int reviewId, Guid? me, CancellationToken ct)
    {
        var votes = await db.Set<ReviewVote>().AsNoTracking().Where(v => v.ReviewId == reviewId).Select(v => new { v.UserId, v.Helpful }).ToListAsync(ct);
        return new ReviewVotes(reviewId, votes.Count(v => v.Helpful), votes.Count(v => !v.Helpful), votes.FirstOrDefault(v => v.UserId == me)?.Helpful);
    }

    internal static Task RecountAsync(AfyaDb db, Guid productId, CancellationToken ct) =>
        db.Set<Product>().Where(p => p.Id == productId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.RatingCount, p => db.Set<Review>().Count(r => r.ProductId == p.Id))
            .SetProperty(p => p.RatingSum, p => db.Set<Review>().Where(r => r.ProductId == p.Id).Sum(r => r.Rating)), ct);
}
