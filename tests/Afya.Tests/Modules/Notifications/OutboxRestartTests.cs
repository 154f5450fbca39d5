using Afya.Api.Modules.Notifications;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Notifications;

// kill -9 during mail: the database then holds a leased message that the SMTP server may already have.
public class OutboxRestartTests
{
    private static Dictionary<string, string?> Node(SmtpSink smtp, string nodeId, bool worker = true) => new()
    {
        ["MAIL_SERVER"] = "127.0.0.1",
        ["MAIL_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MAIL_STARTTLS"] = "false",
        ["MAIL_FROM"] = "care@dira.example",
        ["Node:Id"] = nodeId,
        ["Outbox:WorkerEnabled"] = worker ? "true" : "false",
        ["Outbox:PollSeconds"] = AfyaFactory.RetryPollSeconds,
    };

    private static string MessageId(ReceivedMail mail) =>
        MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data))).MessageId ?? "";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_message_mid_send_when_the_host_died_is_delivered_after_restart_without_waiting_for_the_lease(Db provider)
    {
        await using var smtp = SmtpSink.Start();
        var email = Calls.UniqueEmail("killed");
        // The first host owns the database, so it stays up, but with no worker it plays the dead node.
        await using var dead = new AfyaFactory(provider, Node(smtp, "node-killed", worker: false));
        await dead.Client().RegisterAsync(email);

        // What the dead node left: its lease on the message (ten minutes more), and the mail already at the server.
        var message = await dead.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Recipient == email));
        var id = message.Id;
        await dead.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.LockedBy, "node-killed").SetProperty(m => m.LockedUntil, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10))));
        var transport = dead.Services.GetServices<IMessageTransport>().First(t => t.Handles(MessageChannel.Email));
        (await transport.SendAsync(message, CancellationToken.None)).Outcome.ShouldBe(DeliveryOutcome.Sent);

        // Another node leaves it alone while the lease stands.
        await using var other = new AfyaFactory(provider, Node(smtp, "node-other"), sameDatabaseAs: dead);
        _ = other.Services;
        await Rounds.WaitAsync(other, nameof(OutboxWorker));
        smtp.Messages.Count(m => m.To.Contains(email)).ShouldBe(1);

        // The killed node comes back under its id and sends it at once, ten minutes before the lease would end.
        await using var restarted = new AfyaFactory(provider, Node(smtp, "node-killed"), sameDatabaseAs: dead);
        _ = restarted.Services;
        await Calls.Eventually(() => restarted.WithDbAsync(db => db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Id == id && m.Status == MessageStatus.Sent)),
            TimeSpan.FromSeconds(10), "the message after restart");

        var copies = smtp.Messages.Where(m => m.To.Contains(email)).ToList();
        copies.Count.ShouldBe(2, "at least once: the copy the server had, and the resend");
        copies.Select(MessageId).Distinct().ShouldHaveSingleItem().ShouldBe($"{id:N}@dira.example");
    }
}
