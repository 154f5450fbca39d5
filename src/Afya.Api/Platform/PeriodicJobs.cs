namespace Afya.Api.Platform;

// Work a module wants done now and then (purging expired rows); returns how many rows it touched.
public interface IPeriodicJob
{
    Task<int> RunOnceAsync(CancellationToken ct);
}

public static class PeriodicJobs
{
    // Runs TJob in its own scope at start-up and then every every.
    public static IServiceCollection AddPeriodicJob<TJob>(this IServiceCollection services, TimeSpan every) where TJob : class, IPeriodicJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton<IHostedService>(sp => new PeriodicJobRunner<TJob>(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(), every,
            sp.GetRequiredService<ILogger<PeriodicJobRunner<TJob>>>()));
        return services;
    }
}

internal sealed partial class PeriodicJobRunner<TJob>(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan every, ILogger<PeriodicJobRunner<TJob>> logger)
    : BackgroundService where TJob : class, IPeriodicJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var touched = await scope.ServiceProvider.GetRequiredService<TJob>().RunOnceAsync(stoppingToken);
                if (touched > 0) LogDone(logger, typeof(TJob).Name, touched);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment; the next tick tries again.
                LogFailed(logger, ex, typeof(TJob).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(LogLevel.Information, "{Job} touched {Count} rows")]
    private static partial void LogDone(ILogger logger, string job, int count);

    [LoggerMessage(LogLevel.Warning, "{Job} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}
