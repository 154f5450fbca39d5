using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Nodes;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Notifications;

public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration("Mail").ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration("Sms").ValidateOnStart();
        // A lease shorter than a send would let a second node send the same message while the first still is.
        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox")
            .Validate<IOptions<MailOptions>, IOptionsMonitor<ResilienceOptions>>((o, mail, http) =>
                    o.LockSeconds > mail.Value.TimeoutSeconds + 5 && o.LockSeconds > http.Get(TwilioTransport.ClientName).TotalTimeoutSeconds + 5,
                "Outbox__LockSeconds must exceed Mail__TimeoutSeconds and Resilience__twilio__TotalTimeoutSeconds by more than 5 s.")
            .ValidateOnStart();
        services.AddSingleton<NotificationOptionsValidator>();
        services.AddSingleton<IValidateOptions<MailOptions>>(sp => sp.GetRequiredService<NotificationOptionsValidator>());
        services.AddSingleton<IValidateOptions<SmsOptions>>(sp => sp.GetRequiredService<NotificationOptionsValidator>());
        services.AddSingleton<IValidateOptions<OutboxOptions>>(sp => sp.GetRequiredService<NotificationOptionsValidator>());

        services.AddSingleton<MessageTemplates>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutbox, OutboxService>();
        services.AddScoped<OutboxDelivery>();
        services.AddSingleton<IMessageTransport, EmailTransport>();
        services.AddSingleton<IMessageTransport, TwilioTransport>();
        services.AddSingleton<IMessageTransport, ConsoleTextTransport>();
        services.AddHttpClient(TwilioTransport.ClientName).AddAfyaResilience();
        services.AddStaleLeaseRelease<OutboxLeaseRelease>();
        services.AddHostedService<SmsProviderReport>();
        if (builder.Configuration.GetValue("Outbox:WorkerEnabled", true)) services.AddHostedService<OutboxWorker>();
        // The period is fixed at start-up (the job runner takes it then); the validator has its range.
        var redactEvery = builder.Configuration.GetValue("Outbox:RedactEverySeconds", new OutboxOptions().RedactEverySeconds);
        services.AddPeriodicJob<OutboxRedaction>(TimeSpan.FromSeconds(Math.Clamp(redactEvery, 1, 3600)));
        return builder;
    }
}

// Says once at start-up which text provider is in use, as the Kuwait seed did, and, loudly, when mail certificates go unchecked.
internal sealed partial class SmsProviderReport(IOptions<SmsOptions> sms, IOptions<MailOptions> mail, IHostEnvironment host, ILogger<SmsProviderReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = sms.Value;
        if (SmsSetup.UsesTwilio(o)) LogTwilio(logger, o.Provider);
        else if (!o.Provider.Equals("console", StringComparison.OrdinalIgnoreCase)) LogIncomplete(logger, o.Provider);
        else if (host.IsProduction()) LogConsoleInProduction(logger);
        else LogConsole(logger);
        if (!mail.Value.ValidateCertificates && !string.IsNullOrWhiteSpace(mail.Value.Server)) LogUnchecked(logger, mail.Value.Server);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Text messages go through Twilio ({Provider})")]
    private static partial void LogTwilio(ILogger logger, string provider);

    [LoggerMessage(LogLevel.Warning, "SMS_PROVIDER={Provider} but the Twilio settings are incomplete: text messages are written to the log instead")]
    private static partial void LogIncomplete(ILogger logger, string provider);

    [LoggerMessage(LogLevel.Warning, "VALIDATE_CERTS=False: the certificate of the mail server {Server} is NOT checked; anyone between Afya and it can read and change the mail, passwords included")]
    private static partial void LogUnchecked(ILogger logger, string server);

    [LoggerMessage(LogLevel.Information, "Text messages are written to the log (SMS_PROVIDER=console)")]
    private static partial void LogConsole(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "SMS_PROVIDER=console in Production: text messages (sign-in codes among them) are NOT sent, and their text is kept out of the log; set SMS_PROVIDER and the Twilio settings")]
    private static partial void LogConsoleInProduction(ILogger logger);
}
