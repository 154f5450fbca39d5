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

    // A database of its own on the test server, as a DATABASE_URL: a copy of the run's migrated template, so the first
    // start finds nothing to migrate, as the restart after the kill already did. Migrating a new PostgreSQL database
    // cost the child about 0.9 s of CPU (a third of its start), PostgreSQL's own work beside it, and 8-15 s of the
    // start's wall; what these tests prove begins after it. The CLI tests still migrate a new database in a child.
    public static async Task<string> CreatePostgresDatabaseAsync(string prefix, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer);
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        await Task.Run(() => MigratedTemplates.CreatePostgres(name), ct);
        var tls = admin.SslMode == SslMode.Disable ? "?sslmode=disable" : "";
        return $"postgres://{admin.Username}:{admin.Password}@{admin.Host}:{admin.Port}/{name}{tls}";
    }

    // The test's copy (the settings' DATABASE_URL, if any), dropped when the test ends however it ends: before, each run
    // left two behind, and a launch that failed would still leave one.
    public static IAsyncDisposable DroppedAfterwards(IReadOnlyDictionary<string, string> env) =>
        new DroppedDatabase(env.TryGetValue("DATABASE_URL", out var url) ? url : null);

    private sealed class DroppedDatabase(string? databaseUrl) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (databaseUrl is not null) await DropPostgresDatabaseAsync(databaseUrl);
        }
    }

    private static async Task DropPostgresDatabaseAsync(string databaseUrl)
    {
        var name = new Uri(databaseUrl).AbsolutePath.TrimStart('/');
        await using var connection = new NpgsqlConnection(AfyaFactory.PostgresServer);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    // The installation's first admin over HTTP (the API's twin of `afya create-admin`): the CLI command was one more
    // start of the app (about 2.5 s of CPU) for an account these tests only use. CliWithoutSecretsTests and the README
    // run still create admins with the command.
    public static async Task SetUpAdminAsync(HttpClient http, string email, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/admin/setup-initial-admin", new { email, password });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> TokenAsync(HttpClient http, string path, string email, string password) =>
        (await (await http.PostAsJsonAsync(path, new { email, password })).Body())["access"]!.GetValue<string>();

    private static string Secret() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
