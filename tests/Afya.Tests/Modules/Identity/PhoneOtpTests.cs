using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Identity;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Identity;

public static partial class Phones
{
    public static string Kenyan() => "+2547" + Random.Shared.Next(10_000_000, 99_999_999);
    public static string Kuwaiti() => "+9655" + Random.Shared.Next(1_000_000, 9_999_999);

    // The code as the user would read it: from the message the outbox holds for that phone.
    public static Task<string> LatestCodeAsync(this AfyaFactory app, string phone) =>
        app.WithDbAsync(async db =>
        {
            var message = await db.Set<OutboxMessage>().Where(m => m.Recipient == phone && m.Template == "otp")
                .OrderByDescending(m => m.CreatedAt).FirstAsync();
            return Digits().Match(message.TextBody).Value;
        });

    public static async Task<Session> SignInByPhoneAsync(this AfyaFactory app, string phone)
    {
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone, purpose = "login" })).ShouldBe(HttpStatusCode.OK);
        var code = await app.LatestCodeAsync(phone);
        var body = await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code })).ShouldBe(HttpStatusCode.OK);
        return new Session(body["access"]!.GetValue<string>(), body["refresh"]!.GetValue<string>(), body["user"]!["id"]!.GetValue<string>(), "", "");
    }

    [GeneratedRegex(@"\b\d{4,9}\b")]
    private static partial Regex Digits();
}

public abstract class PhoneOtpTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : PhoneOtpTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : PhoneOtpTests(apps.Postgres);

    [Fact]
    public async Task First_code_sign_in_creates_the_account_and_later_ones_reuse_it()
    {
        var phone = Phones.Kuwaiti();
        var sent = await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone[4..], purpose = "login" })).ShouldBe(HttpStatusCode.OK);
        sent["phone_number"]!.GetValue<string>().ShouldBe(phone);
        sent["expires_in"]!.GetValue<int>().ShouldBe(300);
        sent["code"].ShouldBeNull();
        var code = await app.LatestCodeAsync(phone);
        code.Length.ShouldBe(6);

        var first = await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = "965" + phone[4..], code })).ShouldBe(HttpStatusCode.OK);
        first["is_new_user"]!.GetValue<bool>().ShouldBeTrue();
        first["user"]!["phone_number"]!.GetValue<string>().ShouldBe(phone);
        first["user"]!["phone_verified"]!.GetValue<bool>().ShouldBeTrue();
        first["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["customer"]);
        first["token_type"]!.GetValue<string>().ShouldBe("Bearer");
        await (await app.Client().WithToken(first["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        // Within the resend cooldown of "login", so ask as "register": both purposes sign in, neither makes a second account.
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone, purpose = "register" })).ShouldBe(HttpStatusCode.OK);
        var again = await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code = await app.LatestCodeAsync(phone) })).ShouldBe(HttpStatusCode.OK);
        again["is_new_user"]!.GetValue<bool>().ShouldBeFalse();
        again["user"]!["id"]!.GetValue<string>().ShouldBe(first["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_code_works_once()
    {
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });
        var code = await app.LatestCodeAsync(phone);
        await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code })).ShouldBeProblem(HttpStatusCode.BadRequest, "OTP_INVALID");
    }

    [Fact]
    public async Task Five_wrong_codes_spend_the_code()
    {
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });
        var code = await app.LatestCodeAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var left = 4; left >= 1; left--)
        {
            var problem = await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code = wrong })).ShouldBeProblem(HttpStatusCode.BadRequest, "OTP_INVALID");
            problem["attempts_left"]!.GetValue<int>().ShouldBe(left);
        }
        await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code = wrong })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "OTP_TOO_MANY_ATTEMPTS");
        await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "OTP_TOO_MANY_ATTEMPTS");
    }

    [Fact]
    public async Task A_resend_within_a_minute_is_refused()
    {
        var phone = Phones.Kenyan();
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBe(HttpStatusCode.OK);
        var refused = await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "OTP_RESEND_TOO_SOON");
        refused["retry_after"]!.GetValue<int>().ShouldBe(60);
    }

    [Fact]
    public async Task Codes_from_one_address_are_limited()
    {
        var address = $"198.51.100.{Random.Shared.Next(1, 250)}";
        for (var i = 0; i < 20; i++)
            await (await app.Client(address).PostJson("/api/v1/auth/send-otp", new { phone_number = Phones.Kenyan() })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client(address).PostJson("/api/v1/auth/send-otp", new { phone_number = Phones.Kenyan() })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+96571234567")]
    [InlineData("not a phone")]
    public async Task Numbers_that_cannot_be_normalized_are_refused(string phone)
    {
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_PHONE_NUMBER");
        await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code = "123456" })).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_PHONE_NUMBER");
    }

    [Fact]
    public async Task An_unknown_purpose_is_refused()
    {
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = Phones.Kenyan(), purpose = "teleport" })).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_PURPOSE");
    }

    [Fact]
    public async Task Two_concurrent_verifies_of_one_code_sign_in_once()
    {
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });
        var code = await app.LatestCodeAsync(phone);
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code })));
        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        results.Count(r => r.StatusCode == HttpStatusCode.BadRequest).ShouldBe(1);
        (await app.WithDbAsync(db => db.Set<User>().CountAsync(u => u.PhoneNumber == phone))).ShouldBe(1);
    }

    [Fact]
    public async Task The_code_message_is_queued_urgent_for_the_number()
    {
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });
        var message = await Calls.Eventually(() => app.WithDbAsync(db =>
            db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Recipient == phone && m.Status == MessageStatus.Sent)), what: "the OTP message to be delivered");
        message.Urgent.ShouldBeTrue();
        message.TextBody.ShouldContain(await app.LatestCodeAsync(phone));
        (await app.WithDbAsync(db => db.Set<OtpChallenge>().Where(c => c.PhoneNumber == phone).Select(c => c.CodeHash).FirstAsync()))
            .ShouldNotContain(await app.LatestCodeAsync(phone));
    }

    [Fact]
    public async Task Phone_change_moves_the_account_and_tells_the_old_number()
    {
        var oldPhone = Phones.Kenyan();
        var session = await app.SignInByPhoneAsync(oldPhone);
        var client = app.Client().WithToken(session.Access);
        var taken = Phones.Kenyan();
        await app.SignInByPhoneAsync(taken);
        // A taken number looks free to the requester; its owner is told instead.
        await (await client.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = taken })).ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Recipient == taken && m.Template == "phone_claim_attempt"))).ShouldBeTrue();

        var newPhone = Phones.Kuwaiti();
        await (await client.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = newPhone })).ShouldBe(HttpStatusCode.OK);
        var code = await app.LatestCodeAsync(newPhone);
        await (await client.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = newPhone, otp_code = code == "000000" ? "111111" : "000000" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "OTP_INVALID");
        var changed = await (await client.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = newPhone, otp_code = code })).ShouldBe(HttpStatusCode.OK);
        changed["phone_number"]!.GetValue<string>().ShouldBe(newPhone);

        // The session that asked stays valid; the old number gets a notice.
        await (await client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        var notice = await app.WithDbAsync(db => db.Set<OutboxMessage>().FirstAsync(m => m.Recipient == oldPhone && m.Template == "phone_changed"));
        notice.TextBody.ShouldContain(newPhone[..4]);
        (await app.SignInByPhoneAsync(newPhone)).UserId.ShouldBe(session.UserId);
    }

    [Fact]
    public async Task An_email_account_can_add_a_phone_and_then_sign_in_with_it()
    {
        var session = await app.Client().RegisterAsync();
        var phone = Phones.Kenyan();
        var client = app.Client().WithToken(session.Access);
        await (await client.PostJson("/api/v1/auth/send-otp", new { phone_number = phone, purpose = "phone_change" })).ShouldBe(HttpStatusCode.OK);
        await (await client.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = phone, otp_code = await app.LatestCodeAsync(phone) })).ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Recipient == session.Email && m.Template == "phone_changed"))).ShouldBeTrue();
        (await app.SignInByPhoneAsync(phone)).UserId.ShouldBe(session.UserId);
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_phone_change_code_needs_a_signed_in_caller()
    {
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = Phones.Kenyan(), purpose = "phone_change" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
        await (await app.Client().PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = Phones.Kenyan() }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
    }
}

