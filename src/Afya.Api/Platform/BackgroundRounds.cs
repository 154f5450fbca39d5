using System.Collections.Concurrent;

namespace Afya.Api.Platform;

// Counts the finished rounds of each background loop (a periodic job's tick, an outbox pass), so a test can wait for
// a round that began after what it did, instead of sleeping and passing when the worker was merely slow.
public sealed class BackgroundRounds
{
    private readonly ConcurrentDictionary<string, long> _finished = new(StringComparer.Ordinal);

    public void Finished(string loop) => _finished.AddOrUpdate(loop, 1, (_, n) => n + 1);

    public long Count(string loop) => _finished.GetValueOrDefault(loop);
}
