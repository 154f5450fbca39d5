using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Afya.Api.Platform;

// The one line a person starting the service looks for: where it listens, which database, what start-up migrated.
public sealed partial class StartupReport
{
    // Null when start-up did not migrate (Database__MigrateOnStartup=false).
    public IReadOnlyList<string>? MigrationsApplied { get; set; }

    public void Log(WebApplication app, string database)
    {
        var urls = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } addresses
            ? string.Join(", ", addresses)
            : string.Join(", ", app.Urls);
        var migrations = MigrationsApplied switch
        {
            null => "not run at start-up (Database__MigrateOnStartup=false; run 'afya migrate')",
            [] => "none pending",
            var applied => string.Join(", ", applied),
        };
        LogStarted(app.Logger, urls.Length > 0 ? urls : "(test server)", database, migrations);
    }

    [LoggerMessage(LogLevel.Information, "Afya is listening on {Urls} | database {Database} | migrations applied: {Migrations}")]
    private static partial void LogStarted(ILogger logger, string urls, string database, string migrations);
}
