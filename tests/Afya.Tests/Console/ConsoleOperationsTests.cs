using System.Net;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform.Audit;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Console;

// The outbox page over HTTP on both databases, with an SMTP listener: a dead letter retried from the console is delivered,
// a waiting message discarded is never sent, and both are in the staff audit log.
public class ConsoleOperationsTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_dead_letter_retried_in_the_console_is_delivered_and_a_discarded_message_never_is(Db provider)
    {
        await using var smtp = SmtpSink.Start();
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?>
        {
            ["MAIL_SERVER"] = "127.0.0.1", ["MAIL_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["MAIL_STARTTLS"] = "false",
        });
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var dead = new OutboxMessage
        {
            Channel = MessageChannel.Email, Recipient = Calls.UniqueEmail("dead"), Template = "welcome", Subject = "Welcome back", TextBody = "Hello again.",
            Status = MessageStatus.Dead, Attempts = 8, NextAttemptAt = now.AddYears(1), LastError = "550 mailbox unavailable", CreatedAt = now,
        };
        var waiting = new OutboxMessage
        {
            Channel = MessageChannel.Email, Recipient = Calls.UniqueEmail("discard"), Template = "welcome", Subject = "Never", TextBody = "Never sent.",
            Status = MessageStatus.Failed, Attempts = 2, NextAttemptAt = now.AddHours(1), LastError = "421 try later", CreatedAt = now,
        };
        await app.WithDbAsync(db => { db.AddRange(dead, waiting); return db.SaveChangesAsync(); });

        var page = await staff.GetPageAsync("/admin/operations?status=dead");
        page.ShouldContain("550 mailbox unavailable");
        page.ShouldContain($"id=\"retry-{dead.Id}\"");
        (await staff.PostFormAsync($"/admin/operations?handler=retry&id={dead.Id}", new(), withToken: false)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PostFormAsync($"/admin/operations?handler=discard&id={waiting.Id}", new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await staff.PostFormAsync($"/admin/operations?handler=retry&id={dead.Id}", new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var mail = await Calls.Eventually(() => Task.FromResult(smtp.Messages.FirstOrDefault(m => m.To.Contains(dead.Recipient))), what: "the retried message");
        mail.Data.ShouldContain("Hello again.");
        await Calls.Eventually(async () => await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().AnyAsync(m => m.Id == dead.Id && m.Status == MessageStatus.Sent))
            ? "sent" : null, what: "the message marked sent");
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == waiting.Id))).Status.ShouldBe(MessageStatus.Dead);
        smtp.Messages.ShouldNotContain(m => m.To.Contains(waiting.Recipient));
        var audited = await app.WithDbAsync(db => db.Set<StaffAuditEntry>().AsNoTracking().Where(e => e.ObjectType == "notifications").Select(e => e.Action).ToListAsync());
        audited.ShouldBe(["notification.discard", "notification.retry"], ignoreOrder: true);
        (await staff.PostFormAsync($"/admin/operations?handler=retry&id={Guid.NewGuid()}", new())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
