using System.Net;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Identity;

public abstract class AdminAndLifecycleTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : AdminAndLifecycleTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : AdminAndLifecycleTests(apps.Postgres);

    [Fact]
    public async Task Only_admins_reach_admin_routes_and_can_grant_roles()
    {
        var customer = await app.Client().RegisterAsync();
        await (await app.Client().WithToken(customer.Access).GetAsync("/api/v1/admin/users")).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await app.Client().GetAsync("/api/v1/admin/users")).ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");

        var admin = await app.AdminAsync();
        var client = app.Client().WithToken(admin.Access);
        var list = await (await client.GetAsync($"/api/v1/admin/users?search={Uri.EscapeDataString(customer.Email)}")).ShouldBe(HttpStatusCode.OK);
        list["count"]!.GetValue<int>().ShouldBe(1);
        list["results"]![0]!["id"]!.GetValue<string>().ShouldBe(customer.UserId);

        var granted = await (await client.PatchJson($"/api/v1/admin/users/{customer.UserId}", new { roles = new[] { "customer", "doctor" } })).ShouldBe(HttpStatusCode.OK);
        granted["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["customer", "doctor"]);
        await (await client.PatchJson($"/api/v1/admin/users/{customer.UserId}", new { roles = new[] { "wizard" } })).ShouldBeProblem(HttpStatusCode.BadRequest, "UNKNOWN_ROLE");
        await (await client.PatchJson($"/api/v1/admin/users/{Guid.NewGuid()}", new { is_active = false })).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await client.PatchJson($"/api/v1/admin/users/{admin.UserId}", new { is_active = false })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "CANNOT_DEMOTE_SELF");

        // New tokens carry the granted role.
        var relogin = await (await app.Client().PostJson("/api/v1/auth/login", new { email = customer.Email, password = customer.Password })).ShouldBe(HttpStatusCode.OK);
        relogin["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("doctor");
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in_and_their_tokens_stop_working()
    {
        var customer = await app.Client().RegisterAsync();
        var admin = await app.AdminAsync();
        await (await app.Client().WithToken(admin.Access).PatchJson($"/api/v1/admin/users/{customer.UserId}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);

        await (await app.Client().WithToken(customer.Access).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = customer.Refresh })).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = customer.Email, password = customer.Password }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Registration_email_verifies_the_address_once()
    {
        var session = await app.Client().RegisterAsync();
        var token = await TokenFromLatestEmailAsync(session.Email, "welcome", "verify-email?token=");
        await (await app.Client().PostJson("/api/v1/auth/email/verify", new { token })).ShouldBe(HttpStatusCode.OK);
        var me = await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        me["email_verified"]!.GetValue<bool>().ShouldBeTrue();
        await (await app.Client().PostJson("/api/v1/auth/email/verify", new { token })).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_TOKEN");
    }

    // Anyone can sign up with someone else's address: a name they chose must not speak in the subject of a mail Afya
    // sends to that address.
    [Fact]
    public async Task The_welcome_subject_carries_no_text_the_person_signing_up_chose()
    {
        var email = Calls.UniqueEmail();
        await (await app.Client().PostJson("/api/v1/auth/register",
            new { email, password = "correct-horse-1", first_name = "Your account is locked, call +254700000000", last_name = "Now" })).ShouldBe(HttpStatusCode.Created);
        var subject = await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.Recipient == email && m.Template == "welcome").Select(m => m.Subject).FirstOrDefaultAsync()), what: "welcome mail");
        subject.ShouldBe("Welcome to Afya: please confirm your email");
    }

    [Fact]
    public async Task A_verification_link_can_be_sent_again_until_the_email_is_verified()
    {
        var session = await app.Client().RegisterAsync();
        var client = app.Client().WithToken(session.Access);
        await (await client.PostAsync("/api/v1/auth/email/verify/resend", null)).ShouldBe(HttpStatusCode.Accepted);
        var token = await TokenFromLatestEmailAsync(session.Email, "verify_email", "verify-email?token=");
        await (await app.Client().PostJson("/api/v1/auth/email/verify", new { token })).ShouldBe(HttpStatusCode.OK);
        await (await client.PostAsync("/api/v1/auth/email/verify/resend", null)).ShouldBeProblem(HttpStatusCode.Conflict, "EMAIL_ALREADY_VERIFIED");
        await (await app.Client().PostAsync("/api/v1/auth/email/verify/resend", null)).ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
    }

    [Fact]
    public async Task Forgot_and_reset_password_by_emailed_link()
    {
        var session = await app.Client().RegisterAsync();
        var unknown = await (await app.Client().PostJson("/api/v1/auth/password/forgot", new { email = Calls.UniqueEmail("nobody") })).ShouldBe(HttpStatusCode.Accepted);
        var known = await (await app.Client().PostJson("/api/v1/auth/password/forgot", new { email = session.Email })).ShouldBe(HttpStatusCode.Accepted);
        known.ToJsonString().ShouldBe(unknown.ToJsonString());

        var token = await TokenFromLatestEmailAsync(session.Email, "password_reset", "reset-password?token=");
        await (await app.Client().PostJson("/api/v1/auth/password/reset", new { token, new_password = "1234567890" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await app.Client().PostJson("/api/v1/auth/password/reset", new { token, new_password = "after-reset-9" })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/password/reset", new { token, new_password = "again-reset-9" })).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_TOKEN");

        await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = "after-reset-9" })).ShouldBe(HttpStatusCode.OK);
    }

    // Reset mails are queued after the answer, so this waits for the message.
    private Task<string> TokenFromLatestEmailAsync(string email, string template, string marker) =>
        Calls.Eventually(() => app.WithDbAsync(async db =>
        {
            var message = await db.Set<OutboxMessage>().Where(m => m.Recipient == email && m.Template == template)
                .OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync();
            if (message is null) return null;
            var start = message.TextBody.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            var end = message.TextBody.IndexOfAny(['\n', '\r', ' '], start);
            return message.TextBody[start..(end < 0 ? message.TextBody.Length : end)];
        }), what: template + " mail");
}

// Rules about time, each on an app of its own with a clock the test moves.
public class TimedIdentityTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Access_tokens_expire_and_refresh_tokens_outlive_them(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, clock: clock);
        var session = await app.Client().RegisterAsync();
        clock.Advance(TimeSpan.FromMinutes(16));
        await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
        var pair = await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().WithToken(pair["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        clock.Advance(TimeSpan.FromDays(31));
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = pair["refresh"]!.GetValue<string>() }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_lock_out_ends_after_its_time(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["ACCESS_TOKEN_EXPIRY"] = "600" }, clock);
        var session = await app.Client().RegisterAsync();
        session.Access.ShouldNotBeNullOrEmpty();
        for (var i = 0; i < 5; i++) await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = "wrong-pass-1" });
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "ACCOUNT_LOCKED");
        clock.Advance(TimeSpan.FromMinutes(14));
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "ACCOUNT_LOCKED");
        clock.Advance(TimeSpan.FromMinutes(2));
        var ok = await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBe(HttpStatusCode.OK);
        ok["expires_in"]!.GetValue<int>().ShouldBe(600);
    }
}
