using Afya.Api.Platform.Settings;
using Microsoft.Extensions.Configuration.Memory;
using Serilog;
using Serilog.Events;

namespace Afya.Api.Platform;

// Console logs in the format chosen, every line with a UTC date and time; and, when asked, a rolling file beside them.
public static class LogSetup
{
    // The seeds' own log files: CloudCare documents logs/app.log with LOG_LEVEL, Amazon Kenya's Django settings
    // logs/django.log. Used when their variables are, unless LOG_FILE (Logging__File__Path) names another.
    public const string CloudCareFile = "logs/app.log";
    public const string AmazonKenyaFile = "logs/django.log";

    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    // appsettings.json's levels, also as the lowest-precedence source: that file is read from the content root, the
    // working directory, so a service started from elsewhere (`dotnet /srv/afya/afya.dll`) lost them and wrote the
    // framework's Information lines, three or four JSON lines a request, which cost a signed-in read about a third of its
    // throughput (docs/PERFORMANCE.md). appsettings.json, environment variables and LOG_LEVEL still override them.
    private static readonly Dictionary<string, string?> FrameworkLevels = new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    public static void AddAfyaLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = FrameworkLevels });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // Logging__Format: "json" (one object per line, with trace and span ids; the default outside Development) or
        // "text" (one plain line per entry; the default in Development, where people read them).
        var format = configuration["Logging:Format"] is { Length: > 0 } chosen ? chosen : builder.Environment.IsDevelopment() ? "text" : "json";
        builder.Logging.ClearProviders();
        if (!string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = TimestampFormat + " ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = TimestampFormat;
            });
        }

        if (FilePath(configuration, builder.Environment.ContentRootPath) is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Serilog's file sink rolls by day and by size and keeps a bounded number of files; levels stay with
            // Microsoft's filters (Logging:LogLevel, LOG_LEVEL), so the file holds what the console does.
            var file = new LoggerConfiguration()
                .MinimumLevel.Verbose()
                .WriteTo.File(path,
                    outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    rollingInterval: RollingInterval.Day,
                    fileSizeLimitBytes: configuration.GetValue<long?>("Logging:File:MaxBytes") ?? 50L * 1024 * 1024,
                    rollOnFileSizeLimit: true,
                    retainedFileCountLimit: configuration.GetValue<int?>("Logging:File:Keep") ?? 14,
                    restrictedToMinimumLevel: LogEventLevel.Verbose)
                .CreateLogger();
            // Not AddSerilog(): it adds a Trace-level filter of its own for this provider, which would bypass LOG_LEVEL.
            // Created by a factory, so the container disposes it (and flushes the file) when the host stops.
            builder.Services.AddSingleton<ILoggerProvider>(_ => new Serilog.Extensions.Logging.SerilogLoggerProvider(file, dispose: true));
        }
    }

    // The file's path (absolute), or null for console only. LOG_FILE=none turns a seed's default file off.
    public static string? FilePath(IConfiguration configuration, string contentRoot)
    {
        var path = configuration["Logging:File:Path"] is { Length: > 0 } set ? set
            : configuration["LOG_LEVEL"] is { Length: > 0 } ? CloudCareFile
            : configuration["EMAIL_HOST"] is { Length: > 0 } || configuration["DB_NAME"] is { Length: > 0 } ? AmazonKenyaFile
            : null;
        if (path is null || path.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return Path.GetFullPath(Path.Combine(contentRoot, path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SettingsException($"LOG_FILE (Logging__File__Path) '{path}' is not a usable path: {ex.Message}");
        }
    }
}
