using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Surfaces;

// The Healthcare Backend README (Postman flow) and CloudCare's and Dira's documented routes.
public abstract class HealthcareSurfaceTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : HealthcareSurfaceTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : HealthcareSurfaceTests(apps.Postgres);

    [Fact]
    public async Task Register_login_refresh_as_simplejwt_clients_do()
    {
        var local = "yousuf" + Guid.NewGuid().ToString("N")[..8];
        var email = $"{local}@example.com";
        var registered = await (await app.Client().PostJson("/api/auth/register/", new { name = "Yousuf Wizdan", email, password = "strongpass1" })).ShouldBe(HttpStatusCode.Created);
        registered["message"]!.GetValue<string>().ShouldBe("User registered successfully");
        registered["user"]!["email"]!.GetValue<string>().ShouldBe(email);
        registered["user"]!["name"]!.GetValue<string>().ShouldBe("Yousuf Wizdan");
        registered["user"]!["username"]!.GetValue<string>().ShouldBe(local);
        registered["user"]!["id"].ShouldNotBeNull();
        registered.AsObject().ContainsKey("access").ShouldBeFalse();

        var other = await (await app.Client().PostJson("/api/auth/register/", new { name = "Other", email = $"{local}@other.example", password = "strongpass1" })).ShouldBe(HttpStatusCode.Created);
        other["user"]!["username"]!.GetValue<string>().ShouldNotBe(local);

        var tokens = await (await app.Client().PostJson("/api/auth/login/", new { email, password = "strongpass1" })).ShouldBe(HttpStatusCode.OK);
        tokens.AsObject().Select(kv => kv.Key).Order().ShouldBe(["access", "refresh"]);
        var refresh = tokens["refresh"]!.GetValue<string>();

        // simplejwt's default: the same refresh token keeps working.
        var first = await (await app.Client().PostJson("/api/auth/refresh/", new { refresh })).ShouldBe(HttpStatusCode.OK);
        var second = await (await app.Client().PostJson("/api/auth/refresh/", new { refresh })).ShouldBe(HttpStatusCode.OK);
        first.AsObject().Select(kv => kv.Key).ShouldBe(["access"]);
        var me = await (await app.Client().WithToken(second["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        me["name"]!.GetValue<string>().ShouldBe("Yousuf Wizdan");

        // Logout still revokes it.
        (await app.Client().WithToken(tokens["access"]!.GetValue<string>()).PostJson("/api/v1/auth/logout", new { refresh })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.Client().PostJson("/api/auth/refresh/", new { refresh })).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task The_seed_rules_hold_with_the_field_named()
    {
        var email = Calls.UniqueEmail("hb");
        (await (await app.Client().PostJson("/api/auth/register/", new { name = "Short", email, password = "short" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED"))
            ["errors"]!["password"].ShouldNotBeNull();
        await (await app.Client().PostJson("/api/auth/register/", new { name = "First", email, password = "strongpass1" })).ShouldBe(HttpStatusCode.Created);
        (await (await app.Client().PostJson("/api/auth/register/", new { name = "Again", email, password = "strongpass1" })).ShouldBeProblem(HttpStatusCode.BadRequest, "EMAIL_TAKEN"))
            ["errors"]!["email"].ShouldNotBeNull();
        await (await app.Client().PostJson("/api/auth/login/", new { email, password = "wrongpass1" })).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await (await app.Client().PostJson("/api/auth/refresh/", new { refresh = "made-up" })).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task Native_refresh_still_rotates_a_token_from_the_seed_login()
    {
        var email = Calls.UniqueEmail("rot");
        await app.Client().PostJson("/api/auth/register/", new { name = "Rot", email, password = "strongpass1" });
        var refresh = (await (await app.Client().PostJson("/api/auth/login/", new { email, password = "strongpass1" })).ShouldBe(HttpStatusCode.OK))["refresh"]!.GetValue<string>();
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh })).ShouldBeProblem(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_REUSED");
    }

    [Fact]
    public async Task CloudCare_login_refresh_me_and_health_work_as_documented()
    {
        var session = await app.Client().RegisterAsync();
        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBe(HttpStatusCode.OK);
        var pair = await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = login["refresh"]!.GetValue<string>() })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().WithToken(pair["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        (await (await app.Client().GetAsync("/health")).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("healthy");
    }

    [Theory]
    [InlineData("/api/v1/docs/index.html", "swagger-ui")]
    [InlineData("/api/v1/redoc/index.html", "redoc")]
    [InlineData("/api/v1/openapi.json", "\"openapi\"")]
    public async Task Dira_docs_links_work(string path, string marker)
    {
        var response = await app.Client().GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(marker);
    }

    [Fact]
    public async Task OpenApi_shows_the_healthcare_lists_as_arrays_of_their_items_and_the_native_ones_as_pages()
    {
        var paths = (await (await app.Client().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK))["paths"]!.AsObject();
        System.Text.Json.Nodes.JsonNode Ok(string path) =>
            paths.Single(p => p.Key.TrimEnd('/') == path).Value!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

        var bare = Ok("/api/patients");
        bare["type"]!.GetValue<string>().ShouldBe("array", bare.ToJsonString());
        bare["items"]!["$ref"]!.GetValue<string>().ShouldEndWith("/PatientResponse");
        Ok("/api/mappings/patient/{patientId}")["items"]!["$ref"]!.GetValue<string>().ShouldEndWith("/MappingResponse");
        Ok("/api/v1/patients")["$ref"]!.GetValue<string>().ShouldEndWith("/PageOfPatientResponse");
    }

    [Fact]
    public async Task Each_surface_has_its_own_tag_in_openapi()
    {
        var doc = await (await app.Client().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = doc["paths"]!.AsObject();
        paths["/api/user/profile"]!["get"]!["tags"]![0]!.GetValue<string>().ShouldBe("Kuwait clinic API");
        paths["/api/auth/register"]!["post"]!["tags"]![0]!.GetValue<string>().ShouldBe("Healthcare Backend API");
        paths["/api/v1/auth/token/refresh"]!["post"]!["tags"]![0]!.GetValue<string>().ShouldBe("Amazon Kenya API");
        doc["components"]!["schemas"]!.AsObject().Select(kv => kv.Key).ShouldContain(k => k.StartsWith("EnvelopeOf", StringComparison.Ordinal));
    }
}
