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
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

    public void Dispose() => _wake.Dispose();
}
