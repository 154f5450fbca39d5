using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Surfaces;

// The Kuwait clinic README's requests, replayed with its own bodies (placeholders filled in).
public abstract class KuwaitSurfaceTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : KuwaitSurfaceTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : KuwaitSurfaceTests(apps.Postgres);

    internal static async Task<JsonNode> Success(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.ShouldBe(status);
        body["success"]!.GetValue<bool>().ShouldBeTrue(body.ToJsonString());
        body["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        return body["data"]!;
    }

    internal static async Task<JsonNode> Failure(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var body = JsonNode.Parse(text)!;
        body["success"]!.GetValue<bool>().ShouldBeFalse();
        body["error"]!["code"]!.GetValue<string>().ShouldBe(code, text);
        body["error"]!["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        body["error"]!["details"]!["error_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        return body["error"]!;
    }

    private async Task<(HttpClient Client, string Phone, string UserId)> SignInAsync()
    {
        var phone = Phones.Kuwaiti();
        await Success(await app.Client().PostRaw("/api/auth/send-otp", $$"""{"phone_number": "{{phone}}", "purpose": "login"}"""));
        var code = await app.LatestCodeAsync(phone);
        var data = await Success(await app.Client().PostRaw("/api/auth/verify-otp", $$"""{"phone_number": "{{phone}}", "code": "{{code}}"}"""));
        return (app.Client().WithToken(data["access"]!.GetValue<string>()), phone, data["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_readme_flow_works_end_to_end()
    {
        var (client, phone, userId) = await SignInAsync();
        (await Success(await client.GetAsync("/api/user/profile")))["phone_number"]!.GetValue<string>().ShouldBe(phone);

        var updated = await Success(await client.PutAsync("/api/user/profile", Json("""{"name": "Ahmed Al-Kuwait", "national_id": "123456789"}""")));
        updated["name"]!.GetValue<string>().ShouldBe("Ahmed Al-Kuwait");
        updated["national_id"]!.GetValue<string>().ShouldBe("123456789");

        var newPhone = Phones.Kuwaiti();
        await Success(await client.PostRaw("/api/user/send-phone-change-otp", $$"""{"new_phone_number": "{{newPhone}}"}"""));
        var code = await app.LatestCodeAsync(newPhone);
        var moved = await Success(await client.PutAsync("/api/user/phone", Json($$"""{"new_phone_number": "{{newPhone}}", "otp_code": "{{code}}"}""")));
        moved["phone_number"]!.GetValue<string>().ShouldBe(newPhone);
        moved["id"]!.GetValue<string>().ShouldBe(userId);

        (await Success(await app.Client().GetAsync("/api/health")))["status"]!.GetValue<string>().ShouldBe("healthy");
    }

    [Fact]
    public async Task State_written_on_the_seed_route_reads_back_natively_and_the_other_way()
    {
        var (client, _, _) = await SignInAsync();
        await Success(await client.PutAsync("/api/user/profile", Json("""{"name": "Fatma Al-Sabah", "national_id": "287010112345"}""")));
        var me = await (await client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        me["name"]!.GetValue<string>().ShouldBe("Fatma Al-Sabah");
        me["national_id"]!.GetValue<string>().ShouldBe("287010112345");

        await (await client.PatchJson("/api/v1/auth/profile", new { name = "Fatma S." })).ShouldBe(HttpStatusCode.OK);
        (await Success(await client.GetAsync("/api/user/profile")))["name"]!.GetValue<string>().ShouldBe("Fatma S.");
    }

    [Fact]
    public async Task Every_failure_keeps_the_envelope_status_and_code()
    {
        await Failure(await app.Client().GetAsync("/api/user/profile"), HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
        await Failure(await app.Client().GetAsync("/api/user/nothing-here"), HttpStatusCode.NotFound, "NOT_FOUND");
        await Failure(await app.Client().DeleteAsync("/api/user/profile"), HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        await Failure(await app.Client().PostRaw("/api/auth/send-otp", "{\"phone_number\": "), HttpStatusCode.BadRequest, "MALFORMED_JSON");
        await Failure(await app.Client().PostRaw("/api/auth/send-otp", "phone=1", "text/plain"), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await Failure(await app.Client().PostRaw("/api/auth/send-otp", $"{{\"phone_number\": \"{new string('9', 11 * 1024 * 1024)}\"}}"), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        var invalid = await Failure(await app.Client().PostRaw("/api/auth/send-otp", """{"phone_number": "+965XXXXXXXX", "purpose": "login"}"""), HttpStatusCode.BadRequest, "INVALID_PHONE_NUMBER");
        invalid["details"]!["errors"]!["phone_number"].ShouldNotBeNull();

        var phone = Phones.Kuwaiti();
        await Success(await app.Client().PostRaw("/api/auth/send-otp", $$"""{"phone_number": "{{phone}}", "purpose": "login"}"""));
        var tooSoon = await Failure(await app.Client().PostRaw("/api/auth/send-otp", $$"""{"phone_number": "{{phone}}", "purpose": "login"}"""), HttpStatusCode.TooManyRequests, "OTP_RESEND_TOO_SOON");
        tooSoon["details"]!["retry_after"]!.GetValue<int>().ShouldBe(60);
        var wrong = await app.LatestCodeAsync(phone) == "000000" ? "111111" : "000000";
        await Failure(await app.Client().PostRaw("/api/auth/verify-otp", $$"""{"phone_number": "{{phone}}", "code": "{{wrong}}"}"""), HttpStatusCode.BadRequest, "OTP_INVALID");
        await Failure(await app.Client().WithToken("not.a.token").GetAsync("/api/user/profile"), HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task Native_routes_keep_problem_details()
    {
        await (await app.Client().GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}

public class KuwaitSurfaceSettingsTests
{
    [Fact]
    public async Task The_surface_uses_the_configured_code_length_five_as_in_the_readme()
    {
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Otp:Length"] = "5" });
        var phone = Phones.Kuwaiti();
        await KuwaitSurfaceTests.Success(await app.Client().PostJson("/api/auth/send-otp", new { phone_number = phone[4..], purpose = "login" }));
        var code = await app.LatestCodeAsync(phone);
        code.Length.ShouldBe(5);
        var data = await KuwaitSurfaceTests.Success(await app.Client().PostJson("/api/auth/verify-otp", new { phone_number = phone, code }));
        data["user"]!["phone_number"]!.GetValue<string>().ShouldBe(phone);
    }

    [Fact]
    public async Task A_switched_off_surface_is_gone_and_native_health_is_plain()
    {
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?>
        {
            ["Surfaces:Kuwait"] = "false", ["Surfaces:Healthcare"] = "false", ["Surfaces:AmazonKenya"] = "false", ["Surfaces:Dira"] = "false",
        });
        await (await app.Client().PostJson("/api/auth/send-otp", new { phone_number = Phones.Kuwaiti() })).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await app.Client().PostJson("/api/auth/login", new { email = "a@b.co", password = "x" })).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        (await (await app.Client().GetAsync("/api/health")).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("healthy");
        (await app.Client().GetAsync("/api/v1/openapi.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var doc = await (await app.Client().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        doc["paths"]!.AsObject().ContainsKey("/api/user/profile").ShouldBeFalse();
    }
}
