using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Modules.Payments.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Clinic;

public sealed record UsageRequest([DocumentedRequired] string? Service, string? Note);
public sealed record CancelRequest(bool? Refund, string? Reason);

public static class SubscriptionEndpoints
{
    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Active(CurrentUser me, Subscriptions subscriptions, TimeProvider clock,
        CancellationToken ct) =>
        await subscriptions.InForceAsync(me.Id, ct) is { } s
            ? TypedResults.Ok(SubscriptionResponse.From(s, clock.GetUtcNow().UtcDateTime))
            : ApiProblem.NotFound("active package", "NO_ACTIVE_PACKAGE");

    public static async Task<Ok<List<SubscriptionResponse>>> History(CurrentUser me, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Subscription>().AsNoTracking().Include(s => s.Allowances).Include(s => s.Usages).AsSplitQuery()
            .Where(s => s.UserId == me.Id).OrderByDescending(s => s.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(s => SubscriptionResponse.From(s, now)).ToList());
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Get(Guid id, Subscriptions subscriptions, TimeProvider clock, CancellationToken ct) =>
        await subscriptions.LoadAsync(id, ct) is { } s
            ? TypedResults.Ok(SubscriptionResponse.From(s, clock.GetUtcNow().UtcDateTime))
            : ApiProblem.NotFound("subscription", "SUBSCRIPTION_NOT_FOUND");

    // Staff took the cash: a pending cash subscription starts (or queues).
    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Confirm(Guid id, CurrentUser me, Subscriptions subscriptions, TimeProvider clock,
        CancellationToken ct)
    {
        var s = await subscriptions.LoadAsync(id, ct);
        if (s is null) return ApiProblem.NotFound("subscription", "SUBSCRIPTION_NOT_FOUND");
        if (s.PaymentMethod != "cash")
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "NOT_CASH", "Only cash purchases are confirmed by staff.", $"This one is {s.PaymentMethod}.");
        if (!await subscriptions.ActivateAsync(id, $"CASH-{me.Id.ToString("N")[..8]}", ct))
            return ApiProblem.Conflict("NOT_PENDING_PAYMENT", $"The subscription is {Subscriptions.Name(s.Status)}, not pending_payment.");
        return TypedResults.Ok(SubscriptionResponse.From((await subscriptions.LoadAsync(id, ct))!, clock.GetUtcNow().UtcDateTime));
    }

    // One use of an included service; the count moves only while under what is included (one conditional statement).
    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Use(Guid id, UsageRequest request, CurrentUser me, AfyaDb db,
        Subscriptions subscriptions, TimeProvider clock, CancellationToken ct)
    {
        var service = request.Service?.Trim().ToLowerInvariant();
        if (service is not { Length: >= 1 and <= 64 }) return ApiProblem.Field("service", "service is required, at most 64 characters.");
        if (request.Note?.Trim() is { Length: > 500 }) return ApiProblem.Field("note", "note must be at most 500 characters.");
        var now = clock.GetUtcNow().UtcDateTime;
        var s = await subscriptions.LoadAsync(id, ct);
        if (s is null) return ApiProblem.NotFound("subscription", "SUBSCRIPTION_NOT_FOUND");
        if (s.Status is not (SubscriptionStatus.Active or SubscriptionStatus.Queued) || s.StartsAt > now || s.EndsAt <= now)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "SUBSCRIPTION_NOT_ACTIVE", "The subscription is not in force.",
                $"It is {Subscriptions.Name(s.Status)}.");
        if (s.Allowances.All(a => a.Service != service))
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "SERVICE_NOT_INCLUDED", "The package does not include this service.",
                $"Included: {string.Join(", ", s.Allowances.Select(a => a.Service))}.");
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var rows = await db.Set<SubscriptionAllowance>().Where(a => a.SubscriptionId == id && a.Service == service && a.Used < a.Included)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Used, a => a.Used + 1), ct);
            if (rows == 0)
            {
                await tx.RollbackAsync(ct);
                return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "SERVICE_LIMIT_REACHED", "Every included use of this service is taken.",
                    $"{service}: {s.Allowances.First(a => a.Service == service).Included} included.");
            }
            db.Add(new SubscriptionUsage { SubscriptionId = id, Service = service, Note = request.Note?.Trim() is { Length: > 0 } n ? n : null, By = me.Id.ToString(), At = now });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        subscriptions.ProfileChanged(s.UserId);
        return TypedResults.Ok(SubscriptionResponse.From((await subscriptions.LoadAsync(id, ct))!, now));
    }

    // Staff cancel: refund sends M-Pesa money back (a payment under review always goes back); cash is recorded only.
    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Cancel(Guid id, CancelRequest request, Subscriptions subscriptions,
        IMpesaReturns returns, TimeProvider clock, CancellationToken ct) =>
        (await subscriptions.CancelAsync(id, null, request.Refund == true, returns, ct)).Then(s => TypedResults.Ok(SubscriptionResponse.From(s, clock.GetUtcNow().UtcDateTime)));

    // The owner cancels a purchase not yet in force: waiting for money, or under review (whose money then goes back).
    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> CancelMine(Guid id, CurrentUser me, Subscriptions subscriptions,
        IMpesaReturns returns, TimeProvider clock, CancellationToken ct) =>
        (await subscriptions.CancelAsync(id, me.Id, refund: true, returns, ct)).Then(s => TypedResults.Ok(SubscriptionResponse.From(s, clock.GetUtcNow().UtcDateTime)));
}
