using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Security;

// Issue 12: a session ends completely, and a spent or revoked refresh token works nowhere.
public abstract class SessionEndTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : SessionEndTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : SessionEndTests(apps.Postgres);

    [Fact]
    public async Task After_a_reused_refresh_token_the_sessions_access_tokens_stop_working()
    {
        var session = await app.Client().RegisterAsync();
        var rotated = await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_REUSED");
        await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        await (await app.Client().WithToken(rotated["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task Logout_without_a_body_ends_the_session_of_its_access_token()
    {
        var session = await app.Client().RegisterAsync();
        var other = await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBe(HttpStatusCode.OK);
        (await app.Client().WithToken(session.Access).PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        await (await app.Client().PostJson("/api/auth/refresh/", new { refresh = session.Refresh }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        // Another device's session is another session.
        await (await app.Client().WithToken(other["access"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = other["refresh"]!.GetValue<string>() })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_simplejwt_refresh_refuses_a_token_the_native_refresh_already_rotated()
    {
        var session = await app.Client().RegisterAsync();
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/auth/refresh/", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Client().PostJson("/api/v1/auth/token/refresh/", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_kept_usable_by_simplejwt_is_refused_by_the_native_refresh()
    {
        var session = await app.Client().RegisterAsync();
        await (await app.Client().PostJson("/api/auth/refresh/", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        await (await app.Client().PostJson("/api/auth/refresh/", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rotating_token_refreshed_by_simplejwt_rotates_and_says_its_successor()
    {
        var session = await app.Client().RegisterAsync();
        var rotated = await (await app.Client().PostJson("/api/v1/auth/refresh", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.OK);
        var next = rotated["refresh"]!.GetValue<string>();
        var simple = await (await app.Client().PostJson("/api/auth/refresh/", new { refresh = next })).ShouldBe(HttpStatusCode.OK);
        simple["refresh"]!.GetValue<string>().ShouldNotBe(next);
        await (await app.Client().PostJson("/api/auth/refresh/", new { refresh = next })).ShouldBeProblem(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_REUSED");
    }

    [Fact]
    public async Task A_native_and_a_simplejwt_refresh_racing_with_one_token_never_both_succeed()
    {
        var email = Calls.UniqueEmail("race");
        await (await app.Client().PostJson("/api/auth/register/", new { name = "Race", email, password = "strongpass1" })).ShouldBe(HttpStatusCode.Created);
        for (var round = 0; round < 10; round++)
        {
            var refresh = (await (await app.Client().PostJson("/api/auth/login/", new { email, password = "strongpass1" })).ShouldBe(HttpStatusCode.OK))
                ["refresh"]!.GetValue<string>();
            var native = app.Client().PostJson("/api/v1/auth/refresh", new { refresh });
            var simple = app.Client().PostJson("/api/auth/refresh/", new { refresh });
            var answers = await Task.WhenAll(native, simple);
            answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(1, $"round {round}");
        }
    }

    [Fact]
    public async Task A_revoked_refresh_token_works_on_no_route()
    {
        var email = Calls.UniqueEmail("rev");
        await (await app.Client().PostJson("/api/auth/register/", new { name = "Rev", email, password = "strongpass1" })).ShouldBe(HttpStatusCode.Created);
        var tokens = await (await app.Client().PostJson("/api/auth/login/", new { email, password = "strongpass1" })).ShouldBe(HttpStatusCode.OK);
        var refresh = tokens["refresh"]!.GetValue<string>();
        var access = (await (await app.Client().PostJson("/api/auth/refresh/", new { refresh })).ShouldBe(HttpStatusCode.OK))["access"]!.GetValue<string>();
        (await app.Client().WithToken(tokens["access"]!.GetValue<string>()).PostJson("/api/v1/auth/logout", new { refresh })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var route in new[] { "/api/v1/auth/refresh", "/api/auth/refresh/", "/api/v1/auth/token/refresh/" })
            await (await app.Client().PostJson(route, new { refresh })).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        // The access token the simplejwt refresh gave belongs to the ended session too.
        await (await app.Client().WithToken(access).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }
}
