using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.Security;

// Issue 12: null list elements and control characters are refused by the JSON layer for every body, and a
// control character in the address gets the problem document.
public abstract class BodyRulesTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : BodyRulesTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : BodyRulesTests(apps.Postgres);

    [Fact]
    public async Task A_null_role_is_a_400_naming_roles()
    {
        var admin = await app.AdminAsync();
        var customer = await app.Client().RegisterAsync();
        var body = await (await app.Client().WithToken(admin.Access).PostRawAsync("PATCH", $"/api/v1/admin/users/{customer.UserId}", """{"roles": [null]}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        body["errors"]!["roles"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_null_specification_row_is_a_400_naming_specifications()
    {
        var admin = await app.AdminAsync();
        var product = Guid.NewGuid(); // the body is refused before any product is looked up
        var body = await (await app.Client().WithToken(admin.Access).PostRawAsync("PUT", $"/api/v1/admin/products/{product}/specifications", """{"specifications": [null]}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        body["errors"]!["specifications"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("a\\u0000b")]
    [InlineData("bell\\u0007")]
    [InlineData("esc\\u001b[31m")]
    public async Task Control_characters_in_a_text_field_are_refused(string name)
    {
        var session = await app.Client().RegisterAsync();
        var body = await (await app.Client().WithToken(session.Access).PostRawAsync("PATCH", "/api/v1/auth/profile", $$"""{"name": "{{name}}"}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        body["errors"]!["name"].ShouldNotBeNull();
        (await (await app.Client().WithToken(session.Access).PostRawAsync("PATCH", "/api/v1/auth/profile", """{"address": "Line one\nLine two\tend"}"""))
            .ShouldBe(HttpStatusCode.OK))["address"]!.GetValue<string>().ShouldContain("\n");
    }

    [Theory]
    [InlineData("/api/v1/products/\0")]
    [InlineData("/api/v1/products/a\u0001b")]
    [InlineData("/api/v1/admin/users/\0")]
    public async Task A_control_character_in_a_path_parameter_gets_the_problem_document(string path)
    {
        // The test client will not send NUL in a path, so the request is built as the server would see it.
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
        });
        context.Response.StatusCode.ShouldBe(400);
        context.Response.ContentType.ShouldBe("application/problem+json");
        var body = JsonNode.Parse(await new StreamReader(context.Response.Body).ReadToEndAsync())!;
        body["code"]!.GetValue<string>().ShouldBe("INVALID_CHARACTERS");
        body["error_id"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_control_character_in_the_query_gets_the_problem_document() =>
        await (await app.Client().GetAsync("/api/v1/products/by_category?slug=%00")).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_CHARACTERS");
}

internal static class RawCalls
{
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
}
