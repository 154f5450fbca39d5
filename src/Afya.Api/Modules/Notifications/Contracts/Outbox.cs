using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Notifications.Contracts;

/// <summary>An email to send, rendered from the named template with <see cref="Model"/> (values are HTML-escaped in the HTML body).</summary>
public sealed record OutgoingEmail(string To, string Template, IReadOnlyDictionary<string, string> Model, string? ToName = null,
    IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>A file sent with an email (an invoice PDF); kept in the outbox row until the message is sent.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A text message (SMS or WhatsApp, per the configured provider) to an E.164 number.</summary>
/// <param name="Urgent">One-time codes: sent at once and retried fast, never behind the queue's backoff.</param>
public sealed record OutgoingText(string ToPhone, string Template, IReadOnlyDictionary<string, string> Model, bool Urgent = false);

/// <summary>
/// Writes outgoing messages into the database outbox through the caller's context, so a message exists
/// exactly when the change that caused it is committed. Delivery happens later, with retries.
/// </summary>
public interface IOutbox
{
    void Enqueue(AfyaDb db, OutgoingEmail email);

    void Enqueue(AfyaDb db, OutgoingText text);
}
