using Afya.Api.Platform.Caching;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.PlatformTests;

// Requests that ask for one key while it loads share the first one's load, which runs on the first request's services.
// When that request goes away first, its load may fail (its DbContext disposed); the others must still get an answer.
public class SharedLoadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_load_that_fails_under_a_request_that_left_is_loaded_again_by_the_requests_that_waited_for_it(bool redis)
    {
        var settings = new Dictionary<string, string?>();
        if (redis) settings["Cache:RedisUrl"] = await TestRedis.RequireAsync();
        await using var app = new AfyaFactory(Db.Sqlite, settings);
        var cache = app.Services.GetRequiredService<AfyaCache>();
        var key = "shared-load:" + Guid.NewGuid().ToString("N");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = cache.GetOrCreateAsync<int>(key, async _ =>
        {
            started.TrySetResult();
            await release.Task;
            throw new ObjectDisposedException("AfyaDb", "the first request's scope ended");
        }, TimeSpan.FromMinutes(1)).AsTask();
        await started.Task;
        var ownLoads = 0;
        var waiters = Enumerable.Range(0, 3).Select(_ => cache.GetOrCreateAsync(key, _ => { Interlocked.Increment(ref ownLoads); return ValueTask.FromResult(42); },
            TimeSpan.FromMinutes(1)).AsTask()).ToList();
        release.SetResult();

        (await Task.WhenAll(waiters)).ShouldAllBe(v => v == 42);
        ownLoads.ShouldBe(3);
        await Should.ThrowAsync<ObjectDisposedException>(first);
        // Nothing wrong was kept: the next request loads afresh and keeps that.
        (await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(7), TimeSpan.FromMinutes(1))).ShouldBe(7);
        (await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(8), TimeSpan.FromMinutes(1))).ShouldBe(7);
    }
}
