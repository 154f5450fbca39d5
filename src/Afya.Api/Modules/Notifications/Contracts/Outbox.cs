using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Notifications.Contracts;

/// <summary>An email to send, rendered from the named template with <see cref="Model"/> (values are HTML-escaped in the HTML body).</summary>
/// <param name="SecretUntil">For a mail carrying a one-time link: when the link stops working (UTC). Once that has passed and the
/// mail is no longer waiting to be sent, the outbox keeps only its subject, recipient and delivery record, not its body.</param>
public sealed record OutgoingEmail(string To, string Template, IReadOnlyDictionary<string, string> Model, string? ToName = null,
    IReadOnlyList<EmailAttachment>? Attachments = null, DateTime? SecretUntil = null);

/// <summary>A file sent with an email (an invoice PDF); kept in the outbox row until the message is sent.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A text message (SMS or WhatsApp, per the configured provider) to an E.164 number.</summary>
/// <param name="Urgent">One-time codes: sent at once and retried fast, never behind the queue's backoff.</param>
/// <param name="SecretUntil">For a text carrying a one-time code: when the code expires (UTC); its body is removed after that, as an email's.</param>
public sealed record OutgoingText(string ToPhone, string Template, IReadOnlyDictionary<string, string> Model, bool Urgent = false, DateTime? SecretUntil = null);

/// <summary>
/// Writes outgoing messages into the database outbox through the caller's context, so a message exists
/// exactly when the change that caused it is committed. Delivery happens later, with retries.
/// </summary>
public interface IOutbox
{
    void Enqueue(AfyaDb db, OutgoingEmail email);

    /// <summary>
    /// The email as a statement of the caller's batch (PostgreSQL), so it travels in the round trip of the change that
    /// causes it; the delivery worker is woken when the caller's transaction commits. Where the rendered mail holds
    /// <paramref name="late"/>'s token, the database writes that expression's value as the batch runs.
    /// </summary>
    void Enqueue(AfyaDb db, StatementBatch batch, OutgoingEmail email, StatementBatch.LateText? late = null);

    void Enqueue(AfyaDb db, OutgoingText text);
}
