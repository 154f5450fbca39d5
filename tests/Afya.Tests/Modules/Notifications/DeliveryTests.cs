using System.Net;
using System.Text;
using Afya.Api.Modules.Notifications;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Notifications;

// Delivery through real protocols: SMTP to a listener on loopback, Twilio's API to a fake HTTP server.
public class DeliveryTests
{
    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["MAIL_SERVER"] = "127.0.0.1",
        ["MAIL_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MAIL_STARTTLS"] = "false",
        ["MAIL_FROM"] = "care@dira.example",
        ["MAIL_FROM_NAME"] = "Dira Healthcare",
        ["Outbox:PollSeconds"] = AfyaFactory.RetryPollSeconds,
    };

    private static Dictionary<string, string?> Twilio(FakeTwilio twilio, string provider = "twilio_whatsapp") => new()
    {
        ["SMS_PROVIDER"] = provider,
        ["TWILIO_ACCOUNT_SID"] = "AC0123456789abcdef",
        ["TWILIO_AUTH_TOKEN"] = "twilio-secret",
        ["TWILIO_WHATSAPP_FROM"] = "whatsapp:+14155238886",
        ["TWILIO_SMS_FROM"] = "+14155238887",
        ["Sms:TwilioBaseUrl"] = twilio.BaseUrl,
        ["Resilience:twilio:RetryBaseDelaySeconds"] = "0.05",
        ["Outbox:PollSeconds"] = AfyaFactory.RetryPollSeconds,
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Registration_email_arrives_over_smtp_with_recipient_and_escaped_body(Db provider)
    {
        await using var smtp = SmtpSink.Start();
        await using var app = new AfyaFactory(provider, Smtp(smtp.Port));
        var email = Calls.UniqueEmail("smtp");
        await (await app.Client().PostJson("/api/v1/auth/register", new { email, password = "s3cure-pass", name = "<b>Wanjiru</b> & co" })).ShouldBe(HttpStatusCode.Created);

        var mail = await Calls.Eventually(() => Task.FromResult(smtp.Messages.FirstOrDefault(m => m.To.Contains(email))), what: "the welcome email");
        mail.From.ShouldBe("care@dira.example");
        var decoded = Decode(mail.Data);
        decoded.ShouldContain("Subject: Welcome to Afya");
        decoded.ShouldContain("verify-email?token=");
        decoded.ShouldContain("&lt;b&gt;Wanjiru&lt;/b&gt; &amp; co");
        decoded.ShouldNotContain("<b>Wanjiru</b> &amp;");
        smtp.Messages.Count(m => m.To.Contains(email)).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Mail_written_while_smtp_is_down_arrives_once_when_it_comes_back(Db provider)
    {
        var port = SmtpSink.FreePort();
        var settings = Smtp(port);
        settings["Outbox:MaxDelaySeconds"] = "0.5";
        settings["Outbox:MaxAttempts"] = "100";
        await using var app = new AfyaFactory(provider, settings);
        var emails = Enumerable.Range(0, 3).Select(i => Calls.UniqueEmail($"outage{i}")).ToList();
        foreach (var email in emails) await app.Client().RegisterAsync(email);

        await Calls.Eventually(() => app.WithDbAsync(async db =>
            await db.Set<OutboxMessage>().CountAsync(m => emails.Contains(m.Recipient) && m.Attempts >= 2 && m.Status == MessageStatus.Pending) == 3 ? "retrying" : null),
            what: "every message to have failed at least twice");

        await using var smtp = SmtpSink.Start(port);
        await Calls.Eventually(() => app.WithDbAsync(async db =>
            await db.Set<OutboxMessage>().CountAsync(m => emails.Contains(m.Recipient) && m.Status == MessageStatus.Sent) == 3 ? "sent" : null),
            what: "every message to be sent");
        foreach (var email in emails) smtp.Messages.Count(m => m.To.Contains(email)).ShouldBe(1);
        var failure = await app.WithDbAsync(db => db.Set<OutboxMessage>().FirstAsync(m => m.Recipient == emails[0]));
        failure.LastError.ShouldBeNull();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_message_queued_while_no_worker_runs_is_delivered_after_restart(Db provider)
    {
        await using var smtp = SmtpSink.Start();
        var stopped = Smtp(smtp.Port);
        stopped["Outbox:WorkerEnabled"] = "false";
        await using var first = new AfyaFactory(provider, stopped);
        var email = Calls.UniqueEmail("crash");
        await first.Client().RegisterAsync(email);
        first.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ShouldNotContain(s => s is OutboxWorker, "no worker runs, so nothing can send later");
        smtp.Messages.ShouldBeEmpty();
        (await first.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Recipient == email))).Status.ShouldBe(MessageStatus.Pending);

        await using var restarted = new AfyaFactory(provider, Smtp(smtp.Port), sameDatabaseAs: first);
        _ = restarted.Services;
        await Calls.Eventually(() => Task.FromResult(smtp.Messages.FirstOrDefault(m => m.To.Contains(email))), what: "the email after restart");
        smtp.Messages.Count(m => m.To.Contains(email)).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_nodes_on_one_database_send_each_message_once(Db provider)
    {
        await using var smtp = SmtpSink.Start();
        var paused = Smtp(smtp.Port);
        paused["Outbox:WorkerEnabled"] = "false";
        await using var writer = new AfyaFactory(provider, paused);
        var emails = Enumerable.Range(0, 12).Select(i => Calls.UniqueEmail($"node{i}")).ToList();
        await Task.WhenAll(emails.Select(e => writer.Client().RegisterAsync(e)));

        await using var nodeA = new AfyaFactory(provider, Smtp(smtp.Port), sameDatabaseAs: writer);
        await using var nodeB = new AfyaFactory(provider, Smtp(smtp.Port), sameDatabaseAs: writer);
        _ = nodeA.Services;
        _ = nodeB.Services;
        await Calls.Eventually(() => Task.FromResult(emails.All(e => smtp.Messages.Any(m => m.To.Contains(e))) ? "all" : null), what: "all emails");
        await Calls.Eventually(() => writer.WithDbAsync(async db =>
            await db.Set<OutboxMessage>().CountAsync(m => emails.Contains(m.Recipient) && m.Status == MessageStatus.Sent) == emails.Count ? "sent" : null), what: "every message marked sent");
        await Rounds.WaitAsync(nodeA, nameof(OutboxWorker));
        await Rounds.WaitAsync(nodeB, nameof(OutboxWorker));
        foreach (var email in emails) smtp.Messages.Count(m => m.To.Contains(email)).ShouldBe(1, email);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Otp_goes_to_twilio_whatsapp_with_the_exact_form_and_basic_auth(Db provider)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var app = new AfyaFactory(provider, Twilio(twilio));
        var phone = Phones.Kuwaiti();
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBe(HttpStatusCode.OK);

        var request = await Calls.Eventually(() => Task.FromResult(twilio.Requests.FirstOrDefault(r => r.Form["To"] == "whatsapp:" + phone)), what: "the Twilio request");
        request.Path.ShouldBe("/2010-04-01/Accounts/AC0123456789abcdef/Messages.json");
        request.Form["From"].ShouldBe("whatsapp:+14155238886");
        request.Form["Body"].ShouldContain(await app.LatestCodeAsync(phone));
        request.Authorization.ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC0123456789abcdef:twilio-secret")));
    }

    [Fact]
    public async Task Plain_sms_goes_without_the_whatsapp_prefix()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var app = new AfyaFactory(Db.Sqlite, Twilio(twilio, "twilio_sms"));
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });
        var request = await Calls.Eventually(() => Task.FromResult(twilio.Requests.FirstOrDefault(r => r.Form["To"] == phone)), what: "the SMS");
        request.Form["From"].ShouldBe("+14155238887");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Twilio_5xx_is_retried_and_400_fails_for_good_visible_to_admins(Db provider)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var settings = Twilio(twilio);
        settings["Resilience:twilio:MaxRetries"] = "0"; // the outbox's own retry, not the HTTP client's
        await using var app = new AfyaFactory(provider, settings);
        var admin = await app.AdminAsync();

        twilio.Script.Enqueue(500);
        var retried = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = retried });
        var sent = await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Recipient == retried && m.Status == MessageStatus.Sent)), what: "retry to succeed");
        sent.Attempts.ShouldBe(2);
        twilio.Requests.Count(r => r.Form["To"] == "whatsapp:" + retried).ShouldBe(2);

        twilio.Script.Enqueue(400);
        var refused = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = refused });
        var failed = await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Recipient == refused && m.Status == MessageStatus.Failed)), what: "a permanent failure");
        failed.Attempts.ShouldBe(1);
        failed.LastError!.ShouldContain("21211");

        var admins = app.Client().WithToken(admin.Access);
        var list = await (await admins.GetAsync("/api/v1/admin/notifications?status=failed")).ShouldBe(HttpStatusCode.OK);
        list["results"]!.AsArray().Select(r => r!["recipient"]!.GetValue<string>()).ShouldContain(refused);
        await (await admins.GetAsync("/api/v1/admin/notifications?status=lost")).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_FILTER");
        await (await admins.PostAsync($"/api/v1/admin/notifications/{sent.Id}/retry", null)).ShouldBeProblem(HttpStatusCode.Conflict, "NOT_RETRYABLE");
        await (await admins.PostAsync($"/api/v1/admin/notifications/{Guid.NewGuid()}/retry", null)).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");

        await (await admins.PostAsync($"/api/v1/admin/notifications/{failed.Id}/retry", null)).ShouldBe(HttpStatusCode.OK);
        await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Id == failed.Id && m.Status == MessageStatus.Sent)), what: "the retried message");
        await (await app.Client().WithToken((await app.Client().RegisterAsync()).Access).GetAsync("/api/v1/admin/notifications")).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Out_of_attempts_a_message_is_dead()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var settings = Twilio(twilio);
        settings["Outbox:MaxAttempts"] = "3";
        settings["Resilience:twilio:MaxRetries"] = "1";
        await using var app = new AfyaFactory(Db.Sqlite, settings);
        for (var i = 0; i < 6; i++) twilio.Script.Enqueue(503); // three attempts of two calls each
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });
        var dead = await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Recipient == phone && m.Status == MessageStatus.Dead)), what: "a dead message");
        dead.Attempts.ShouldBe(3);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Twilio_503_then_200_is_retried_by_the_http_client_and_delivered_once(Db provider)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var app = new AfyaFactory(provider, Twilio(twilio));
        twilio.Script.Enqueue(503);
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });

        var sent = await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Recipient == phone && m.Status == MessageStatus.Sent)), what: "the text");
        sent.Attempts.ShouldBe(1, "the retry happened inside one outbox attempt");
        sent.LastError.ShouldBeNull();
        await Rounds.WaitAsync(app, nameof(OutboxWorker));
        twilio.Requests.Count(r => r.Form["To"] == "whatsapp:" + phone).ShouldBe(2, "one refused with 503, one accepted");
    }

    [Fact]
    public async Task With_twilio_down_the_circuit_opens_and_the_outbox_keeps_the_message()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var settings = Twilio(twilio);
        settings["Resilience:twilio:MaxRetries"] = "0";
        settings["Resilience:twilio:BreakMinimumThroughput"] = "3";
        settings["Resilience:twilio:BreakSeconds"] = "30";
        settings["Outbox:MaxAttempts"] = "100";
        settings["Outbox:MaxDelaySeconds"] = "0.1";
        await using var app = new AfyaFactory(Db.Sqlite, settings);
        for (var i = 0; i < 50; i++) twilio.Script.Enqueue(503);
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });

        var open = await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>().FirstOrDefaultAsync(m =>
            m.Recipient == phone && m.LastError != null && m.LastError.Contains("BrokenCircuitException"))), what: "the circuit to open");
        open.Status.ShouldBe(MessageStatus.Pending);
        var calls = twilio.Requests.Count;
        // Three more attempts by the outbox, each refused by the open circuit before reaching Twilio.
        await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Id == open.Id && m.Attempts >= open.Attempts + 3)),
            TimeSpan.FromSeconds(60), "three more attempts");
        twilio.Requests.Count.ShouldBe(calls, "no call reaches Twilio while the circuit is open");
    }

    [Fact]
    public async Task An_incomplete_twilio_configuration_falls_back_to_the_log_and_says_so()
    {
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["SMS_PROVIDER"] = "twilio_whatsapp", ["TWILIO_ACCOUNT_SID"] = "AC1" });
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });
        await Calls.Eventually(() => Task.FromResult(app.Logs.Lines.FirstOrDefault(l => l.Contains("[console", StringComparison.Ordinal) && l.Contains(phone, StringComparison.Ordinal))), what: "the console message");
        app.Logs.Lines.Count(l => l.Contains("Twilio settings are incomplete", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void Backoff_grows_exponentially_to_a_cap_and_urgent_stays_short()
    {
        var o = new OutboxOptions { BaseDelaySeconds = 5, MaxDelaySeconds = 60, UrgentDelaySeconds = 1 };
        OutboxDelivery.Backoff(1, false, o).ShouldBe(TimeSpan.FromSeconds(5));
        OutboxDelivery.Backoff(3, false, o).ShouldBe(TimeSpan.FromSeconds(20));
        OutboxDelivery.Backoff(10, false, o).ShouldBe(TimeSpan.FromSeconds(60));
        OutboxDelivery.Backoff(10, true, o).ShouldBe(TimeSpan.FromSeconds(1));
    }

    // Undoes quoted-printable and base64 body parts so assertions read the text a person would.
    private static string Decode(string data)
    {
        var message = MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(data)));
        return $"Subject: {message.Subject}\n{message.TextBody}\n{message.HtmlBody}";
    }
}

public class PickupFolderTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task With_no_smtp_server_mail_lands_as_eml_files(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var email = Calls.UniqueEmail("pickup");
        await app.Client().RegisterAsync(email);
        var folder = Path.Combine(app.DataPath, "mail");
        var file = await Calls.Eventually(() => Task.FromResult(Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").FirstOrDefault(f => File.ReadAllText(f).Contains(email, StringComparison.Ordinal))
            : null), what: "the .eml file");
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        message.To.Mailboxes.Single().Address.ShouldBe(email);
        message.TextBody!.ShouldContain("verify-email?token=");
        message.HtmlBody!.ShouldContain("<a href=");
    }
}
