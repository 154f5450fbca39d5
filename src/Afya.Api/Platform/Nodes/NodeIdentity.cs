using System.Text.RegularExpressions;

namespace Afya.Api.Platform.Nodes;

// Who this process is among the nodes sharing one database. Node__Id, else the host name plus the ports the
// node listens on (two nodes on one machine differ by port): both stay the same when the node restarts in
// place, which is what lets a restarted node take back the leases it held when it died. Two live processes
// must never share an id.
public sealed partial class NodeIdentity
{
    public string Id { get; }

    public NodeIdentity(IConfiguration configuration)
    {
        var configured = configuration["Node:Id"];
        var id = string.IsNullOrWhiteSpace(configured) ? DefaultId(configuration) : configured.Trim();
        if (id.Length > 100 || !Allowed().IsMatch(id))
            throw new Settings.SettingsException($"Node__Id must be 1-100 letters, digits, '.', '_', ':' or '-'; got '{id}'.");
        Id = id;
    }

    private static string DefaultId(IConfiguration configuration)
    {
        // --urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS/HTTPS_PORTS all land in these host settings.
        var listening = string.Join(';', configuration["urls"], configuration["http_ports"], configuration["https_ports"]);
        var ports = Port().Matches(listening).Select(m => m.Groups[1].Value).Distinct().ToList();
        return ports.Count == 0 ? Environment.MachineName : $"{Environment.MachineName}:{string.Join('-', ports)}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]+$")]
    private static partial Regex Allowed();

    [GeneratedRegex(@"(?:^|[:;,\s])(\d{1,5})(?=$|[;,/\s])")]
    private static partial Regex Port();
}

// Work a module does once when the node starts, before its background workers: typically giving back
// the leases this node id held when it died, so their work resumes now instead of when they expire.
public interface IStaleLeaseRelease
{
    Task<int> ReleaseAsync(string nodeId, CancellationToken ct);
}

public static class StaleLeases
{
    public static IServiceCollection AddStaleLeaseRelease<T>(this IServiceCollection services) where T : class, IStaleLeaseRelease
    {
        services.AddScoped<IStaleLeaseRelease, T>();
        return services;
    }
}

// Registered by the platform before any module's worker, so it runs first (hosted services start in order).
internal sealed partial class StaleLeaseReleaser(IServiceScopeFactory scopes, NodeIdentity node, ILogger<StaleLeaseReleaser> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogNode(logger, node.Id);
        await using var scope = scopes.CreateAsyncScope();
        foreach (var release in scope.ServiceProvider.GetServices<IStaleLeaseRelease>())
        {
            try
            {
                var released = await release.ReleaseAsync(node.Id, cancellationToken);
                if (released > 0) LogReleased(logger, released, release.GetType().Name, node.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may not be there yet; the leases then simply run out as they would have.
                LogFailed(logger, ex, release.GetType().Name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "This node is {Node} (Node__Id)")]
    private static partial void LogNode(ILogger logger, string node);

    [LoggerMessage(LogLevel.Information, "Took back {Count} leases ({Owner}) that node {Node} held before it restarted")]
    private static partial void LogReleased(ILogger logger, int count, string owner, string node);

    [LoggerMessage(LogLevel.Warning, "Could not take back stale leases ({Owner}); they run out on their own")]
    private static partial void LogFailed(ILogger logger, Exception exception, string owner);
}

public static class NodeSetup
{
    // The node's id, the job claims and the start-up release of stale leases; called by AddAfyaPlatform
    // before any module registers a worker.
    public static IServiceCollection AddAfyaNodes(this IServiceCollection services)
    {
        services.AddSingleton<NodeIdentity>();
        services.AddOptions<NodeOptions>().BindConfiguration("Node")
            .Validate(o => o.HeartbeatSeconds > 0 && o.DeadAfterSeconds >= 2 * o.HeartbeatSeconds,
                "Node__HeartbeatSeconds must be above 0 and Node__DeadAfterSeconds at least twice it.").ValidateOnStart();
        services.AddHostedService<NodeHeartbeatService>();
        services.AddOptions<JobOptions>().BindConfiguration("Jobs")
            .Validate(o => o.LeaseSeconds > 0, "Jobs__LeaseSeconds must be above 0.").ValidateOnStart();
        services.AddStaleLeaseRelease<JobClaimRelease>();
        services.AddHostedService<StaleLeaseReleaser>();
        return services;
    }
}
