using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Modules.Clinic;

// What staff look at before confirming cash or recording usage: every subscription, newest first, filtered by ?status=
// (pending_payment, queued, active, expired, cancelled, payment_failed, under_review), ?user_id=, ?package_id=, the purchase
// date (?from= inclusive, ?to= inclusive, yyyy-mm-dd) and ?expiring_days= (in force and ending within that many days).
// The staff console's subscription list filters through the same Filter.
// Init properties, not a positional record: the generated binding of a positional [AsParameters] record with nullable
// strings does not compile (it writes typeof(string?)).
public sealed record SubscriptionFilter
{
    public string? Status { get; init; }
    [FromQuery(Name = "user_id")] public string? UserId { get; init; }
    [FromQuery(Name = "package_id")] public string? PackageId { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    [FromQuery(Name = "expiring_days")] public string? ExpiringDays { get; init; }

    public static SubscriptionFilter Of(IQueryCollection q) => new()
    {
        Status = q["status"], UserId = q["user_id"], PackageId = q["package_id"], From = q["from"], To = q["to"], ExpiringDays = q["expiring_days"],
    };
}

public static class AdminSubscriptions
{
    public static async Task<Results<Ok<Page<SubscriptionResponse>>, ProblemHttpResult>> List(HttpRequest http, AfyaDb db, TimeProvider clock,
        [AsParameters] SubscriptionFilter filter, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!Filter(filter, db, now).TryGet(out var query, out var invalid)) return invalid;
        var count = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip(page.Skip).Take(page.Size)
            .Include(s => s.Allowances).Include(s => s.Usages).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, count, rows.Select(s => SubscriptionResponse.From(s, now) with { UserId = s.UserId }).ToList()));
    }

    public static Result<IQueryable<Subscription>> Filter(SubscriptionFilter f, AfyaDb db, DateTime now)
    {
        var query = db.Set<Subscription>().AsNoTracking();
        if (f.Status is { Length: > 0 } status)
        {
            var wanted = Enum.GetValues<SubscriptionStatus>().Where(s => string.Equals(Subscriptions.Name(s), status.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (wanted.Count == 0)
                return ApiProblem.Field("status", $"status is one of {string.Join(", ", Enum.GetValues<SubscriptionStatus>().Select(Subscriptions.Name))}.", "INVALID_FILTER");
            query = query.Where(s => s.Status == wanted[0]);
        }
        if (f.UserId is { Length: > 0 } userId)
        {
            if (!Guid.TryParse(userId, out var user)) return ApiProblem.Field("user_id", "user_id must be a user's id (a UUID).", "INVALID_FILTER");
            query = query.Where(s => s.UserId == user);
        }
        if (f.PackageId is { Length: > 0 } packageId)
        {
            if (!Guid.TryParse(packageId, out var package)) return ApiProblem.Field("package_id", "package_id must be a package's id (a UUID).", "INVALID_FILTER");
            query = query.Where(s => s.PackageId == package);
        }
        foreach (var (key, text, inclusiveEnd) in new[] { ("from", f.From, false), ("to", f.To, true) })
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                return ApiProblem.Field(key, $"{key} must be a date (yyyy-mm-dd).", "INVALID_FILTER");
            var at = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = inclusiveEnd ? query.Where(s => s.CreatedAt < at.AddDays(1)) : query.Where(s => s.CreatedAt >= at);
        }
        if (f.ExpiringDays is { Length: > 0 } expiring)
        {
            if (!int.TryParse(expiring, out var days) || days is < 1 or > 365)
                return ApiProblem.Field("expiring_days", "expiring_days must be 1 to 365.", "INVALID_FILTER");
            var until = now.AddDays(days);
            query = query.Where(s => s.Status == SubscriptionStatus.Active && s.EndsAt > now && s.EndsAt <= until);
        }
        return Result<IQueryable<Subscription>>.Success(query);
    }
}
