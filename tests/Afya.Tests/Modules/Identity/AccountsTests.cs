using System.Net;
using System.Net.Http.Headers;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Identity;

public abstract class AccountsTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : AccountsTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : AccountsTests(apps.Postgres);

    [Fact]
    public async Task Register_login_me_refresh_logout_is_one_session_lifecycle()
    {
        var client = app.Client();
        var email = Calls.UniqueEmail("flow");
        var registered = await (await client.PostJson("/api/v1/auth/register", new { email, password = "s3cure-pass", first_name = "Amina", last_name = "Otieno" }))
            .ShouldBe(HttpStatusCode.Created);
        registered["user"]!["email"]!.GetValue<string>().ShouldBe(email);
        registered["user"]!["name"]!.GetValue<string>().ShouldBe("Amina Otieno");
        registered["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["customer"]);

        var login = await (await client.PostJson("/api/v1/auth/login", new { email = email.ToUpperInvariant(), password = "s3cure-pass" })).ShouldBe(HttpStatusCode.OK);
        login["token_type"]!.GetValue<string>().ShouldBe("Bearer");
        login["expires_in"]!.GetValue<int>().ShouldBe(900);
        var access = login["access"]!.GetValue<string>();
        var refresh = login["refresh"]!.GetValue<string>();

        var me = await (await app.Client().WithToken(access).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        me["email"]!.GetValue<string>().ShouldBe(email);

        var rotated = await (await client.PostJson("/api/v1/auth/refresh", new { refresh })).ShouldBe(HttpStatusCode.OK);
        var newAccess = rotated["access"]!.GetValue<string>();
        var newRefresh = rotated["refresh"]!.GetValue<string>();
        newRefresh.ShouldNotBe(refresh);

        await (await client.PostJson("/api/v1/auth/refresh", new { refresh })).ShouldBeProblem(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_REUSED");

        // The reuse ended the whole session: the tokens it rotated to, and every access token it issued.
        await (await client.PostJson("/api/v1/auth/refresh", new { refresh = newRefresh })).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        await (await app.Client().WithToken(newAccess).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        await (await app.Client().WithToken(access).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");

        var again = await (await client.PostJson("/api/v1/auth/login", new { email, password = "s3cure-pass" })).ShouldBe(HttpStatusCode.OK);
        var authed = app.Client().WithToken(again["access"]!.GetValue<string>());
        (await authed.PostJson("/api/v1/auth/logout", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await authed.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token_it_is_given()
    {
        var session = await app.Client().RegisterAsync();
        var client = app.Client().WithToken(session.Access);
        (await client.PostJson("/api/v1/auth/logout", new { refresh = session.Refresh })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    public static TheoryData<string, string, string> InvalidRegistrations => new()
    {
        { """{"password":"s3cure-pass"}""", "email", "VALIDATION_FAILED" },
        { """{"email":"not-an-email","password":"s3cure-pass"}""", "email", "VALIDATION_FAILED" },
        { """{"email":"EMAIL","password":"short1"}""", "password", "VALIDATION_FAILED" },
        { """{"email":"EMAIL","password":"1234567890"}""", "password", "VALIDATION_FAILED" },
        { """{"email":"EMAIL","password":"EMAIL"}""", "password", "VALIDATION_FAILED" },
        { """{"email":"EMAIL"}""", "password", "VALIDATION_FAILED" },
        { """{"email":"EMAIL","password":"s3cure-pass","username":"a b"}""", "username", "VALIDATION_FAILED" },
        { """{"email":"EMAIL","password":"s3cure-pass","phone_number":"12"}""", "phone_number", "VALIDATION_FAILED" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Registration_rules_are_enforced_with_the_field_named(string body, string field, string code)
    {
        var response = await app.Client().PostRaw("/api/v1/auth/register", body.Replace("EMAIL", Calls.UniqueEmail(), StringComparison.Ordinal));
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, code);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Fact]
    public async Task Email_is_unique_regardless_of_case_and_spaces()
    {
        var email = Calls.UniqueEmail("dup");
        await app.Client().RegisterAsync(email);
        var again = await app.Client().PostJson("/api/v1/auth/register", new { email = "  " + email.ToUpperInvariant() + " ", password = "other-pass-9" });
        var problem = await again.ShouldBeProblem(HttpStatusCode.Conflict, "EMAIL_TAKEN");
        problem["errors"]!["email"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Usernames_are_unique_and_derived_when_missing()
    {
        var local = "kamau" + Guid.NewGuid().ToString("N")[..8];
        var first = await (await app.Client().PostJson("/api/v1/auth/register", new { email = $"{local}@one.example", password = "s3cure-pass" })).ShouldBe(HttpStatusCode.Created);
        var second = await (await app.Client().PostJson("/api/v1/auth/register", new { email = $"{local}@two.example", password = "s3cure-pass" })).ShouldBe(HttpStatusCode.Created);
        first["user"]!["username"]!.GetValue<string>().ShouldBe(local);
        second["user"]!["username"]!.GetValue<string>().ShouldStartWith(local);
        second["user"]!["username"]!.GetValue<string>().ShouldNotBe(local);

        await (await app.Client().PostJson("/api/v1/auth/register", new { email = Calls.UniqueEmail(), password = "s3cure-pass", username = local.ToUpperInvariant() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "USERNAME_TAKEN");

        var byUsername = await app.Client().PostJson("/api/v1/auth/login", new { username = local, password = "s3cure-pass" });
        (await byUsername.ShouldBe(HttpStatusCode.OK))["user"]!["email"]!.GetValue<string>().ShouldBe($"{local}@one.example");
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_answer_alike()
    {
        var session = await app.Client().RegisterAsync();
        var wrong = await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = "wrong-pass-1" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var unknown = await (await app.Client().PostJson("/api/v1/auth/login", new { email = Calls.UniqueEmail("ghost"), password = "wrong-pass-1" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        unknown["title"]!.ToJsonString().ShouldBe(wrong["title"]!.ToJsonString());
        unknown["detail"]!.ToJsonString().ShouldBe(wrong["detail"]!.ToJsonString());
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var session = await app.Client().RegisterAsync();
        for (var i = 0; i < 4; i++)
            await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = "wrong-pass-1" }))
                .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = "wrong-pass-1" }))
            .ShouldBeProblem(HttpStatusCode.TooManyRequests, "ACCOUNT_LOCKED");
        var locked = await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password });
        await locked.ShouldBeProblem(HttpStatusCode.TooManyRequests, "ACCOUNT_LOCKED");
        locked.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task Failures_from_one_address_slow_that_address_but_never_refuse_a_right_password()
    {
        var address = $"192.0.2.{Random.Shared.Next(1, 250)}";
        var victim = await app.Client().RegisterAsync();
        for (var i = 0; i < 21; i++)
            await (await app.Client(address).PostJson("/api/v1/auth/login", new { email = Calls.UniqueEmail("spray"), password = "wrong-pass-1" }))
                .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await (await app.Client(address).PostJson("/api/v1/auth/login", new { email = victim.Email, password = victim.Password })).ShouldBe(HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400), "the address is past its limit, so it waits");
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = victim.Email, password = victim.Password })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Tampered_and_missing_tokens_are_refused()
    {
        var session = await app.Client().RegisterAsync();
        var parts = session.Access.Split('.');
        var payload = parts[1].ToCharArray();
        payload[10] = payload[10] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{new string(payload)}.{parts[2]}";
        await (await app.Client().WithToken(tampered).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        var none = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
        await (await app.Client().WithToken(none).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        var noToken = await app.Client().GetAsync("/api/v1/auth/me");
        await noToken.ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
        noToken.Headers.WwwAuthenticate.ShouldContain(new AuthenticationHeaderValue("Bearer"));
    }

    [Fact]
    public async Task Profile_reads_and_partial_updates()
    {
        var session = await app.Client().RegisterAsync();
        var client = app.Client().WithToken(session.Access);
        var put = await (await client.PutJson("/api/v1/auth/profile", new { name = "Ahmed Al-Kuwait", national_id = "123456789" })).ShouldBe(HttpStatusCode.OK);
        put["name"]!.GetValue<string>().ShouldBe("Ahmed Al-Kuwait");
        put["national_id"]!.GetValue<string>().ShouldBe("123456789");
        var patch = await (await client.PatchJson("/api/v1/auth/profile/", new { city = "Mombasa", county = "Mombasa" })).ShouldBe(HttpStatusCode.OK);
        patch["name"]!.GetValue<string>().ShouldBe("Ahmed Al-Kuwait");
        patch["city"]!.GetValue<string>().ShouldBe("Mombasa");
        var read = await (await client.GetAsync("/api/v1/auth/profile")).ShouldBe(HttpStatusCode.OK);
        read["county"]!.GetValue<string>().ShouldBe("Mombasa");
        await (await client.PatchJson("/api/v1/auth/profile", new { national_id = "12<script>" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await client.PatchJson("/api/v1/auth/profile", new { city = new string('x', 101) })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Avatar_upload_accepts_images_by_content_only()
    {
        var session = await app.Client().RegisterAsync();
        var client = app.Client().WithToken(session.Access);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var ok = await (await client.PostAsync("/api/v1/auth/profile/avatar", Upload(png, "me.png", "image/png"))).ShouldBe(HttpStatusCode.OK);
        var url = ok["avatar_url"]!.GetValue<string>();
        url.ShouldStartWith("/media/avatars/");
        var served = await app.Client().GetAsync(url);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(png);

        byte[] exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0];
        await (await client.PostAsync("/api/v1/auth/profile/avatar", Upload(exe, "photo.png", "image/png")))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_IMAGE");
        await (await client.PostJson("/api/v1/auth/profile/avatar", new { avatar = "x" }))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Password_change_ends_every_other_session()
    {
        var session = await app.Client().RegisterAsync();
        var other = await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBe(HttpStatusCode.OK);
        var client = app.Client().WithToken(session.Access);
        await (await client.PostJson("/api/v1/auth/password/change", new { current_password = "nope-nope-1", new_password = "brand-new-pass" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_CURRENT_PASSWORD");
        var changed = await (await client.PostJson("/api/v1/auth/password/change", new { current_password = session.Password, new_password = "brand-new-pass" }))
            .ShouldBe(HttpStatusCode.OK);

        await (await app.Client().WithToken(other["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = other["refresh"]!.GetValue<string>() })).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Client().WithToken(changed["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = "brand-new-pass" })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_concurrent_registrations_with_one_email_make_one_account()
    {
        var email = Calls.UniqueEmail("race");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            app.Client().PostJson("/api/v1/auth/register", new { email, password = "s3cure-pass" })));
        attempts.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var loser = attempts.Single(r => r.StatusCode != HttpStatusCode.Created);
        await loser.ShouldBeProblem(HttpStatusCode.Conflict, "EMAIL_TAKEN");
    }

    [Fact]
    public async Task Two_concurrent_refreshes_of_one_token_give_one_new_pair()
    {
        var session = await app.Client().RegisterAsync();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh })));
        attempts.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name, string type)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "avatar", name } };
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
