using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Settings;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Notifications;

// A sent one-time code or account link is a live secret for as long as it works: whoever reads the table, a backup or a
// dump could use it. Once it has stopped working and the message is no longer pending (sent, failed, dead), its bodies are
// replaced; subject, recipient, status, times and provider id stay as the record of what was sent. A pending message keeps
// its body so it can still go out.
// A mail written to the pickup folder (no mail server configured) is a file of its own: it is removed with the body.
public sealed class OutboxRedaction(AfyaDb db, IOptions<OutboxOptions> options, IOptions<MailOptions> mail, IOptions<StorageOptions> storage, TimeProvider clock)
    : IPeriodicJob
{
    public const string Notice = "[Removed: this message carried a one-time code or link, kept only until it expired.]";

    // Bounds one run however large the backlog (the first run after an upgrade): the rest waits for the next period.
    private const int MaxBatchesPerRun = 20;

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var size = options.Value.RedactBatchSize;
        var redacted = 0;
        for (var batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await Due(now).OrderBy(m => m.SecretUntil).Select(m => new { m.Id, m.Channel }).Take(size).ToListAsync(ct);
            if (due.Count == 0) break;
            var ids = due.Select(m => m.Id).ToList();
            // The conditions are repeated on the rows being written, so PostgreSQL re-checks them on a row another node or
            // a console retry changed meanwhile: a message put back in the queue is never emptied, and each one is
            // redacted once.
            redacted += await Due(now).Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.TextBody, Notice)
                    .SetProperty(m => m.HtmlBody, (string?)null)
                    .SetProperty(m => m.RedactedAt, now), ct);
            foreach (var email in due.Where(m => m.Channel == MessageChannel.Email))
                File.Delete(mail.Value.PickupFile(storage.Value.DataPath, email.Id));
            if (ids.Count < size) break;
        }
        return redacted;
    }

    private IQueryable<OutboxMessage> Due(DateTime now) => db.Set<OutboxMessage>()
        .Where(m => m.SecretUntil != null && m.RedactedAt == null && m.SecretUntil <= now && m.Status != MessageStatus.Pending);
}
