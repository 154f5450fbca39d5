namespace Afya.Api.Platform;

// The wait between two rounds of a background loop, on the app's clock. Not a PeriodicTimer: a test clock moved on by a
// month makes a periodic timer fire once per missed period inside FakeTimeProvider.Advance, and on SQLite (whose async
// calls finish synchronously) each of those rounds ran inline: millions of rounds before the test's next line. A delay
// fires once and is set again from the new now; the yield keeps the round itself off the caller that moved the clock.
internal static class ClockTicks
{
    // False once the app is stopping.
    public static async Task<bool> NextAsync(TimeProvider clock, TimeSpan every, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(every, clock, stoppingToken);
            await Task.Yield();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
