using StackExchange.Redis;

namespace Afya.Tests.Platform.Nodes;

// The Redis the multi-node tests share (AFYA_TEST_REDIS, default 127.0.0.1:6379; .ci/run starts one).
// Locally a test that needs it is skipped, saying why, when none answers; under CI=true that is a failure. The
// run says so once at its top (Apps), and each skipped test says it again as its skip reason.
public static class TestRedis
{
    public static string Address =>
        Environment.GetEnvironmentVariable("AFYA_TEST_REDIS") is { Length: > 0 } address ? address : "127.0.0.1:6379";

    private static readonly Lazy<string?> Probe = new(() =>
    {
        try
        {
            var options = ConfigurationOptions.Parse(Address);
            options.ConnectTimeout = 2000;
            using var probe = ConnectionMultiplexer.Connect(options);
            probe.GetDatabase().Ping();
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ArgumentException)
        {
            return $"Redis not running at AFYA_TEST_REDIS='{Address}': start redis-server (bash .ci/run starts one) or set AFYA_TEST_REDIS. ({ex.GetType().Name})";
        }
    });

    // Null when Redis answers; otherwise why the multi-node tests cannot run.
    public static string? Unreachable => Probe.Value;

    // What the run says once at its start when no Redis answers.
    public static string? Banner => Unreachable is not { } reason ? null
        : PostgresAvailability.InCi ? "CI=true, so the multi-node tests fail: " + reason
        : "The multi-node tests are skipped. " + reason;

    public static Task<string> RequireAsync()
    {
        if (Unreachable is { } reason)
        {
            if (PostgresAvailability.InCi) throw new InvalidOperationException(reason);
            Assert.Skip(reason);
        }
        return Task.FromResult(Address);
    }
}
