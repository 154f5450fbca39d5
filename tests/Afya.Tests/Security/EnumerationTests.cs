using System.Net;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Security;

// Issue 12: limits come before lookups, and answers do not tell which accounts exist.
public abstract class EnumerationTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : EnumerationTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : EnumerationTests(apps.Postgres);

    [Fact]
    public async Task Phone_change_codes_to_a_taken_number_are_rate_limited_before_anything_is_looked_up()
    {
        var taken = Phones.Kenyan();
        await app.SignInByPhoneAsync(taken);
        var requester = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        await (await requester.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = taken })).ShouldBe(HttpStatusCode.OK);
        await (await requester.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = taken }))
            .ShouldBeProblem(HttpStatusCode.TooManyRequests, "OTP_RESEND_TOO_SOON");
    }

    [Fact]
    public async Task Registration_is_limited_per_address_before_taken_emails_are_reported()
    {
        var client = app.Client();
        var first = await client.RegisterAsync();
        for (var i = 1; i < 20; i++)
            await (await client.PostJson("/api/v1/auth/register", new { email = first.Email, password = "another-pass-1" }))
                .ShouldBeProblem(HttpStatusCode.Conflict, "EMAIL_TAKEN");
        var limited = await client.PostJson("/api/v1/auth/register", new { email = first.Email, password = "another-pass-1" });
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        // Another address is not affected.
        await app.Client().RegisterAsync();
    }

    [Fact]
    public async Task Forgot_password_answers_alike_and_mails_only_a_known_address()
    {
        var session = await app.Client().RegisterAsync();
        var ghost = Calls.UniqueEmail("ghost");
        var unknown = await app.Client().PostJson("/api/v1/auth/password/forgot", new { email = ghost });
        var known = await app.Client().PostJson("/api/v1/auth/password/forgot", new { email = session.Email });
        (await unknown.ShouldBe(HttpStatusCode.Accepted)).ToJsonString().ShouldBe((await known.ShouldBe(HttpStatusCode.Accepted)).ToJsonString());
        await Calls.Eventually(() => app.WithDbAsync(db => db.Set<OutboxMessage>()
            .FirstOrDefaultAsync(m => m.Recipient == session.Email && m.Template == "password_reset")), what: "the reset mail");
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Recipient == ghost))).ShouldBeFalse();
    }
}