// OTP rules about time and settings, each on an app of its own.
public class TimedOtpTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Codes_expire_after_five_minutes_and_are_purged(Db provider)
    {
        var clock = Clock();
        await using var app = new AfyaFactory(provider, clock: clock);
        var phone = Phones.Kenyan();
        await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone });
        var code = await app.LatestCodeAsync(phone);
        clock.Advance(TimeSpan.FromSeconds(301));
        await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code })).ShouldBeProblem(HttpStatusCode.BadRequest, "OTP_EXPIRED");

        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityHousekeeping>().RunOnceAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        (await app.WithDbAsync(db => db.Set<OtpChallenge>().AnyAsync(c => c.PhoneNumber == phone))).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Resends_wait_a_minute_and_a_number_gets_five_an_hour(Db provider)
    {
        var clock = Clock();
        await using var app = new AfyaFactory(provider, clock: clock);
        var phone = Phones.Kenyan();
        for (var i = 0; i < 5; i++)
        {
            await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBe(HttpStatusCode.OK);
            await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "OTP_RESEND_TOO_SOON");
            clock.Advance(TimeSpan.FromSeconds(61));
        }
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        clock.Advance(TimeSpan.FromHours(1));
        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Echo_puts_the_code_in_the_answer_in_development_only()
    {
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["OTP_ECHO"] = "true", ["Otp:Length"] = "5" });
        var phone = Phones.Kuwaiti();
        var sent = await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone })).ShouldBe(HttpStatusCode.OK);
        var code = sent["code"]!.GetValue<string>();
        code.Length.ShouldBe(5);
        code.ShouldBe(await app.LatestCodeAsync(phone));

        using var production = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["OTP_ECHO"] = "true" }, environment: "Production");
        Should.Throw<Exception>(() => production.Services).ToString().ShouldContain("OTP_ECHO");
    }
}
