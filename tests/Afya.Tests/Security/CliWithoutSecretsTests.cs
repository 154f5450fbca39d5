using System.Diagnostics;
using Afya.Tests.Platform;
using Afya.Tests.Readme;
using Npgsql;

namespace Afya.Tests.Security;

// Issue 12: admin and seed commands sign nothing, so they run outside Development without a JWT secret.
public class CliWithoutSecretsTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Admin_and_seed_commands_run_in_production_without_a_jwt_secret(Db provider)
    {
        var folder = Directory.CreateTempSubdirectory("afya-cli-").FullName;
        var database = "afya_cli_" + Guid.NewGuid().ToString("N")[..12];
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataPath"] = folder,
        };
        if (provider == Db.Postgres)
        {
            environment["ConnectionStrings__Default"] = new NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer) { Database = database }.ConnectionString;
            environment["Database__Provider"] = "postgres";
        }
        try
        {
            var admin = await RunAsync(folder, environment, "create-admin", "--email", Calls.UniqueEmail("ops"), "--password", "ops-pass-123");
            admin.Code.ShouldBe(0, admin.Output);
            admin.Output.ShouldContain("Admin ready");
            var seed = await RunAsync(folder, environment, "seed");
            seed.Code.ShouldBe(0, seed.Output);

            // The service itself still refuses to start without one.
            var serve = await RunAsync(folder, environment, "--urls", "http://127.0.0.1:0");
            serve.Code.ShouldNotBe(0);
            serve.Output.ShouldContain("JWT_SECRET");
        }
        finally
        {
            if (provider == Db.Postgres)
            {
                await using var connection = new NpgsqlConnection(AfyaFactory.PostgresServer);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string folder, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(await ReadyToRunApp.FolderAsync(), "afya.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in new[] { "JWT_SECRET", "SECRET_KEY", "Jwt__Secret", "Security__SecretKey", "DATABASE_URL" }) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        AppProcess.KeepFirstCompilation(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
