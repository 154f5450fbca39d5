using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Security;

// Issue 12: token and personal answers are not stored by caches, HTML carries a CSP, Production hides the docs.
public abstract class HeadersTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : HeadersTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : HeadersTests(apps.Postgres);

    [Fact]
    public async Task Token_and_personal_data_answers_say_no_store()
    {
        var email = Calls.UniqueEmail("cache");
        var register = await app.Client().PostJson("/api/v1/auth/register", new { email, password = "cache-pass-1" });
        var registered = await register.ShouldBe(HttpStatusCode.Created);
        var login = await app.Client().PostJson("/api/v1/auth/login", new { email, password = "cache-pass-1" });
        var tokens = await login.ShouldBe(HttpStatusCode.OK);
        var refresh = await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = tokens["refresh"]!.GetValue<string>() });
        var me = await app.Client().WithToken(tokens["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me");
        var profile = await app.Client().WithToken(tokens["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/profile");
        var cart = await app.Client().GetAsync("/api/v1/cart");
        foreach (var response in new[] { register, login, refresh, me, profile, cart })
        {
            ((int)response.StatusCode).ShouldBeLessThan(400, response.RequestMessage!.RequestUri!.ToString());
            response.Headers.CacheControl?.NoStore.ShouldBe(true, response.RequestMessage!.RequestUri!.ToString());
        }
        registered["access"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/docs/index.html")]
    [InlineData("/redoc/index.html")]
    public async Task Html_answers_carry_a_content_security_policy(string path)
    {
        var response = await app.Client().GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
    }
}

// Production settings, each on an app of its own.
public class ProductionDocsTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task In_production_the_docs_and_the_openapi_document_are_off_unless_a_setting_turns_them_on(Db provider)
    {
        await using (var production = new AfyaFactory(provider, environment: "Production"))
        {
            foreach (var path in new[] { "/docs/index.html", "/redoc/index.html", "/openapi/v1.json", "/api/v1/openapi.json" })
                (await production.Client().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            await (await production.Client().GetAsync("/health")).ShouldBe(HttpStatusCode.OK);
        }
        await using var withDocs = new AfyaFactory(provider, new Dictionary<string, string?> { ["Http:Docs"] = "true" }, environment: "Production");
        (await withDocs.Client().GetAsync("/docs/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await withDocs.Client().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
    }
}
