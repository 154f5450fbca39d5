using StackExchange.Redis;

namespace Afya.Tests.Platform.Nodes;

// The Redis the multi-node tests share (AFYA_TEST_REDIS, default 127.0.0.1:6379; .ci/run starts one).
// Locally a test that needs it is skipped when none answers; under CI=true that is a failure.
public static class TestRedis
{
    public static string Address =>
        Environment.GetEnvironmentVariable("AFYA_TEST_REDIS") is { Length: > 0 } address ? address : "127.0.0.1:6379";

    public static async Task<string> RequireAsync()
    {
        try
        {
            var options = ConfigurationOptions.Parse(Address);
            options.ConnectTimeout = 2000;
            await using var probe = await ConnectionMultiplexer.ConnectAsync(options);
            await probe.GetDatabase().PingAsync();
            return Address;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ArgumentException)
        {
            var message = $"Redis is not reachable at AFYA_TEST_REDIS='{Address}': start one (bash .ci/run installs and starts Debian's redis-server) or point AFYA_TEST_REDIS at yours. ({ex.GetType().Name}: {ex.Message})";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(message, ex);
            Assert.Skip(message);
            throw; // not reached: Assert.Skip throws
        }
    }
}
