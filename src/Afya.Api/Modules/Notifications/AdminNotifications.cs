using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Notifications;

public sealed record NotificationResponse(
    Guid Id, string Channel, string Recipient, string Template, string Subject, string Status, bool Urgent,
    int Attempts, DateTime NextAttemptAt, string? LastError, DateTime CreatedAt, DateTime? SentAt, DateTime? RedactedAt)
{
    public static NotificationResponse From(OutboxMessage m) => new(
        m.Id, Snake(m.Channel.ToString()), m.Recipient, m.Template, m.Subject, Snake(m.Status.ToString()), m.Urgent,
        m.Attempts, m.NextAttemptAt, m.LastError, m.CreatedAt, m.SentAt, m.RedactedAt);

    private static string Snake(string value) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value);
}

public static class AdminNotifications
{
    public static async Task<Results<Ok<Page<NotificationResponse>>, ProblemHttpResult>> List(
        HttpRequest http, string? status, string? channel, AfyaDb db, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var query = db.Set<OutboxMessage>().AsNoTracking();
        if (status is not null)
        {
            if (!Enum.TryParse<MessageStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                return ApiProblem.Field("status", "status must be one of pending, sent, failed, dead.", "INVALID_FILTER");
            query = query.Where(m => m.Status == s);
        }
        if (channel is not null)
        {
            var name = channel.Replace("_", "", StringComparison.Ordinal);
            if (!Enum.TryParse<MessageChannel>(name, ignoreCase: true, out var c) || int.TryParse(channel, out _))
                return ApiProblem.Field("channel", "channel must be one of email, sms, whats_app.", "INVALID_FILTER");
            query = query.Where(m => m.Channel == c);
        }
        var count = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, count, rows.Select(NotificationResponse.From).ToList()));
    }

    // Puts a failed or dead message back in the queue with a fresh set of attempts. One whose expired code or link was
    // removed is not: it would send the removal notice, and the person asks for a new code instead.
    public static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> Retry(
        Guid id, AfyaDb db, OutboxSignal signal, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && (m.Status == MessageStatus.Failed || m.Status == MessageStatus.Dead) && m.RedactedAt == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, MessageStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);
        var message = await db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return ApiProblem.NotFound("notification");
        if (rows == 0 && message.RedactedAt is not null)
            return ApiProblem.Of(StatusCodes.Status409Conflict, "NOT_RETRYABLE", "The one-time code or link in this message expired and its content was removed; ask for a new one.");
        if (rows == 0)
            return ApiProblem.Of(StatusCodes.Status409Conflict, "NOT_RETRYABLE", $"Only failed or dead messages can be retried; this one is {message.Status.ToString().ToLowerInvariant()}.");
        signal.Wake();
        return TypedResults.Ok(NotificationResponse.From(message));
    }

    // Takes a waiting, retrying or dead message out of the queue for good: it becomes dead with the reason, and is never sent.
    public static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> Discard(Guid id, AfyaDb db, CancellationToken ct)
    {
        var rows = await db.Set<OutboxMessage>().Where(m => m.Id == id && m.Status != MessageStatus.Sent)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MessageStatus.Dead).SetProperty(m => m.LastError, "Discarded by staff.")
                .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);
        var message = await db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return ApiProblem.NotFound("notification");
        if (rows == 0) return ApiProblem.Of(StatusCodes.Status409Conflict, "NOT_DISCARDABLE", "A sent message cannot be discarded.");
        return TypedResults.Ok(NotificationResponse.From(message));
    }
}
