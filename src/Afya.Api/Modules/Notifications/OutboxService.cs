using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Notifications;

internal sealed class OutboxService(MessageTemplates templates, IOptions<SmsOptions> sms, OutboxSignal signal, TimeProvider clock) : IOutbox
{
    public void Enqueue(AfyaDb db, OutgoingEmail email)
    {
        db.Add(EmailRow(email));
        signal.AfterCommit(db);
    }

    public void Enqueue(AfyaDb db, StatementBatch batch, OutgoingEmail email, StatementBatch.LateText? late = null)
    {
        // Only a commit can tell when the row is readable: a batch has no save for the signal to wait on.
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A batch's message is enqueued inside a transaction.");
        var m = EmailRow(email);
        object?[] args =
        [
            m.Id, m.Channel.ToString(), m.Recipient, m.RecipientName, m.Template, m.Subject, m.TextBody, m.HtmlBody, m.AttachmentsJson,
            m.Status.ToString(), m.Urgent, m.Attempts, m.NextAttemptAt, m.CreatedAt, m.SecretUntil,
        ];
        // The token is a parameter ($16), so the statement's text stays the same and PostgreSQL keeps it prepared.
        string Text(int n) => late is null ? $"${n}" : $"replace(${n}, $16, {late.Sql})";
        // The row the change tracker would insert, column for column (no lease, no error, not sent yet).
        batch.Add("INSERT INTO notifications_outbox (id, channel, recipient, recipient_name, template, subject, text_body, html_body, attachments_json, "
            + $"status, urgent, attempts, next_attempt_at, created_at, secret_until, redacted_at) "
            + $"VALUES ($1, $2, $3, $4, $5, {Text(6)}, {Text(7)}, {Text(8)}, $9, $10, $11, $12, $13, $14, $15, NULL)",
            late is null ? args : [.. args, late.Token]);
        signal.AfterCommit(db);
    }

    // An email as the outbox keeps it: rendered now, due at once.
    private OutboxMessage EmailRow(OutgoingEmail email)
    {
        var rendered = templates.RenderEmail(email.Template, email.Model);
        var now = clock.GetUtcNow().UtcDateTime;
        return new OutboxMessage
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
            SecretUntil = email.SecretUntil,
        };
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
            SecretUntil = text.SecretUntil,
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
