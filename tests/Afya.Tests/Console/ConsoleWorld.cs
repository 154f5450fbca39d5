using System.Net;
using System.Text.RegularExpressions;
using Afya.Tests.Platform;
using OtpNet;

namespace Afya.Tests.Console;

// A staff member's browser without a browser: cookies, the antiforgery token of the last page, TOTP codes.
public sealed partial class ConsoleUser(AfyaFactory app, HttpClient http, string email, string password)
{
    public HttpClient Http { get; } = http;
    public string Email { get; } = email;
    public string Password { get; } = password;
    public string? Secret { get; set; }
    public string? LastToken { get; private set; }

    public static async Task<ConsoleUser> AdminAsync(AfyaFactory app)
    {
        var admin = await app.AdminAsync();
        return new ConsoleUser(app, app.Client(), admin.Email, admin.Password);
    }

    // Password, then enrolment (first time) or a code; ends signed in.
    public async Task<ConsoleUser> SignInAsync()
    {
        await GetPageAsync("/admin/signin");
        var step = await PostFormAsync("/admin/signin", new() { ["email"] = Email, ["password"] = Password });
        step.StatusCode.ShouldBe(HttpStatusCode.Redirect, await step.Content.ReadAsStringAsync());
        var next = step.Headers.Location!.OriginalString;
        var page = await GetPageAsync(next);
        if (next.StartsWith("/admin/signin/enroll", StringComparison.Ordinal)) Secret = SecretOf(page);
        var done = await PostFormAsync(next.Split('?')[0], new() { ["code"] = Code(), ["returnUrl"] = "/admin" });
        if (done.StatusCode == HttpStatusCode.OK)
        {
            var html = await done.Content.ReadAsStringAsync();
            html.ShouldContain("recovery-codes", Case.Sensitive, html[html.IndexOf("<main", StringComparison.Ordinal)..]);
        }
        else done.Headers.Location!.OriginalString.ShouldBe("/admin");
        return this;
    }

    // The code of the step after the last one used, so a second sign-in within 30 seconds is not a replay.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastSteps = new();

    public string Code()
    {
        var totp = new Totp(Base32Encoding.ToBytes(Secret ?? throw new InvalidOperationException("Not enrolled.")));
        var now = (app.Clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var step = (long)(now - DateTime.UnixEpoch).TotalSeconds / 30;
        step = LastSteps.AddOrUpdate(Secret, step, (_, last) => Math.Max(last + 1, step));
        return totp.ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30));
    }

    public async Task<string> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {html} {string.Join("\n", app.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(2))}");
        if (TokenOf(html) is { } token) LastToken = token;
        return html;
    }

    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken && LastToken is not null) fields["__RequestVerificationToken"] = LastToken;
        return Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static string? TokenOf(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static string SecretOf(string html) => SecretPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("id=\"totp-secret\">([A-Z2-7]+)<")]
    private static partial Regex SecretPattern();
}
