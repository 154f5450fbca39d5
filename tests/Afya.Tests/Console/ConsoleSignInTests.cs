using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Console;

// Staff sign-in over HTTP: the API's password rules, TOTP, recovery codes, and sessions that end everywhere.
public class ConsoleSignInTests(ClassApps apps) : IClassFixture<ClassApps>
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_admin_enrolls_totp_signs_in_again_with_a_code_and_signing_out_everywhere_ends_both_browsers(Db db)
    {
        var app = apps.For(db);
        var first = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        (await first.GetPageAsync("/admin")).ShouldContain("Afya staff console");

        var second = new ConsoleUser(app, app.Client(), first.Email, first.Password);
        second.Secret = first.Secret;
        await second.SignInAsync();
        (await second.GetPageAsync("/admin/account")).ShouldContain("Sign out everywhere");

        var done = await second.PostFormAsync("/admin/account?handler=everywhere", []);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await first.Http.GetAsync("/admin");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.Split('?')[0].ShouldBe("/admin/signin");
    }

    [Fact]
    public async Task A_console_session_ends_after_the_idle_time_and_after_the_absolute_time_however_busy()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(Db.Sqlite, clock: clock);
        var idle = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        clock.Advance(TimeSpan.FromMinutes(29));
        (await idle.Http.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(31));
        (await idle.Http.GetAsync("/admin")).Headers.Location!.OriginalString.Split('?')[0].ShouldBe("/admin/signin");

        var busy = await new ConsoleUser(app, app.Client(), idle.Email, idle.Password) { Secret = idle.Secret }.SignInAsync();
        for (var hour = 0; hour < 11; hour++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            (await busy.Http.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);
            clock.Advance(TimeSpan.FromMinutes(20));
            (await busy.Http.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);
            clock.Advance(TimeSpan.FromMinutes(20));
            (await busy.Http.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        // Eleven hours in, still a request every twenty minutes: the twelfth hour ends it all the same.
        clock.Advance(TimeSpan.FromMinutes(20));
        (await busy.Http.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(20));
        (await busy.Http.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(25));
        (await busy.Http.GetAsync("/admin")).Headers.Location!.OriginalString.Split('?')[0].ShouldBe("/admin/signin");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_apis_message_beside_the_form_and_counts_toward_the_lockout()
    {
        var app = apps.For(Db.Sqlite);
        var admin = await ConsoleUser.AdminAsync(app);
        await admin.GetPageAsync("/admin/signin");
        var refused = await admin.PostFormAsync("/admin/signin", new() { ["email"] = admin.Email, ["password"] = "wrong-password-1" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Invalid email or password.");
    }

    [Fact]
    public async Task A_customer_with_the_right_password_is_not_let_in()
    {
        var app = apps.For(Db.Sqlite);
        var session = await app.Client().RegisterAsync();
        var customer = new ConsoleUser(app, app.Client(), session.Email, session.Password);
        await customer.GetPageAsync("/admin/signin");
        var refused = await customer.PostFormAsync("/admin/signin", new() { ["email"] = session.Email, ["password"] = session.Password });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Worded as a wrong password: the page does not tell whose password was right.
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("Invalid email or password.");
        html.ShouldNotContain("not staff");
        (await customer.Http.GetAsync("/admin/signin/code")).Headers.Location?.OriginalString.ShouldBe("/admin/signin");
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        var app = apps.For(Db.Sqlite);
        var admin = await ConsoleUser.AdminAsync(app);
        await admin.GetPageAsync("/admin/signin");
        var refused = await admin.PostFormAsync("/admin/signin", new() { ["email"] = admin.Email, ["password"] = admin.Password }, withToken: false);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Ten_codes_a_quarter_hour_are_checked_whatever_password_steps_come_between_then_not_even_the_right_one(Db db)
    {
        var app = apps.For(db);
        var admin = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var guesser = new ConsoleUser(app, app.Client(), admin.Email, admin.Password) { Secret = admin.Secret };
        for (var guess = 0; guess < 10; guess++)
        {
            await guesser.GetPageAsync("/admin/signin");
            var step = await guesser.PostFormAsync("/admin/signin", new() { ["email"] = admin.Email, ["password"] = admin.Password });
            step.Headers.Location!.OriginalString.ShouldStartWith("/admin/signin/code");
            await guesser.GetPageAsync("/admin/signin/code");
            var wrong = await guesser.PostFormAsync("/admin/signin/code", new() { ["code"] = guess % 2 == 0 ? "000000" : "999999" });
            wrong.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);
        }

        await guesser.GetPageAsync("/admin/signin");
        await guesser.PostFormAsync("/admin/signin", new() { ["email"] = admin.Email, ["password"] = admin.Password });
        await guesser.GetPageAsync("/admin/signin/code");
        var right = await guesser.PostFormAsync("/admin/signin/code", new() { ["code"] = guesser.Code(), ["returnUrl"] = "/admin" });
        right.Headers.Location!.OriginalString.ShouldBe("/admin/signin");
        (await guesser.Http.GetAsync("/admin")).Headers.Location!.OriginalString.Split('?')[0].ShouldBe("/admin/signin");
        (await guesser.GetPageAsync("/admin/signin")).ShouldContain("Too many codes tried");
    }

    [Fact]
    public async Task Outside_development_the_console_over_plain_http_says_it_needs_https_instead_of_failing()
    {
        await using var app = new AfyaFactory(Db.Sqlite, environment: "Production");
        var answer = await app.Client().GetAsync("/admin/signin");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("HTTPS only");
        var https = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        (await https.GetAsync("/admin/signin")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
