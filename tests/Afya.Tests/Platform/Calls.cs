using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Afya.Api.Platform.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afya.Tests.Platform;

public sealed record Session(string Access, string Refresh, string UserId, string Email, string Password);

// What a client of the API does: send JSON, read JSON, hold tokens.
public static class Calls
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string UniqueEmail(string prefix = "user") => $"{prefix}.{Guid.NewGuid():N}@example.com";

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<JsonNode> Body(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body");

    public static async Task<JsonNode> ShouldBe(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        var cause = response.Headers.TryGetValues(TestClientAddress.ServerExceptionHeader, out var values) ? " server exception: " + string.Join(" ", values) : "";
        response.StatusCode.ShouldBe(status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered: {text}{cause}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    // A problem response: the status, the stable code, an error id, the problem media type.
    public static async Task<JsonNode> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        body["code"]!.GetValue<string>().ShouldBe(code, body.ToJsonString());
        body["error_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        body["status"]!.GetValue<int>().ShouldBe((int)status);
        return body;
    }

    public static HttpClient WithToken(this HttpClient client, string access)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    public static async Task<Session> RegisterAsync(this HttpClient client, string? email = null, string password = "correct-horse-1")
    {
        email ??= UniqueEmail();
        var body = await (await client.PostJson("/api/v1/auth/register", new { email, password, first_name = "Test", last_name = "User" }))
            .ShouldBe(HttpStatusCode.Created);
        return new Session(body["access"]!.GetValue<string>(), body["refresh"]!.GetValue<string>(), body["user"]!["id"]!.GetValue<string>(), email, password);
    }

    // An admin made the way operators make one (afya create-admin), signed in.
    public static async Task<Session> AdminAsync(this AfyaFactory app)
    {
        var email = UniqueEmail("admin");
        const string password = "admin-pass-1";
        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        var code = await AfyaCli.RunAsync(app.Services, environment, ["create-admin", "--email", email, "--password", password], output);
        code.ShouldBe(0, output.ToString());
        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { email, password })).ShouldBe(HttpStatusCode.OK);
        return new Session(login["access"]!.GetValue<string>(), login["refresh"]!.GetValue<string>(), login["user"]!["id"]!.GetValue<string>(), email, password);
    }

    // Waits for something the background worker does, without a fixed sleep.
    // every: how long between two probes; a probe that costs the app a request each time (a page of orders from a child
    // process) can look less often than one that reads a value in memory.
    public static async Task<T> Eventually<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, string what = "condition", TimeSpan? every = null) where T : class
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value) return value;
            if (watch.Elapsed > limit) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
