using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Identity;
using Afya.Api.Modules.Notifications;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Settings;
using Afya.Tests.Console;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Notifications;

// F17: a sent one-time code or account link is not kept in the outbox once it has stopped working. Its body is replaced,
// the record of the message (subject, recipient, status, times, provider id) stays, and a message still waiting to go out
// keeps its body.
public partial class SecretRedactionTests
{
    private static async Task<int> RedactAsync(AfyaFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxRedaction>().RunOnceAsync(CancellationToken.None);
    }

    private static Task<OutboxMessage> SentAsync(AfyaFactory app, string recipient, string template) =>
        Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .FirstOrDefaultAsync(m => m.Recipient == recipient && m.Template == template && m.Status == MessageStatus.Sent)), what: $"the {template} message sent");

    private static Task<OutboxMessage> ReadAsync(AfyaFactory app, Guid id) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_reset_links_body_is_kept_until_the_link_expires_and_removed_after(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, clock: clock);
        var session = await app.Client().RegisterAsync();
        await (await app.Client().PostJson("/api/v1/auth/password/forgot", new { email = session.Email })).ShouldBe(HttpStatusCode.Accepted);
        var reset = await SentAsync(app, session.Email, "password_reset");
        var welcome = await SentAsync(app, session.Email, "welcome");
        reset.TextBody.ShouldContain("reset-password?token=");
        welcome.TextBody.ShouldContain("verify-email?token=");
        // No mail server in test apps: the mail is also a file in the pickup folder, which goes with the body.
        var file = app.Services.GetRequiredService<IOptions<MailOptions>>().Value
            .PickupFile(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath, reset.Id);
        File.Exists(file).ShouldBeTrue();

        clock.Advance(Passwords.ResetLifetime - TimeSpan.FromMinutes(1));
        await RedactAsync(app);
        var before = await ReadAsync(app, reset.Id);
        before.TextBody.ShouldBe(reset.TextBody);
        before.HtmlBody.ShouldBe(reset.HtmlBody);
        before.RedactedAt.ShouldBeNull();
        File.Exists(file).ShouldBeTrue();

        clock.Advance(TimeSpan.FromMinutes(2));
        await RedactAsync(app);
        var after = await ReadAsync(app, reset.Id);
        after.TextBody.ShouldBe(OutboxRedaction.Notice);
        after.HtmlBody.ShouldBeNull();
        after.RedactedAt.ShouldNotBeNull();
        File.Exists(file).ShouldBeFalse();
        (after.Subject, after.Recipient, after.Status, after.SentAt, after.ProviderId, after.CreatedAt)
            .ShouldBe((reset.Subject, reset.Recipient, MessageStatus.Sent, reset.SentAt, reset.ProviderId, reset.CreatedAt));
        // The verification link in the welcome mail lives 48 hours: still there an hour in.
        (await ReadAsync(app, welcome.Id)).TextBody.ShouldBe(welcome.TextBody);

        clock.Advance(Register.VerificationLifetime);
        await RedactAsync(app);
        var gone = await ReadAsync(app, welcome.Id);
        gone.TextBody.ShouldBe(OutboxRedaction.Notice);
        gone.Subject.ShouldBe(welcome.Subject);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_pending_code_is_never_removed_and_a_dead_one_is_removed_and_cannot_be_retried(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Outbox:WorkerEnabled"] = "false" }, clock);
        var phone = Phones.Kuwaiti();
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone, purpose = "login" })).ShouldBe(HttpStatusCode.OK);
        var code = await app.LatestCodeAsync(phone);
        var id = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Recipient == phone && m.Template == "otp").Select(m => m.Id).SingleAsync());

        clock.Advance(TimeSpan.FromDays(3));
        await RedactAsync(app);
        var waiting = await ReadAsync(app, id);
        waiting.Status.ShouldBe(MessageStatus.Pending);
        waiting.TextBody.ShouldContain(code);
        waiting.RedactedAt.ShouldBeNull();

        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        await (await admin.PostAsync($"/api/v1/admin/notifications/{id}/discard", null)).ShouldBe(HttpStatusCode.OK);
        await RedactAsync(app);
        var dead = await ReadAsync(app, id);
        dead.Status.ShouldBe(MessageStatus.Dead);
        dead.TextBody.ShouldNotContain(code);
        dead.TextBody.ShouldBe(OutboxRedaction.Notice);

        // Sending it again would send the notice: refused, and the list says it was removed.
        await (await admin.PostAsync($"/api/v1/admin/notifications/{id}/retry", null)).ShouldBeProblem(HttpStatusCode.Conflict, "NOT_RETRYABLE");
        (await ReadAsync(app, id)).Status.ShouldBe(MessageStatus.Dead);
        var listed = await (await admin.GetAsync("/api/v1/admin/notifications?status=dead&channel=sms")).ShouldBe(HttpStatusCode.OK);
        listed["results"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == id.ToString())!["redacted_at"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Otp_sign_in_works_end_to_end_and_the_sent_code_is_removed_once_it_expires(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, clock: clock);
        var lifetime = TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<OtpOptions>>().Value.LifetimeSeconds);
        var phone = Phones.Kenyan();
        var session = await app.SignInByPhoneAsync(phone);
        await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        var sent = await SentAsync(app, phone, "otp");
        var code = Digits().Match(sent.TextBody).Value;
        code.ShouldNotBeEmpty();

        clock.Advance(lifetime - TimeSpan.FromSeconds(1));
        await RedactAsync(app);
        (await ReadAsync(app, sent.Id)).TextBody.ShouldContain(code);

        clock.Advance(TimeSpan.FromSeconds(2));
        await RedactAsync(app);
        var after = await ReadAsync(app, sent.Id);
        after.TextBody.ShouldNotContain(code);
        (after.Status, after.Recipient, after.SentAt).ShouldBe((MessageStatus.Sent, phone, sent.SentAt));
    }

    // The page shows which messages had their content removed, and offers no retry for them; a body is never on the page.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_console_outbox_shows_a_removed_message_as_removed_without_retry(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var secret = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        OutboxMessage Message(MessageStatus status, DateTime? secretUntil) => new()
        {
            Channel = MessageChannel.Sms, Recipient = Phones.Kenyan(), Template = "otp", TextBody = $"Your Afya code is {secret}.", Status = status,
            Attempts = 1, NextAttemptAt = now, CreatedAt = now.AddMinutes(-10), SentAt = status == MessageStatus.Sent ? now.AddMinutes(-10) : null,
            LastError = status == MessageStatus.Dead ? "21211 invalid number" : null, SecretUntil = secretUntil,
        };
        var sent = Message(MessageStatus.Sent, now.AddMinutes(-5));
        var dead = Message(MessageStatus.Dead, now.AddMinutes(-5));
        var deadPlain = Message(MessageStatus.Dead, null);
        await app.WithDbAsync(db => { db.AddRange(sent, dead, deadPlain); return db.SaveChangesAsync(); });
        await RedactAsync(app);

        var sentPage = await staff.GetPageAsync("/admin/operations?status=sent");
        sentPage.ShouldContain($"id=\"redacted-{sent.Id}\"");
        var deadPage = await staff.GetPageAsync("/admin/operations?status=dead");
        deadPage.ShouldContain($"id=\"redacted-{dead.Id}\"");
        deadPage.ShouldNotContain($"id=\"retry-{dead.Id}\"");
        deadPage.ShouldContain($"id=\"retry-{deadPlain.Id}\"");
        deadPage.ShouldNotContain($"id=\"redacted-{deadPlain.Id}\"");
        (sentPage + deadPage).ShouldNotContain(secret);

        // A retry posted anyway (a page open since before) is refused with the reason, and the message stays dead.
        var refused = await staff.PostFormAsync($"/admin/operations?handler=retry&id={dead.Id}", new());
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("content was removed");
        (await ReadAsync(app, dead.Id)).Status.ShouldBe(MessageStatus.Dead);
    }

    // Every node runs the sweep; however their runs overlap, each message is rewritten by exactly one of them.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_nodes_over_one_database_redact_each_message_once(Db provider)
    {
        var settings = new Dictionary<string, string?> { ["Outbox:RedactBatchSize"] = "5", ["Outbox:RedactEverySeconds"] = "3600", ["Outbox:WorkerEnabled"] = "false" };
        await using var database = new AfyaFactory(provider, settings);
        await using var nodeA = new AfyaFactory(provider, settings, sameDatabaseAs: database);
        await using var nodeB = new AfyaFactory(provider, settings, sameDatabaseAs: database);
        // Each node's first tick (the job's start-up run, on whichever node claimed it) is over before the messages exist.
        foreach (var app in new[] { database, nodeA, nodeB })
        {
            var rounds = app.Services.GetRequiredService<BackgroundRounds>();
            await Calls.Eventually(() => Task.FromResult(rounds.Count(PeriodicJobs.NameOf<OutboxRedaction>()) >= 1 ? "ran" : null), what: "the first tick of the sweep");
        }

        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var expired = Enumerable.Range(0, 40).Select(i => new OutboxMessage
        {
            Channel = MessageChannel.Sms, Recipient = Phones.Kenyan(), Template = "otp", TextBody = $"Your Afya code is {100_000 + i}.",
            Status = i % 4 == 0 ? MessageStatus.Dead : MessageStatus.Sent, NextAttemptAt = now, CreatedAt = now.AddMinutes(-10), SecretUntil = now.AddMinutes(-5),
        }).ToList();
        var pending = new OutboxMessage
        {
            Channel = MessageChannel.Sms, Recipient = Phones.Kenyan(), Template = "otp", TextBody = "Your Afya code is 555555.",
            NextAttemptAt = now.AddHours(1), CreatedAt = now.AddMinutes(-10), SecretUntil = now.AddMinutes(-5),
        };
        await database.WithDbAsync(db => { db.AddRange(expired); db.Add(pending); return db.SaveChangesAsync(); });

        var total = 0;
        while (true)
        {
            var touched = await Task.WhenAll(new[] { nodeA, nodeB, nodeA, nodeB }.Select(RedactAsync));
            total += touched.Sum();
            if (touched.All(n => n == 0)) break;
        }
        total.ShouldBe(expired.Count);
        var rows = await database.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SecretUntil != null).ToListAsync());
        rows.Where(m => m.Id != pending.Id).ShouldAllBe(m => m.TextBody == OutboxRedaction.Notice && m.RedactedAt != null);
        rows.Single(m => m.Id == pending.Id).TextBody.ShouldContain("555555");
    }

    [GeneratedRegex(@"\b\d{4,9}\b")]
    private static partial Regex Digits();
}
