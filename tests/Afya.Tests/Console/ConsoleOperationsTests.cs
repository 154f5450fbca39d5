using System.Net;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Platform.Audit;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_platform_pages_show_nodes_jobs_cache_and_settings_with_no_secret_value_in_the_html(Db provider)
    {
        var secrets = new Dictionary<string, string?>
        {
            ["Mail:Password"] = "mail-pw-" + Guid.NewGuid().ToString("N"),
            ["MPESA_CONSUMER_SECRET"] = "mpesa-secret-" + Guid.NewGuid().ToString("N"),
            ["Sms:TwilioAuthToken"] = "twilio-" + Guid.NewGuid().ToString("N"),
            ["Console:Example:ApiKey"] = "api-key-" + Guid.NewGuid().ToString("N"),
        };
        var reportingPassword = "conn-pw-" + Guid.NewGuid().ToString("N");
        var redisPassword = "redis-pw-" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>(secrets)
        {
            ["ConnectionStrings:Reporting"] = $"Host=reports.internal;Username=reader;Password={reportingPassword};Database=afya",
            ["Console:Example:MirrorUrl"] = $"redis://:{redisPassword}@cache.internal:6380/0",
            ["Http:CorsOrigins"] = "https://shop.example",
        };
        await using var app = new AfyaFactory(provider, settings);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var nodeId = app.Services.GetRequiredService<Afya.Api.Platform.Nodes.NodeIdentity>().Id;
        await Calls.Eventually(async () => await app.WithDbAsync(db => db.Set<Afya.Api.Platform.Nodes.NodeHeartbeat>().AsNoTracking()
            .AnyAsync(h => h.NodeId == nodeId && h.Version != null)) ? "seen" : null, what: "this node's heartbeat with its version");
        await Calls.Eventually(async () => await app.WithDbAsync(db => db.Set<Afya.Api.Platform.JobClaim>().AsNoTracking()
            .AnyAsync(j => j.ClaimedBy == nodeId && j.LastRunAt != null)) ? "ran" : null, what: "a periodic job run by this node");

        var platform = System.Net.WebUtility.HtmlDecode(await staff.GetPageAsync("/admin/operations/platform"));
        platform.ShouldContain($"<bdi>{nodeId}</bdi> (this node)");
        platform.ShouldContain(Afya.Api.Platform.Nodes.NodeVersion.Current);
        platform.ShouldContain("<span class=\"badge\">alive</span>");
        platform.ShouldContain($"<td><bdi>{nodeId}</bdi></td>");
        platform.ShouldContain("id=\"cache-mode\"");

        var raw = await staff.GetPageAsync("/admin/operations/settings");
        var page = System.Net.WebUtility.HtmlDecode(raw);
        page.ShouldContain("<code>Http:CorsOrigins</code>");
        page.ShouldContain("https://shop.example");
        foreach (var (key, _) in secrets) page.ShouldContain($"<code>{key}</code>");
        foreach (var value in secrets.Values.Append(reportingPassword).Append(redisPassword)
            .Concat(new[] { "Jwt:Secret", "Security:SecretKey", "Care:AadhaarKey", "Care:DocumentKey" }.Select(k => app.Services.GetRequiredService<IConfiguration>()[k])))
            (raw + page).ShouldNotContain(value!);
        page.ShouldContain("Host=reports.internal;Username=reader;Password=***;Database=afya");
        page.ShouldContain("redis://:***@cache.internal:6380/0");
        (await staff.GetPageAsync("/admin/operations/settings?q=corsorigins")).ShouldNotContain("<code>Mail:Password</code>");
    }

    [Fact]
    public async Task Staff_without_the_admin_role_open_no_operations_page()
    {
        await using var app = new AfyaFactory(Db.Sqlite);
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var manager = await app.Client().RegisterAsync(Calls.UniqueEmail("manager"));
        (await admin.PatchAsync($"/api/v1/admin/users/{manager.UserId}", System.Net.Http.Json.JsonContent.Create(new { roles = new[] { "hospital_admin" } })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var staff = await new ConsoleUser(app, app.Client(), manager.Email, manager.Password).SignInAsync();
        var home = await staff.GetPageAsync("/admin");
        foreach (var path in new[] { "/admin/operations", "/admin/operations/platform", "/admin/operations/settings" })
        {
            (await staff.Http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            home.ShouldNotContain($"href=\"{path}\"", Case.Sensitive, path);
        }
    }
}
