using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.PlatformTests;

// General abuse limits: anonymous callers by address, signed-in callers by user, 429 RATE_LIMITED with Retry-After.
public sealed class RateLimitTests
{
    private static AfyaFactory Limited(int perAddress, int perUser) => new(Db.Sqlite, new Dictionary<string, string?>
    {
        ["RateLimits:PerAddressPerMinute"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:PerUserPerMinute"] = perUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task An_address_over_its_limit_gets_a_429_problem_with_retry_after_and_others_do_not()
    {
        await using var app = Limited(perAddress: 3, perUser: 100);
        var client = app.Client("10.200.0.1");
        for (var i = 0; i < 3; i++) (await client.GetAsync("/api/v1/categories")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await client.GetAsync("/api/v1/banners");
        (await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests, "RATE_LIMITED"))["retry_after"]!.GetValue<int>().ShouldBeGreaterThan(0);
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);

        (await app.Client("10.200.0.2").GetAsync("/api/v1/categories")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK); // load balancers are never limited
    }

    [Fact]
    public async Task A_signed_in_user_is_counted_as_one_whatever_address_they_call_from()
    {
        await using var app = Limited(perAddress: 100, perUser: 3);
        var session = await app.Client().RegisterAsync();
        for (var i = 0; i < 3; i++)
            (await app.Client($"10.201.0.{i + 1}").WithToken(session.Access).GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.Client("10.201.0.9").WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        (await app.Client("10.201.0.9").GetAsync("/api/v1/categories")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task On_the_kuwait_surface_the_429_is_in_the_envelope()
    {
        await using var app = Limited(perAddress: 1, perUser: 100);
        var client = app.Client("10.202.0.1");
        (await client.GetAsync("/api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Modules.Surfaces.KuwaitSurfaceTests.Failure(await client.GetAsync("/api/health"), HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }
}
