using System.CommandLine;
using Afya.Api.Platform.Data;

namespace Afya.Api.Platform.Cli;

// Adds sample data for `afya seed`; each module that has some registers one.
public interface ISampleData
{
    int Order { get; }
    Task<string> SeedAsync(IServiceProvider services, CancellationToken ct);
}

// An administrative command a module adds to the CLI (create-admin, ...).
public interface ICliCommand
{
    Command Build(IServiceProvider services);
}

// `afya migrate | db status | db reset --yes | seed | create-admin ...`: run against the configured database, then exit.
public static class AfyaCli
{
    private static readonly string[] Commands = ["migrate", "db", "seed", "bench-seed", "bench-orders", "create-admin", "daraja-sim", "help", "--help", "-h"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(IServiceProvider services, IHostEnvironment environment, string[] args, TextWriter? output = null)
    {
        var console = output ?? Console.Out;
        var root = new RootCommand("Afya administration. Without a command, the service starts.");

        var migrate = new Command("migrate", "Apply pending database migrations.");
        migrate.SetAction(async (_, ct) =>
        {
            await DatabaseSetup.MigrateAsync(services, ct);
            await console.WriteLineAsync("Database is up to date.");
            return 0;
        });

        var status = new Command("status", "Show the database and its migrations.");
        status.SetAction(async (_, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
            await console.WriteLineAsync($"Database: {DatabaseSetup.Describe(services.GetRequiredService<DatabaseSettings>())}");
            if (!await db.Database.CanConnectAsync(ct))
            {
                await console.WriteLineAsync("Cannot connect.");
                return 1;
            }
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await console.WriteLineAsync($"Applied migrations: {applied.Count}{(applied.Count > 0 ? $" (latest {applied[^1]})" : "")}");
            await console.WriteLineAsync(pending.Count == 0 ? "Pending migrations: none" : $"Pending migrations: {string.Join(", ", pending)}");
            return 0;
        });

        var yes = new Option<bool>("--yes") { Description = "Confirm that every row will be deleted." };
        var reset = new Command("reset", "Delete the database and build it again from the migrations.") { yes };
        reset.SetAction(async (parse, ct) =>
        {
            if (environment.IsProduction())
            {
                await console.WriteLineAsync("Refusing to reset a Production database.");
                return 2;
            }
            if (!parse.GetValue(yes))
            {
                await console.WriteLineAsync("This deletes every row. Run again with --yes to confirm.");
                return 2;
            }
            var connectionString = services.GetRequiredService<DatabaseSettings>().ConnectionString;
            SqliteAfyaDb.CloseAll(connectionString);
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<AfyaDb>().Database.EnsureDeletedAsync(ct);
            SqliteAfyaDb.CloseAll(connectionString);
            await DatabaseSetup.MigrateAsync(services, ct);
            await console.WriteLineAsync("Database reset.");
            return 0;
        });
        var db = new Command("db", "Database status and reset.") { status, reset };

        var seed = new Command("seed", "Add sample data (safe to run twice).");
        seed.SetAction(async (_, ct) =>
        {
            await DatabaseSetup.MigrateAsync(services, ct);
            foreach (var sample in services.GetServices<ISampleData>().OrderBy(s => s.Order))
                await console.WriteLineAsync(await sample.SeedAsync(services, ct));
            return 0;
        });

        root.Subcommands.Add(migrate);
        root.Subcommands.Add(db);
        root.Subcommands.Add(seed);
        foreach (var command in services.GetServices<ICliCommand>()) root.Subcommands.Add(command.Build(services));

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console, Error = console });
    }
}
