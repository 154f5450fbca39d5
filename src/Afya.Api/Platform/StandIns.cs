using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Afya.Api.Platform;

// A service a module needs before the module that really provides it exists (IPurchaseRecords before Orders).
public interface IStandIn;

public static class StandIns
{
    // Registers TStandIn only if nobody registered TService yet, and whoever registers the real one
    // (AddScoped/Replace, before or after) wins by design. At start-up each such service says which
    // implementation is in use; in Production a stand-in still in use stops the start.
    public static IServiceCollection AddStandIn<TService, TStandIn>(this IServiceCollection services)
        where TService : class where TStandIn : class, TService, IStandIn
    {
        services.TryAddScoped<TService, TStandIn>();
        services.AddSingleton(new StandInCheck(typeof(TService)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StandInReport>());
        return services;
    }
}

public sealed record StandInCheck(Type Service);

internal sealed partial class StandInReport(IServiceScopeFactory scopes, IEnumerable<StandInCheck> checks, IHostEnvironment environment,
    ILogger<StandInReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        foreach (var service in checks.Select(c => c.Service).Distinct())
        {
            var used = scope.ServiceProvider.GetRequiredService(service);
            var standIn = used is IStandIn;
            LogUsing(logger, service.Name, used.GetType().FullName ?? used.GetType().Name, standIn ? " (a stand-in)" : "");
            if (standIn && environment.IsProduction())
                throw new InvalidOperationException($"{service.Name} is still served by the stand-in {used.GetType().Name}; register the real implementation.");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "{Service} is served by {Implementation}{StandIn}")]
    private static partial void LogUsing(ILogger logger, string service, string implementation, string standIn);
}
