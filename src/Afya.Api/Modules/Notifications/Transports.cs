using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform.Settings;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Afya.Api.Modules.Notifications;

public enum DeliveryOutcome { Sent, Transient, Permanent }

public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, string? ProviderId = null)
{
    public static readonly DeliveryResult Ok = new(DeliveryOutcome.Sent);
}

public interface IMessageTransport
{
    bool Handles(MessageChannel channel);
    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct);
}

// Email through SMTP with MailKit, or, with no server configured, .eml files in the pickup folder.
internal sealed class EmailTransport(IOptions<MailOptions> mail, IOptions<StorageOptions> storage) : IMessageTransport
{
    public bool Handles(MessageChannel channel) => channel == MessageChannel.Email;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = mail.Value;
        MimeMessage mime;
        try
        {
            mime = Build(message, o);
        }
        catch (ParseException ex)
        {
            return new DeliveryResult(DeliveryOutcome.Permanent, "Bad address: " + ex.Message);
        }

        if (string.IsNullOrWhiteSpace(o.Server))
        {
            Directory.CreateDirectory(o.PickupFolder(storage.Value.DataPath));
            // Written aside and renamed, so whatever watches the folder (a pickup service, a test) never reads half a message.
            var target = o.PickupFile(storage.Value.DataPath, message.Id);
            var partial = target + ".partial";
            await mime.WriteToAsync(partial, ct);
            File.Move(partial, target, overwrite: true);
            return DeliveryResult.Ok;
        }

        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        // VALIDATE_CERTS=False is the operator's explicit choice (a relay with a self-signed certificate); start-up warns.
#pragma warning disable CA5359
        if (!o.ValidateCertificates) client.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        try
        {
            var security = o.SslTls ? SecureSocketOptions.SslOnConnect : o.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None;
            await client.ConnectAsync(o.Server, o.Port, security, ct);
            if (o.UseCredentials && !string.IsNullOrEmpty(o.Username)) await client.AuthenticateAsync(o.Username, o.Password ?? "", ct);
            var response = await client.SendAsync(mime, ct);
            await client.DisconnectAsync(true, ct);
            return new DeliveryResult(DeliveryOutcome.Sent, ProviderId: response.Length > 100 ? response[..100] : response);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted)
        {
            return new DeliveryResult(DeliveryOutcome.Permanent, $"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or SocketException or IOException
            or AuthenticationException or TimeoutException or ServiceNotConnectedException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Transient, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static MimeMessage Build(OutboxMessage message, MailOptions o)
    {
        var mime = new MimeMessage();
        mime.From.Add(ParseFrom(o));
        mime.To.Add(new MailboxAddress(message.RecipientName ?? "", message.Recipient));
        mime.Subject = message.Subject;
        // Stable across resends (delivery is at least once), so mail clients fold a duplicate into one message.
        mime.MessageId = MessageIdOf(message.Id, o);
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.AttachmentsJson is { } json)
            foreach (var file in System.Text.Json.JsonSerializer.Deserialize<Contracts.EmailAttachment[]>(json) ?? [])
                body.Attachments.Add(file.FileName, file.Content, MimeKit.ContentType.Parse(file.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    public static string MessageIdOf(Guid outboxId, MailOptions o)
    {
        var from = ParseFrom(o).Address;
        var at = from.LastIndexOf('@');
        var domain = at > 0 && at < from.Length - 1 ? from[(at + 1)..] : "afya.local";
        return $"{outboxId:N}@{domain}";
    }

    // Accepts both MAIL_FROM + MAIL_FROM_NAME and Django's DEFAULT_FROM_EMAIL="Name <address>".
    private static MailboxAddress ParseFrom(MailOptions o) =>
        MailboxAddress.TryParse(o.From, out var parsed) && parsed.Name is { Length: > 0 }
            ? parsed
            : new MailboxAddress(o.FromName, parsed?.Address ?? o.From);
}

// SMS and WhatsApp through Twilio's REST Messages API; errors classified so bad numbers fail at once.
internal sealed class TwilioTransport(IHttpClientFactory clients, IOptions<SmsOptions> sms) : IMessageTransport
{
    public const string ClientName = "twilio";

    public bool Handles(MessageChannel channel) => channel is MessageChannel.Sms or MessageChannel.WhatsApp && SmsSetup.UsesTwilio(sms.Value);

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = sms.Value;
        var whatsapp = message.Channel == MessageChannel.WhatsApp;
        var from = whatsapp ? WithPrefix(o.TwilioWhatsAppFrom!) : o.TwilioSmsFrom!;
        var to = whatsapp ? WithPrefix(message.Recipient) : message.Recipient;
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{o.TwilioBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(o.TwilioAccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent([new("To", to), new("From", from), new("Body", message.TextBody)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.TwilioAccountSid}:{o.TwilioAuthToken}")));

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Transient, $"Twilio unreachable: {ex.Message}");
        }
        catch (Polly.ExecutionRejectedException ex)
        {
            // Out of time, or the circuit is open after repeated failures: the outbox tries again later.
            return new DeliveryResult(DeliveryOutcome.Transient, $"Twilio not called: {ex.GetType().Name}: {ex.Message}");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode) return new DeliveryResult(DeliveryOutcome.Sent, ProviderId: ReadString(body, "sid"));
            var error = $"Twilio {(int)response.StatusCode}: {ReadString(body, "message") ?? "no message"} (code {ReadString(body, "code") ?? "?"})";
            var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
            return new DeliveryResult(transient ? DeliveryOutcome.Transient : DeliveryOutcome.Permanent, error);
        }
    }

    private static string WithPrefix(string number) => number.StartsWith("whatsapp:", StringComparison.Ordinal) ? number : "whatsapp:" + number;

    private static string? ReadString(string json, string property)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty(property, out var value) ? value.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

// The development fallback the Kuwait seed had: the text goes to the log instead of a phone. In Production the text is
// withheld: it holds sign-in codes, and logs are read by more people than the phone's owner.
internal sealed partial class ConsoleTextTransport(IOptions<SmsOptions> sms, IHostEnvironment host, ILogger<ConsoleTextTransport> logger) : IMessageTransport
{
    public bool Handles(MessageChannel channel) => channel is MessageChannel.Sms or MessageChannel.WhatsApp && !SmsSetup.UsesTwilio(sms.Value);

    public Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (host.IsProduction()) LogWithheld(logger, message.Channel, message.Recipient);
        else Log(logger, message.Channel, message.Recipient, message.TextBody);
        return Task.FromResult(DeliveryResult.Ok);
    }

    // Information: the console provider is the default in Development, where this line is the expected outcome.
    [LoggerMessage(LogLevel.Information, "[console {Channel}] to {Recipient}: {Body}")]
    private static partial void Log(ILogger logger, MessageChannel channel, string recipient, string body);

    [LoggerMessage(LogLevel.Warning, "[console {Channel}] to {Recipient}: not sent, and its text is withheld in Production (set SMS_PROVIDER)")]
    private static partial void LogWithheld(ILogger logger, MessageChannel channel, string recipient);
}

public static class SmsSetup
{
    // Twilio is used only when the provider asks for it and every setting it needs is present.
    public static bool UsesTwilio(SmsOptions o) =>
        !string.IsNullOrWhiteSpace(o.TwilioAccountSid) && !string.IsNullOrWhiteSpace(o.TwilioAuthToken) && o.Provider.ToLowerInvariant() switch
        {
            "twilio_whatsapp" => !string.IsNullOrWhiteSpace(o.TwilioWhatsAppFrom),
            "twilio_sms" => !string.IsNullOrWhiteSpace(o.TwilioSmsFrom),
            _ => false,
        };
}
