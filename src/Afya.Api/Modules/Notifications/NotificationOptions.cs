using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Notifications;

public sealed class MailOptions
{
    // SMTP host (MAIL_SERVER / EMAIL_HOST). Empty: messages are written as .eml files to the pickup folder.
    public string? Server { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "no-reply@afya.local";
    public string FromName { get; set; } = "Afya";
    public bool StartTls { get; set; } = true;
    public bool SslTls { get; set; }

    // Dira's USE_CREDENTIALS: False sends without logging in, even with a user name set (a relay that trusts us).
    public bool UseCredentials { get; set; } = true;

    // Dira's VALIDATE_CERTS: False accepts any certificate from the SMTP server. Off only when asked; start-up warns.
    public bool ValidateCertificates { get; set; } = true;

    // Relative to the data folder unless absolute.
    public string PickupPath { get; set; } = "mail";

    // Where a mail without a server is written: PickupPath, under the data folder unless rooted.
    public string PickupFolder(string dataPath) => Path.IsPathRooted(PickupPath) ? PickupPath : Path.Combine(dataPath, PickupPath);

    // The file of one message in the pickup folder.
    public string PickupFile(string dataPath, Guid messageId) => Path.Combine(PickupFolder(dataPath), $"{messageId:N}.eml");
    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class SmsOptions
{
    // twilio_whatsapp, twilio_sms or console (SMS_PROVIDER).
    public string Provider { get; set; } = "console";
    public string? TwilioAccountSid { get; set; }
    public string? TwilioAuthToken { get; set; }
    public string? TwilioWhatsAppFrom { get; set; }
    public string? TwilioSmsFrom { get; set; }

    // Twilio's API root; tests point it at a fake on loopback.
    public string TwilioBaseUrl { get; set; } = "https://api.twilio.com";
}

public sealed class OutboxOptions
{
    public bool WorkerEnabled { get; set; } = true;
    public double PollSeconds { get; set; } = 2;
    public int BatchSize { get; set; } = 20;
    public int MaxAttempts { get; set; } = 8;
    public double BaseDelaySeconds { get; set; } = 5;
    public double MaxDelaySeconds { get; set; } = 3600;
    public double UrgentDelaySeconds { get; set; } = 1;
    // How long a claimed message stays with the node sending it: longer than one send may take (the SMTP
    // time-out, Twilio's total), short enough that a dead node's messages go out soon after.
    public double LockSeconds { get; set; } = 60;

    // How often the outbox removes the bodies of messages whose one-time code or link has expired, and how many rows
    // one statement rewrites. An OTP (5 minutes) is then readable at most this long after it stops working.
    public double RedactEverySeconds { get; set; } = 60;
    public int RedactBatchSize { get; set; } = 200;
}

internal sealed class NotificationOptionsValidator : IValidateOptions<MailOptions>, IValidateOptions<SmsOptions>, IValidateOptions<OutboxOptions>
{
    public static readonly string[] Providers = ["twilio_whatsapp", "twilio_sms", "console"];

    public ValidateOptionsResult Validate(string? name, MailOptions o) =>
        o.Port is < 1 or > 65535
            ? ValidateOptionsResult.Fail($"MAIL_PORT (Mail__Port) must be a TCP port; got {o.Port}.")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, SmsOptions o) =>
        !Providers.Contains(o.Provider, StringComparer.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Fail($"SMS_PROVIDER (Sms__Provider) must be one of {string.Join(", ", Providers)}; got '{o.Provider}'.")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, OutboxOptions o) =>
        o.MaxAttempts < 1 || o.BatchSize < 1 || o.PollSeconds <= 0 || o.BaseDelaySeconds < 0 || o.RedactBatchSize is < 1 or > 5000
            || o.RedactEverySeconds is < 1 or > 3600
            ? ValidateOptionsResult.Fail("Outbox__MaxAttempts and Outbox__BatchSize must be at least 1, Outbox__PollSeconds above 0, "
                + "Outbox__RedactBatchSize 1 to 5000 and Outbox__RedactEverySeconds 1 to 3600.")
            : ValidateOptionsResult.Success;
}
