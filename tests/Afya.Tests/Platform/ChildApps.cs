using System.Net.Http.Json;
using Afya.Tests.Readme;
using Npgsql;

namespace Afya.Tests.Platform;

// What the crash tests share: the published app's Production settings with fresh secrets, its own PostgreSQL
// database, and a token from a sign-in or sign-up answer.
public static class ChildApps
{
    public static Dictionary<string, string> ProductionSettings(string dataPath) => new()
    {
        ["Storage__DataPath"] = dataPath, ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{AppProcess.FreePort()}",
        ["JWT_SECRET"] = Secret(), ["SECRET_KEY"] = Secret(), ["AADHAR_ENCRYPTION_KEY"] = Secret(), ["Care__DocumentKey"] = Secret(),
        ["Logging__Format"] = "text", ["Logging__LogLevel__Default"] = "Warning", ["RateLimits__Enabled"] = "false",
    };

    // A database of its own on the test server, as a DATABASE_URL.
    public static async Task<string> CreatePostgresDatabaseAsync(string prefix, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer);
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        var tls = admin.SslMode == SslMode.Disable ? "?sslmode=disable" : "";
        return $"postgres://{admin.Username}:{admin.Password}@{admin.Host}:{admin.Port}/{name}{tls}";
    }

    public static async Task<string> TokenAsync(HttpClient http, string path, string email, string password) =>
        (await (await http.PostAsJsonAsync(path, new { email, password })).Body())["access"]!.GetValue<string>();

    private static string Secret() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
