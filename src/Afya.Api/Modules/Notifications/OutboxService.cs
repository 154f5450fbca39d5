using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Notifications;

internal sealed class OutboxService(MessageTemplates templates, IOptions<SmsOptions> sms, OutboxSignal signal, TimeProvider clock) : IOutbox
{
    public void Enqueue(AfyaDb db, OutgoingEmail email)
    {
        var rendered = templates.RenderEmail(email.Template, email.Model);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new OutboxMessage
        {
            Channel = MessageChannel.Email,
            Recipient = email.To,
            RecipientName = email.ToName is { Length: > 0 } n ? n : null,
            Template = email.Template,
            Subject = rendered.Subject,
            TextBody = rendered.Text,
            HtmlBody = rendered.Html,
            AttachmentsJson = email.Attachments is { Count: > 0 } files ? System.Text.Json.JsonSerializer.Serialize(files) : null,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        signal.AfterCommit(db);
    }

    public void Enqueue(AfyaDb db, StatementBatch batch, OutgoingEmail email, StatementBatch.LateText? late = null)
    {
        var rendered = templates.RenderEmail(email.Template, email.Model);
        var now = clock.GetUtcNow().UtcDateTime;
        object?[] args =
        [
            Guid.CreateVersion7(), nameof(MessageChannel.Email), email.To, email.ToName is { Length: > 0 } name ? name : null, email.Template,
            rendered.Subject, rendered.Text, rendered.Html,
            email.Attachments is { Count: > 0 } files ? System.Text.Json.JsonSerializer.Serialize(files) : null, nameof(MessageStatus.Pending), now,
        ];
        // The token is a parameter ($12), so the statement's text stays the same and PostgreSQL keeps it prepared.
        string Text(int n) => late is null ? $"${n}" : $"replace(${n}, $12, {late.Sql})";
        // The row Enqueue above adds, column for column (no attempt yet, no lease, no error, not sent).
        batch.Add("INSERT INTO notifications_outbox (id, channel, recipient, recipient_name, template, subject, text_body, html_body, attachments_json, "
            + $"status, urgent, attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, {Text(6)}, {Text(7)}, {Text(8)}, $9, $10, false, 0, $11, $11)",
            late is null ? args : [.. args, late.Token]);
        // Only a commit can tell when the row is readable: a batch has no save for the signal to wait on.
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A batch's message is enqueued inside a transaction.");
        signal.AfterCommit(db);
    }

    public void Enqueue(AfyaDb db, OutgoingText text)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new OutboxMessage
        {
            Channel = sms.Value.Provider.Equals("twilio_whatsapp", StringComparison.OrdinalIgnoreCase) ? MessageChannel.WhatsApp : MessageChannel.Sms,
            Recipient = text.ToPhone,
            Template = text.Template,
            TextBody = templates.RenderText(text.Template, text.Model),
            Urgent = text.Urgent,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        signal.AfterCommit(db);
    }
}

// Wakes the delivery worker when a message is committed, so nothing waits for the next poll.
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void AfterCommit(AfyaDb db)
    {
        // Inside a transaction the row is readable only once it commits: woken at the save, the worker could read before the
        // commit, find nothing and sleep a whole poll interval.
        if (db.Database.CurrentTransaction is not null)
        {
            CommitCallbacks.AfterCommit(db, Wake);
            return;
        }
        void OnSaved(object? sender, SavedChangesEventArgs e)
        {
            db.SavedChanges -= OnSaved;
            Wake();
        }
        db.SavedChanges += OnSaved;
    }

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
            catch (ObjectDisposedException) { /* the host is stopping: the worker is gone, the row waits for the next start */ }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

    public void Dispose() => _wake.Dispose();
}
