using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using StackExchange.Redis;

namespace Afya.Tests.Platform.Nodes;

// A redis-server of the test's own on a free loopback port (the shared one on 6379 stays up for other tests).
public sealed class OwnRedis : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = Fakes.SmtpSink.FreePort();

    public string Address => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Calls.Eventually(async () =>
        {
            try
            {
                var options = ConfigurationOptions.Parse(Address);
                options.ConnectTimeout = 500;
                await using var probe = await ConnectionMultiplexer.ConnectAsync(options);
                await probe.GetDatabase().PingAsync();
                return "up";
            }
            catch (RedisException) { return null; }
        }, TimeSpan.FromSeconds(30), $"redis-server on {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

// Redis stopped under a running node: requests still answer, from memory and the database, /health/ready says degraded
// and why, a log line and a metric mark each transition, and the node goes back to Redis when it returns.
public class RedisOutageTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Redis_stopping_under_a_node_degrades_it_and_redis_returning_restores_it(Db provider)
    {
        await using var redis = new OwnRedis();
        await redis.StartAsync();
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Cache:RedisUrl"] = redis.Address, ["Cache:RedisBreakSeconds"] = "1" });
        var transitions = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = Transitions(app, transitions);
        var session = await app.Client().RegisterAsync();
        var me = app.Client().WithToken(session.Access);
        var anonymous = app.Client();

        async Task<TimeSpan> RoundAsync()
        {
            var watch = Stopwatch.StartNew();
            await (await me.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
            await (await anonymous.GetAsync("/api/v1/categories")).ShouldBe(HttpStatusCode.OK);
            await (await anonymous.GetAsync("/health")).ShouldBe(HttpStatusCode.OK);
            return watch.Elapsed;
        }
        async Task<System.Text.Json.Nodes.JsonNode> ReadyAsync() => await (await anonymous.GetAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);

        (await ReadyAsync())["status"]!.GetValue<string>().ShouldBe("healthy");
        var baseline = new List<TimeSpan>();
        for (var i = 0; i < 5; i++) baseline.Add(await RoundAsync());

        await redis.StopAsync();
        var degraded = new List<TimeSpan>();
        for (var i = 0; i < 10; i++) degraded.Add(await RoundAsync());
        TestContext.Current.SendDiagnosticMessage(
            $"[{provider}] three requests with Redis: {Ms(baseline)}; without: {Ms(degraded)}");
        // Before the breaker a request took 6-12 s against a stopped Redis; generous for a loaded 2-core machine.
        degraded.Max().ShouldBeLessThan(baseline.Max() + TimeSpan.FromSeconds(2));

        var ready = await Calls.Eventually(async () => await ReadyAsync() is var r && r["status"]!.GetValue<string>() == "degraded" ? r : null,
            TimeSpan.FromSeconds(30), "/health/ready to say degraded");
        ready["checks"]!["redis"]!.GetValue<string>().ShouldBe("degraded");
        ready["reasons"]!["redis"]!.GetValue<string>().ShouldContain("Redis unreachable");
        ready["checks"]!["database"]!.GetValue<string>().ShouldBe("healthy");
        app.Logs.Lines.ShouldContain(l => l.Contains("Cache degraded: Redis unreachable", StringComparison.Ordinal));
        transitions.ShouldContain("open");

        // A revocation still holds while Redis is away: the session check goes to the database.
        var other = await app.Client().RegisterAsync();
        var otherClient = app.Client().WithToken(other.Access);
        await (await otherClient.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await otherClient.PostJson("/api/v1/auth/logout", new { refresh = other.Refresh })).ShouldBe(HttpStatusCode.NoContent);
        await (await otherClient.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");

        await redis.StartAsync();
        await Calls.Eventually(async () => (await ReadyAsync())["status"]!.GetValue<string>() == "healthy" ? "healthy" : null,
            TimeSpan.FromSeconds(60), "/health/ready to say healthy once Redis is back");
        app.Logs.Lines.ShouldContain(l => l.Contains("Redis is back", StringComparison.Ordinal));
        transitions.ShouldContain("closed");
        await RoundAsync();
        await (await otherClient.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    private static string Ms(IEnumerable<TimeSpan> times) => string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:F0} ms"));

    // The breaker's transition counter of this app only (other hosts in the process have meters of their own).
    private static MeterListener Transitions(AfyaFactory app, System.Collections.Concurrent.ConcurrentQueue<string> seen)
    {
        var factory = app.Services.GetService(typeof(IMeterFactory));
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "afya.cache.redis.transitions" && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "state") seen.Enqueue((string)tag.Value!);
        });
        listener.Start();
        return listener;
    }
}
