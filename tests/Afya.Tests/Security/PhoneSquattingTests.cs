using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Security;

// Finding F10: a number typed in without proof held it, so anyone could block its owner's sign-up and learn that it
// was known. A number is held only once an OTP to it proved it.
public class PhoneSquattingTests(Apps apps)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_number_someone_typed_in_does_not_block_its_owner(Db provider)
    {
        var app = apps.For(provider);
        var phone = Phones.Kenyan();
        var squatter = await RegisterAsync(app, phone);

        // The owner signs up with her own number: on the native route and on Dira's, as if nobody had claimed it.
        var owner = await RegisterAsync(app, phone);
        owner["user"]!["phone_number"]!.GetValue<string>().ShouldBe(phone);
        owner["user"]!["phone_verified"]!.GetValue<bool>().ShouldBeFalse();
        await (await app.Client().PostJson("/api/v1/auth/signup",
                new { email = Calls.UniqueEmail("dira"), hashed_password = "Pharmacy-2024", first_name = "Amina", last_name = "Otieno", phone_number = phone }))
            .ShouldBe(HttpStatusCode.Created);
        // A profile's contact number is not refused either.
        var other = await app.Client().RegisterAsync();
        (await (await app.Client().WithToken(other.Access).PatchJson("/api/v1/auth/profile", new { phone })).ShouldBe(HttpStatusCode.OK))
            ["phone_number"]!.GetValue<string>().ShouldBe(phone);

        // She proves it from her account; every claim without proof lets go, and the number signs her in.
        var client = app.Client().WithToken(Access(owner));
        await (await client.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = phone })).ShouldBe(HttpStatusCode.OK);
        var changed = await (await client.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = phone, otp_code = await app.LatestCodeAsync(phone) }))
            .ShouldBe(HttpStatusCode.OK);
        changed["phone_verified"]!.GetValue<bool>().ShouldBeTrue();
        (await MeAsync(app, Access(squatter)))["phone_number"].ShouldBeNull();
        (await MeAsync(app, other.Access))["phone_number"].ShouldBeNull();
        (await app.SignInByPhoneAsync(phone)).UserId.ShouldBe(Id(owner));
        (await app.WithDbAsync(db => db.Set<User>().CountAsync(u => u.PhoneNumber == phone))).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Proving_a_number_by_sign_in_releases_every_unverified_claim_of_it(Db provider)
    {
        var app = apps.For(provider);
        var phone = Phones.Kuwaiti();
        var first = await RegisterAsync(app, phone);
        var second = await RegisterAsync(app, phone);

        var owner = await app.SignInByPhoneAsync(phone);
        owner.UserId.ShouldNotBe(Id(first));
        owner.UserId.ShouldNotBe(Id(second));
        (await MeAsync(app, Access(first)))["phone_number"].ShouldBeNull();
        (await MeAsync(app, Access(second)))["phone_number"].ShouldBeNull();
        var holders = await app.WithDbAsync(db => db.Set<User>().Where(u => u.PhoneNumber == phone).Select(u => new { u.Id, u.PhoneVerified }).ToListAsync());
        holders.Count.ShouldBe(1);
        holders[0].Id.ToString().ShouldBe(owner.UserId);
        holders[0].PhoneVerified.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Signing_up_with_a_verified_number_answers_as_for_a_free_one_and_holds_nothing(Db provider)
    {
        var app = apps.For(provider);
        var taken = Phones.Kenyan();
        var holder = await app.SignInByPhoneAsync(taken);

        // A stranger cannot tell a held number from a free one: same status, same fields, unverified either way.
        var onTaken = await RegisterAsync(app, taken);
        var onFree = await RegisterAsync(app, Phones.Kenyan());
        Fields(onTaken).ShouldBe(Fields(onFree));
        onTaken["user"]!["phone_number"]!.GetValue<string>().ShouldBe(taken);
        onTaken["user"]!["phone_verified"]!.GetValue<bool>().ShouldBe(onFree["user"]!["phone_verified"]!.GetValue<bool>());
        var contact = await app.Client().RegisterAsync();
        (await (await app.Client().WithToken(contact.Access).PatchJson("/api/v1/auth/profile", new { phone = taken })).ShouldBe(HttpStatusCode.OK))
            ["phone_verified"]!.GetValue<bool>().ShouldBeFalse();

        // The number still signs in only its holder, and her next proof clears the stranger's claim.
        var code = await NewCodeAsync(app, taken, () => app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = taken, purpose = "register" }));
        (await (await app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = taken, code })).ShouldBe(HttpStatusCode.OK))
            ["user"]!["id"]!.GetValue<string>().ShouldBe(holder.UserId);
        (await MeAsync(app, Access(onTaken)))["phone_number"].ShouldBeNull();
        (await MeAsync(app, contact.Access))["phone_number"].ShouldBeNull();
        (await MeAsync(app, holder.Access))["phone_number"]!.GetValue<string>().ShouldBe(taken);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_phone_change_and_a_sign_in_proving_one_number_at_once_leave_one_holder(Db provider)
    {
        var app = apps.For(provider);
        for (var round = 0; round < 3; round++)
        {
            var phone = Phones.Kenyan();
            var squatters = new[] { await RegisterAsync(app, phone), await RegisterAsync(app, phone) };
            var changer = await app.Client().RegisterAsync();
            var changeClient = app.Client().WithToken(changer.Access);
            var changeCode = await NewCodeAsync(app, phone, () => changeClient.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = phone }));
            var signInCode = await NewCodeAsync(app, phone, () => app.Client().PostJson("/api/v1/auth/send-otp", new { phone_number = phone, purpose = "login" }));

            // The account asking to move to the number and a sign-in with it, each with a right code, at once.
            var changing = changeClient.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = phone, otp_code = changeCode });
            var signingIn = app.Client().PostJson("/api/v1/auth/verify-otp", new { phone_number = phone, code = signInCode });
            await Task.WhenAll(changing, signingIn);
            var (change, signIn) = (await changing, await signingIn);

            var holder = (await app.WithDbAsync(db => db.Set<User>().Where(u => u.PhoneNumber == phone && u.PhoneVerified).Select(u => u.Id).SingleAsync())).ToString();
            // The sign-in lands on whoever holds the number; the change either took it or is told it is taken.
            (await signIn.ShouldBe(HttpStatusCode.OK))["user"]!["id"]!.GetValue<string>().ShouldBe(holder);
            if (change.StatusCode == HttpStatusCode.OK) holder.ShouldBe(changer.UserId);
            else
            {
                await change.ShouldBeProblem(HttpStatusCode.Conflict, "PHONE_TAKEN");
                holder.ShouldNotBe(changer.UserId);
                (await MeAsync(app, changer.Access))["phone_number"].ShouldBeNull();
            }
            foreach (var squatter in squatters) (await MeAsync(app, Access(squatter)))["phone_number"].ShouldBeNull();
            (await app.WithDbAsync(db => db.Set<User>().CountAsync(u => u.PhoneNumber == phone))).ShouldBe(1);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_number_never_proved_hears_nothing_and_a_held_number_answers_a_code_check_as_a_free_one(Db provider)
    {
        var app = apps.For(provider);
        // A squatter moving to a number of her own: the number she only typed in is told nothing.
        var victim = Phones.Kenyan();
        var squatter = app.Client().WithToken(Access(await RegisterAsync(app, victim)));
        var own = Phones.Kenyan();
        var code = await NewCodeAsync(app, own, () => squatter.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = own }));
        await (await squatter.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = own, otp_code = code })).ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Recipient == victim))).ShouldBe(0);

        // A stranger's wrong code for a held number and for a free one: the same answer, attempts counted alike.
        var held = Phones.Kenyan();
        await app.SignInByPhoneAsync(held);
        var free = Phones.Kenyan();
        var stranger = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var freeCode = await NewCodeAsync(app, free, () => stranger.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = free }));
        var wrong = new string(freeCode[0] == '1' ? '2' : '1', freeCode.Length);
        await (await stranger.PostJson("/api/v1/auth/profile/phone/send-otp", new { new_phone_number = held })).ShouldBe(HttpStatusCode.OK);
        foreach (var attempt in new[] { 1, 2 })
        {
            var onHeld = await (await stranger.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = held, otp_code = wrong }))
                .ShouldBeProblem(HttpStatusCode.BadRequest, "OTP_INVALID");
            var onFree = await (await stranger.PutJson("/api/v1/auth/profile/phone", new { new_phone_number = free, otp_code = wrong }))
                .ShouldBeProblem(HttpStatusCode.BadRequest, "OTP_INVALID");
            (onHeld["detail"]?.GetValue<string>(), onHeld["attempts_left"]?.GetValue<int>())
                .ShouldBe((onFree["detail"]?.GetValue<string>(), onFree["attempts_left"]?.GetValue<int>()), $"attempt {attempt}");
        }
    }

    private static async Task<JsonNode> RegisterAsync(AfyaFactory app, string phone) =>
        await (await app.Client().PostJson("/api/v1/auth/register", new { email = Calls.UniqueEmail("phone"), password = "squat-pass-1", phone_number = phone }))
            .ShouldBe(HttpStatusCode.Created);

    private static async Task<JsonNode> MeAsync(AfyaFactory app, string access) =>
        await (await app.Client().WithToken(access).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

    private static string Access(JsonNode registered) => registered["access"]!.GetValue<string>();

    private static string Id(JsonNode registered) => registered["user"]!["id"]!.GetValue<string>();

    private static string[] Fields(JsonNode registered) =>
        [.. registered.AsObject().Select(kv => kv.Key), .. registered["user"]!.AsObject().Select(kv => kv.Key)];

    // The code a send put in the number's messages (several codes for one number are live here, one per purpose).
    private static async Task<string> NewCodeAsync(AfyaFactory app, string phone, Func<Task<HttpResponseMessage>> send)
    {
        var before = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Recipient == phone && m.Template == "otp").Select(m => m.Id).ToListAsync());
        await (await send()).ShouldBe(HttpStatusCode.OK);
        var message = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Recipient == phone && m.Template == "otp" && !before.Contains(m.Id)));
        return Regex.Match(message.TextBody, @"\b\d{4,9}\b").Value;
    }
}
