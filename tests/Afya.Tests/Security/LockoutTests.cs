using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Security;

// Issue 12: the lock belongs to the account, guesses are reserved before the hash is checked, an address lock
// only slows, a deactivated account answers as a wrong password.
public abstract class LockoutTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : LockoutTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : LockoutTests(apps.Postgres);

    private async Task<(string Email, string Username, string Password)> AccountAsync()
    {
        var email = Calls.UniqueEmail("lock");
        var username = "lock" + Guid.NewGuid().ToString("N")[..10];
        await (await app.Client().PostJson("/api/v1/auth/register", new { email, username, password = "right-pass-1" })).ShouldBe(HttpStatusCode.Created);
        return (email, username, "right-pass-1");
    }

    [Fact]
    public async Task Failures_by_email_lock_the_account_for_its_username_too()
    {
        var (email, username, password) = await AccountAsync();
        for (var i = 0; i < 5; i++) await app.Client().PostJson("/api/v1/auth/login", new { email, password = "wrong-pass-1" });
        await (await app.Client().PostJson("/api/v1/auth/login", new { username, password })).ShouldBeProblem(HttpStatusCode.TooManyRequests, "ACCOUNT_LOCKED");
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = username.ToUpperInvariant(), password }))
            .ShouldBeProblem(HttpStatusCode.TooManyRequests, "ACCOUNT_LOCKED");
    }

    [Fact]
    public async Task Twenty_parallel_guesses_never_check_more_passwords_than_the_limit()
    {
        var (email, _, password) = await AccountAsync();
        var right = Random.Shared.Next(20);
        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            var response = await app.Client().PostJson("/api/v1/auth/login", new { email, password = i == right ? password : $"wrong-pass-{i}" });
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(attempts);
        var checkedPasswords = statuses.Count(s => s is HttpStatusCode.OK or HttpStatusCode.Unauthorized);
        checkedPasswords.ShouldBeLessThanOrEqualTo(5, string.Join(", ", statuses));
        statuses.Where(s => s is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized)).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_deactivated_account_with_the_right_password_answers_as_a_wrong_password()
    {
        var customer = await app.Client().RegisterAsync();
        var admin = await app.AdminAsync();
        await (await app.Client().WithToken(admin.Access).PatchJson($"/api/v1/admin/users/{customer.UserId}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        var wrong = await (await app.Client().PostJson("/api/v1/auth/login", new { email = customer.Email, password = "wrong-pass-1" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var right = await (await app.Client().PostJson("/api/v1/auth/login", new { email = customer.Email, password = customer.Password }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        right["title"]!.ToJsonString().ShouldBe(wrong["title"]!.ToJsonString());
        right["detail"]!.ToJsonString().ShouldBe(wrong["detail"]!.ToJsonString());
        await (await app.Client().PostJson("/api/auth/login/", new { email = customer.Email, password = customer.Password }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task An_address_past_its_limit_is_slowed_but_an_admin_on_it_still_signs_in()
    {
        var address = $"198.51.100.{Random.Shared.Next(1, 250)}";
        var admin = await app.AdminAsync();
        for (var i = 0; i < 22; i++)
            await (await app.Client(address).PostJson("/api/v1/auth/login", new { email = Calls.UniqueEmail("spray"), password = "wrong-pass-1" }))
                .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await (await app.Client(address).PostJson("/api/v1/auth/login", new { email = admin.Email, password = admin.Password })).ShouldBe(HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
    }
}
