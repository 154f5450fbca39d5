using Afya.Api.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Platform;

// "Nothing changed" is only worth checking once the background loop has looked: waits until `loop` on `app` has
// finished two more rounds than it had, so at least one whole round began after the caller's last step.
public static class Rounds
{
    public static async Task WaitAsync(AfyaFactory app, string loop, int more = 2)
    {
        var rounds = app.Services.GetRequiredService<BackgroundRounds>();
        var target = rounds.Count(loop) + more;
        await Calls.Eventually(() => Task.FromResult(rounds.Count(loop) >= target ? "done" : null), TimeSpan.FromSeconds(60), $"{more} rounds of {loop}");
    }
}
