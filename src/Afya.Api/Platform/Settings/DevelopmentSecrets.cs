using System.Security.Cryptography;
using System.Text.Json;

namespace Afya.Api.Platform.Settings;

// Development needs no secret set-up: missing secrets are generated once and kept in the data folder.
// Anywhere else a missing secret stops the service.
public static class DevelopmentSecrets
{
    private sealed record Stored(string JwtSecret, string SecretKey);

    // Given to the builder by Program.cs when it runs a CLI command: no command signs a token or a code, so none
    // needs the secrets, and an operator can run `afya create-admin` or `afya seed` in Production without them.
    public const string CommandLineMarker = "--Cli:Running=true";

    private static bool RunningCommand(IConfiguration configuration) => configuration.GetValue("Cli:Running", false);

    public static void Apply(ConfigurationManager configuration, IHostEnvironment environment, string dataPath)
    {
        var jwt = configuration["Jwt:Secret"];
        var key = configuration["Security:SecretKey"];
        if (string.IsNullOrEmpty(jwt) && !string.IsNullOrEmpty(key)) jwt = key;
        if (!string.IsNullOrEmpty(jwt) && !string.IsNullOrEmpty(key))
        {
            configuration["Jwt:Secret"] = jwt;
            return;
        }

        if (!environment.IsDevelopment() && RunningCommand(configuration)) return;
        if (!environment.IsDevelopment())
        {
            throw new SettingsException(
                "JWT_SECRET (or SECRET_KEY, or Jwt__Secret) must be set outside Development; none was configured.");
        }

        var file = Path.Combine(dataPath, "secrets.json");
        Stored stored;
        if (File.Exists(file))
        {
            stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(file))
                ?? throw new SettingsException($"{file} is unreadable; delete it to generate new development secrets.");
        }
        else
        {
            Directory.CreateDirectory(dataPath);
            stored = new Stored(NewSecret(), NewSecret());
            File.WriteAllText(file, JsonSerializer.Serialize(stored));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        configuration["Jwt:Secret"] = string.IsNullOrEmpty(jwt) ? stored.JwtSecret : jwt;
        configuration["Security:SecretKey"] = string.IsNullOrEmpty(key) ? stored.SecretKey : key;
    }

    // A module's own secret (configKey): in Development generated once into the data folder, elsewhere required.
    public static string Require(IConfiguration configuration, IHostEnvironment environment, string configKey, string names)
    {
        if (configuration[configKey] is { Length: > 0 } set) return set;
        // Administrative commands (create-admin, migrate, seed) sign and encrypt nothing with these keys.
        if (!environment.IsDevelopment() && RunningCommand(configuration)) return "";
        if (!environment.IsDevelopment())
            throw new SettingsException($"{names} must be set outside Development; none was configured.");
        var dataPath = configuration["Storage:DataPath"] ?? throw new SettingsException("Storage:DataPath is not resolved yet.");
        var file = Path.Combine(dataPath, "secrets", configKey.Replace(':', '_') + ".key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, NewSecret());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return configuration[configKey] = File.ReadAllText(file).Trim();
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
