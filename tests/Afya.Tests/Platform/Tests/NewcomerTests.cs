using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.PlatformTests;

// What a new user of the service meets first: the links in its emails and the docs.
public abstract partial class NewcomerTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : NewcomerTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : NewcomerTests(apps.Postgres);

    [GeneratedRegex(@"https?://\S+/(verify-email|reset-password)\?token=[\w\-]+")]
    private static partial Regex Link();

    // Forgot-password queues its mail after answering, so the message may land a moment later.
    private async Task<Uri> LinkFromLatestEmailAsync(string email, string template)
    {
        var message = await Calls.Eventually(() => app.WithDbAsync(db =>
            db.Set<OutboxMessage>().Where(m => m.Recipient == email && m.Template == template).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync()),
            what: $"a {template} message to {email}");
        return new Uri(Link().Match(message.TextBody).Value);
    }

    private async Task<string> PageAsync(Uri link, string endpoint)
    {
        var page = await app.Client().GetAsync(link.PathAndQuery);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain($"data-endpoint=\"{endpoint}\"");
        Regex.IsMatch(html, @"<script(?![^>]*\bsrc=)").ShouldBeFalse("no inline script");
        (await app.Client().GetAsync("/account/account.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return html;
    }

    [Fact]
    public async Task The_emailed_verification_link_opens_a_page_that_finishes_the_job()
    {
        var session = await app.Client().RegisterAsync();
        var link = await LinkFromLatestEmailAsync(session.Email, "welcome");
        await PageAsync(link, "/api/v1/auth/email/verify");
        // What the page's script sends.
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"];
        await (await app.Client().PostJson("/api/v1/auth/email/verify", new { token })).ShouldBe(HttpStatusCode.OK);
        (await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task The_emailed_reset_link_opens_a_page_that_finishes_the_job()
    {
        var session = await app.Client().RegisterAsync();
        await (await app.Client().PostJson("/api/v1/auth/password/forgot", new { email = session.Email })).ShouldBe(HttpStatusCode.Accepted);
        var link = await LinkFromLatestEmailAsync(session.Email, "password_reset");
        (await PageAsync(link, "/api/v1/auth/password/reset")).ShouldContain("new_password");
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"];
        await (await app.Client().PostJson("/api/v1/auth/password/reset", new { token, new_password = "from-the-page-7" })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = "from-the-page-7" })).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/docs/", "/docs/index.html")]
    [InlineData("/redoc/", "/redoc/index.html")]
    [InlineData("/docs", "/docs/index.html")]
    public async Task Docs_open_with_or_without_a_trailing_slash(string path, string target)
    {
        var response = await app.Client().GetAsync(path);
        ((int)response.StatusCode).ShouldBe(302);
        response.Headers.Location!.OriginalString.ShouldBe(target);
        (await app.Client().GetAsync(target)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

// How the service talks to the person running it.
public sealed class StartupLogTests
{
    [Fact]
    public async Task One_startup_line_names_the_url_the_database_and_the_migrations_applied()
    {
        await using var app = new AfyaFactory(Db.Sqlite, fromTemplate: false); // a new database, migrated by the app itself
        _ = app.Services;
        // Written when the host reports started, which the factory may return just before.
        var line = await Calls.Eventually(() => Task.FromResult(app.Logs.Lines.FirstOrDefault(l => l.Contains("Afya is listening on", StringComparison.Ordinal))),
            what: "the start-up line");
        app.Logs.Lines.Count(l => l.Contains("Afya is listening on", StringComparison.Ordinal)).ShouldBe(1);
        line.ShouldContain("sqlite (");
        line.ShouldContain("migrations applied: ");
        line.ShouldContain("_Initial");
    }

    [Theory]
    [InlineData("Development", null, "simple")]
    [InlineData("Production", null, "json")]
    [InlineData("Development", "json", "json")]
    [InlineData("Production", "text", "simple")]
    public async Task Logs_are_plain_text_in_development_and_json_elsewhere_unless_logging_format_says(string environment, string? format, string formatter)
    {
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Logging:Format"] = format }, environment: environment);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>();
        (options.CurrentValue.FormatterName ?? "simple").ShouldBe(formatter);
    }
}
