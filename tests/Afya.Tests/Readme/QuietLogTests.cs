using System.Net;

namespace Afya.Tests.Readme;

// What a person reading the console sees: a healthy start says nothing alarming, and each request is one line.
public sealed class QuietLogTests
{
    [Fact]
    public async Task A_healthy_start_logs_no_warning_and_one_line_per_request()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppProcess.StartAsync(ct: ct);
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        string[] paths = ["/api/v1/products", "/api/v1/categories", "/api/v1/no-such-thing", "/openapi/v1.json"];
        foreach (var path in paths) await client.GetAsync(path, ct);
        (await client.GetAsync("/api/v1/auth/me", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var expected = app.HealthPolls + paths.Length + 1;
        // The console logger writes from one queue, in order: wait for the last request's own line (the marker), not
        // merely for enough lines, so the exact counts below are taken once everything logged before it has arrived.
        var requestLines = await EventuallyAsync(() => app.Lines.Where(l => l.Contains("Afya.Requests", StringComparison.Ordinal)).ToList(),
            lines => lines.Count >= expected && lines.Any(l => l.Contains("GET /api/v1/auth/me 401", StringComparison.Ordinal)), ct);
        requestLines.Count.ShouldBe(expected, string.Join('\n', app.Lines));
        foreach (var path in paths) requestLines.Count(l => l.Contains($"GET {path} ", StringComparison.Ordinal)).ShouldBe(1, path);
        requestLines.ShouldContain(l => l.Contains("GET /api/v1/no-such-thing 404", StringComparison.Ordinal) && !l.Contains("error_id=-", StringComparison.Ordinal));

        var alarming = app.Lines.Where(l => l.Contains("warn:", StringComparison.Ordinal) || l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal)).ToList();
        alarming.ShouldBeEmpty(string.Join('\n', app.Lines));
        // One entry is one line: nothing indented under it (the framework's HTTP log wrote a block per request).
        app.Lines.ShouldNotContain(l => l.StartsWith("      ", StringComparison.Ordinal), string.Join('\n', app.Lines));
    }

    // Polls for an effect (the delay is the poll interval, not a wait that decides anything); after 30 s it hands back
    // what it has and the caller's assertions fail.
    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value) || waited.Elapsed > TimeSpan.FromSeconds(30)) return value;
            await Task.Delay(50, ct);
        }
    }
}
