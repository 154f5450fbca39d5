using DotNetEnv;

namespace Afya.Api.Platform.Settings;

// The seeds say "production" in their own words: ENVIRONMENT=production (CloudCare), FLASK_ENV=production (Kuwait),
// DEBUG=False (CloudCare, Amazon Kenya, Healthcare Backend). Read before the host is built, because the environment
// name is fixed by then. ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT set by the user still decide; the one
// `dotnet run` sets from launchSettings.json (Development) does not, or a seed's production .env would start Afya
// with Development defaults.
public static class RunMode
{
    // The environment name to give the builder, or null to leave ASP.NET's own choice.
    public static string? Choose(Func<string, string?> variable, IReadOnlyDictionary<string, string>? dotEnv = null)
    {
        string? Read(string name) => variable(name) is { Length: > 0 } set ? set : dotEnv?.GetValueOrDefault(name) is { Length: > 0 } filed ? filed : null;

        var fromLaunchProfile = variable("DOTNET_LAUNCH_PROFILE") is { Length: > 0 };
        if (!fromLaunchProfile && (variable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } || variable("DOTNET_ENVIRONMENT") is { Length: > 0 }))
            return null;

        return Named(Read("ENVIRONMENT"), "ENVIRONMENT") ?? Named(Read("FLASK_ENV"), "FLASK_ENV") ?? Debug(Read("DEBUG"));
    }

    public static string? FromProcess(string[] args)
    {
        if (args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase))) return null;
        var path = Environment.GetEnvironmentVariable("AFYA_ENV_FILE") is { Length: > 0 } file ? file : Path.Combine(Directory.GetCurrentDirectory(), ".env");
        var dotEnv = File.Exists(path)
            ? Env.LoadMulti([path], LoadOptions.NoEnvVars()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)
            : null;
        return Choose(Environment.GetEnvironmentVariable, dotEnv);
    }

    private static string? Named(string? value, string name) => value?.Trim().Trim('"', '\'').ToLowerInvariant() switch
    {
        null => null,
        "production" or "prod" => Environments.Production,
        "development" or "dev" or "local" => Environments.Development,
        "staging" or "stage" => Environments.Staging,
        "test" or "testing" => "Testing",
        var other => throw new SettingsException($"{name} must be production, staging or development; got '{other}'."),
    };

    private static string? Debug(string? value) => value?.Trim().Trim('"', '\'').ToLowerInvariant() switch
    {
        null => null,
        "false" or "0" or "no" or "off" => Environments.Production,
        "true" or "1" or "yes" or "on" => Environments.Development,
        var other => throw new SettingsException($"DEBUG must be True or False; got '{other}'."),
    };
}
