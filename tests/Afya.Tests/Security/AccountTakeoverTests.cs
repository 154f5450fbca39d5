using System.Net;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Security;

// Issue 12, high: an unverified phone number is never a sign-in identity.
public abstract class AccountTakeoverTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : AccountTakeoverTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : AccountTakeoverTests(apps.Postgres);

    [Fact]
    public async Task A_phone_number_someone_else_registered_unverified_gives_its_owner_a_fresh_account()
    {
        var phone = Phones.Kenyan();
        var attackerEmail = Calls.UniqueEmail("squatter");
        var attacker = await (await app.Client().PostJson("/api/v1/auth/register", new { email = attackerEmail, password = "squat-pass-1", phone_number = phone }))
            .ShouldBe(HttpStatusCode.Created);
        var attackerId = attacker["user"]!["id"]!.GetValue<string>();

        await (await app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone, purpose = "login" })).ShouldBe(HttpStatusCode.OK);
        var owner = await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code = await app.LatestCodeAsync(phone) }))
            .ShouldBe(HttpStatusCode.OK);
        owner["is_new_user"]!.GetValue<bool>().ShouldBeTrue();
        owner["user"]!["id"]!.GetValue<string>().ShouldNotBe(attackerId);
        owner["user"]!["phone_number"]!.GetValue<string>().ShouldBe(phone);

        // The squatter's account lost the number, and what the owner enters is not readable with the squatter's password.
        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { email = attackerEmail, password = "squat-pass-1" })).ShouldBe(HttpStatusCode.OK);
        login["user"]!["id"]!.GetValue<string>().ShouldBe(attackerId);
        login["user"]!["phone_number"].ShouldBeNull();
        await (await app.Client().WithToken(owner["access"]!.GetValue<string>()).PatchJson("/api/v1/auth/profile", new { national_id = "A1234567" }))
            .ShouldBe(HttpStatusCode.OK);
        (await (await app.Client().WithToken(login["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK))
            ["national_id"].ShouldBeNull();
    }

    [Fact]
    public async Task A_phone_change_to_a_number_held_unverified_elsewhere_takes_the_number()
    {
        var phone = Phones.Kenyan();
        var squatter = await (await app.Client().PostJson("/api/v1/auth/register", new { email = Calls.UniqueEmail("sq"), password = "squat-pass-1", phone_number = phone }))
            .ShouldBe(HttpStatusCode.Created);
        var owner = await app.Client().RegisterAsync();
        var client = app.Client().WithToken(owner.Access);
        await (await client.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = phone })).ShouldBe(HttpStatusCode.OK);
        var changed = await (await client.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = phone, otp_code = await app.LatestCodeAsync(phone) }))
            .ShouldBe(HttpStatusCode.OK);
        changed["phone_number"]!.GetValue<string>().ShouldBe(phone);
        (await (await app.Client().WithToken(squatter["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK))
            ["phone_number"].ShouldBeNull();
        (await app.SignInByPhoneAsync(phone)).UserId.ShouldBe(owner.UserId);
    }

    [Fact]
    public async Task A_phone_change_to_a_verified_number_looks_sent_and_tells_its_owner_instead()
    {
        var taken = Phones.Kenyan();
        var holder = await app.SignInByPhoneAsync(taken);
        var requester = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var free = Phones.Kenyan();

        var toTaken = await (await requester.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = taken })).ShouldBe(HttpStatusCode.OK);
        var toFree = await (await requester.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = free })).ShouldBe(HttpStatusCode.OK);
        toTaken.AsObject().Select(kv => kv.Key).ShouldBe(toFree.AsObject().Select(kv => kv.Key));
        toTaken["message"]!.GetValue<string>().ShouldBe(toFree["message"]!.GetValue<string>());

        (await app.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Recipient == taken && m.Template == "phone_claim_attempt"))).ShouldBeTrue();
        // No code exists for the taken number, so the change answers as a wrong code would.
        await (await requester.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = taken, otp_code = "123456" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "OTP_INVALID");
        (await (await app.Client().WithToken(holder.Access).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK))["phone_number"]!.GetValue<string>().ShouldBe(taken);
        (await (await requester.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK))["phone_number"].ShouldBeNull();
    }
}
