using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Notifications.Data;

public enum MessageChannel { Email, Sms, WhatsApp }

// pending: waiting or retrying; sent; failed: refused for good (bad address); dead: out of attempts.
public enum MessageStatus { Pending, Sent, Failed, Dead }

public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public MessageChannel Channel { get; set; }
    public required string Recipient { get; set; }
    public string? RecipientName { get; set; }
    public required string Template { get; set; }
    public string Subject { get; set; } = "";
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    // EmailAttachment[] as JSON (content base64), for the few mails that carry a file.
    public string? AttachmentsJson { get; set; }
    public MessageStatus Status { get; set; } = MessageStatus.Pending;

    // Urgent messages (one-time codes) are sent first and retried within seconds.
    public bool Urgent { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }

    // The node (Node__Id) holding the lease, so it can take its own leases back when it restarts.
    public string? LockedBy { get; set; }
    public string? LastError { get; set; }
    public string? ProviderId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    // When the one-time code or link in the body stops working (set by the module that issued it); once that has passed
    // and the message is no longer pending, OutboxRedaction replaces the bodies and sets RedactedAt.
    public DateTime? SecretUntil { get; set; }
    public DateTime? RedactedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("notifications_outbox");
        b.HasKey(x => x.Id);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Recipient).HasMaxLength(254);
        b.Property(x => x.RecipientName).HasMaxLength(150);
        b.Property(x => x.Template).HasMaxLength(64);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.ProviderId).HasMaxLength(100);
        b.Property(x => x.LockedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
        b.HasIndex(x => x.CreatedAt);
        // Only secrets still in clear text: the index the redaction sweep reads stays as small as that backlog.
        b.HasIndex(x => x.SecretUntil).HasFilter("secret_until IS NOT NULL AND redacted_at IS NULL").HasDatabaseName("ix_notifications_outbox_secret_until_unredacted");
    }
}
