using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Clinic;

// What staff look at before confirming cash or recording usage: every subscription, newest first,
// filtered by ?status= (pending_payment, queued, active, expired, cancelled, payment_failed) and ?user_id=.
public static class AdminSubscriptions
{
    public static async Task<Results<Ok<Page<SubscriptionResponse>>, ProblemHttpResult>> List(HttpRequest http, AfyaDb db, TimeProvider clock,
        string? status, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "user_id")] string? userId, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var query = db.Set<Subscription>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = Enum.GetValues<SubscriptionStatus>().Where(s => string.Equals(Subscriptions.Name(s), status.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (wanted.Count == 0)
                return ApiProblem.Field("status", $"status is one of {string.Join(", ", Enum.GetValues<SubscriptionStatus>().Select(Subscriptions.Name))}.", "INVALID_FILTER");
            query = query.Where(s => s.Status == wanted[0]);
        }
        if (!string.IsNullOrWhiteSpace(userId))
        {
            if (!Guid.TryParse(userId, out var user)) return ApiProblem.Field("user_id", "user_id must be a user's id (a UUID).", "INVALID_FILTER");
            query = query.Where(s => s.UserId == user);
        }
        var count = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip(page.Skip).Take(page.Size)
            .Include(s => s.Allowances).Include(s => s.Usages).AsSplitQuery().ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(page.Build(http, count, rows.Select(s => SubscriptionResponse.From(s, now) with { UserId = s.UserId }).ToList()));
    }
}
