using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Afya.Tests.Platform;

public enum Db { Sqlite, Postgres }

// The real app over HTTP, on a database of its own: a fresh SQLite file, or a fresh PostgreSQL database
// (AFYA_TEST_POSTGRES names the server). Settings go in as the environment would give them.
public sealed class AfyaFactory : WebApplicationFactory<Program>
{
    // For tests that wait on the outbox's retries and rounds, which its poll finds: the default 1 s would lengthen each wait.
    internal const string RetryPollSeconds = "0.2";

    public const string ClientIpHeader = "X-Test-Client-Ip";

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresDatabaseName;
    private readonly bool _ownsStorage;

    public Db Provider { get; }
    public string DataPath { get; }
    public FakeTimeProvider? Clock { get; }
    public LogCapture Logs { get; } = new();
    public string ConnectionString { get; }

    public static string PostgresServer { get; } = WithoutLoopbackTls(
        Environment.GetEnvironmentVariable("AFYA_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres");

    // Debian's server offers TLS, which Npgsql takes by default: each of the suite's many pools paid handshakes and every
    // row an encryption, on both sides of a loopback socket that gains nothing from it. A server elsewhere, or an
    // SSL Mode named in AFYA_TEST_POSTGRES, is left as given.
    private static string WithoutLoopbackTls(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var loopback = builder.Host is "127.0.0.1" or "localhost" or "::1";
        var named = connectionString.Contains("SSL Mode", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("SslMode", StringComparison.OrdinalIgnoreCase);
        if (loopback && !named) builder.SslMode = SslMode.Disable;
        return builder.ConnectionString;
    }

    // sameDatabaseAs: Run against another factory's database and data folder, as a second node or a restart would.
    // fromTemplate: false for a database the app must create and migrate itself (start-up's own report of it).
    public AfyaFactory(Db provider, IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null,
        string environment = "Development", AfyaFactory? sameDatabaseAs = null, string? contentRoot = null,
        Action<IServiceCollection>? services = null, bool fromTemplate = true, bool fastPasswords = true)
    {
        _fastPasswords = fastPasswords;
        _services = services;
        _contentRoot = contentRoot;
        Provider = provider;
        Clock = clock;
        _ownsStorage = sameDatabaseAs is null;
        DataPath = sameDatabaseAs?.DataPath ?? Directory.CreateTempSubdirectory("afya-test-").FullName;
        _settings = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:DataPath"] = DataPath,
            ["Jwt:Secret"] = "test-secret-" + Guid.NewGuid().ToString("N"),
            ["Security:SecretKey"] = "test-key-" + Guid.NewGuid().ToString("N"),
            ["Care:AadhaarKey"] = "test-aadhaar-" + Guid.NewGuid().ToString("N"),
            ["Care:DocumentKey"] = "test-documents-" + Guid.NewGuid().ToString("N"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Afya"] = "Information",
            // New mail and callbacks are handled at once; the poll and the sweep only find what is left, and at 0.2 s and
            // 1 s they cost every idle app 2.5 % of a core (tests of retries and of the sweep set their own).
            ["Outbox:PollSeconds"] = "1",
            ["Outbox:BaseDelaySeconds"] = "0.2",
            ["Outbox:UrgentDelaySeconds"] = "0.1",
            ["Mpesa:InboxEverySeconds"] = "30",
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            // Every factory is a node of its own (all share one host name); a test that restarts a node names it.
            ["Node:Id"] = "test-" + Guid.NewGuid().ToString("N")[..12],
        };
        if (provider == Db.Postgres)
        {
            PostgresAvailability.Require();
            var database = sameDatabaseAs?._postgresDatabaseName ?? "afya_t_" + Guid.NewGuid().ToString("N")[..12];
            _postgresDatabaseName = database;
            if (_ownsStorage) _postgresDatabase = database;
            ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString;
            _settings["ConnectionStrings:Default"] = ConnectionString;
            _settings["Database:Provider"] = "postgres";
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(DataPath, "afya.db")}";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        _environment = environment;
        if (fromTemplate && _ownsStorage && settings?.ContainsKey("ConnectionStrings:Default") != true) StartFromTemplate(database: _postgresDatabase);
    }

    // A new database is a copy of one migrated once per run (MigratedTemplates); the app's own start-up migration then
    // finds nothing to do.
    private void StartFromTemplate(string? database)
    {
        if (Provider == Db.Postgres) MigratedTemplates.CreatePostgres(database!);
        else MigratedTemplates.CopySqliteTo(Path.Combine(DataPath, "afya.db"));
    }

    private readonly string _environment;
    private readonly string? _contentRoot;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _fastPasswords;

    // PBKDF2 at Identity's default work factor costs about 0.1 s of CPU per hash here, and the suite signs up and in
    // thousands of times; its hashes are made at this lower factor. PasswordHashingTests checks the default is kept
    // wherever the suite does not lower it.
    public const int TestPasswordIterations = 1_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        if (_contentRoot is not null) builder.UseContentRoot(_contentRoot);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
            services.AddSingleton<IStartupFilter, TestClientAddress>();
            if (_fastPasswords) services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations);
            _services?.Invoke(services);
        });
    }

    // Set when the host runs on a real port (UseKestrel), so clients talk to it over the network.
    public Uri? ServerAddress { get; set; }

    // A client whose requests come from their own address, so per-address limits of other tests never meet.
    public HttpClient Client(string? address = null)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        if (ServerAddress is not null) options.BaseAddress = ServerAddress;
        var client = CreateClient(options);
        client.DefaultRequestHeaders.Add(ClientIpHeader, address ?? TestClientAddress.Random());
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<AfyaDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AfyaDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        if (!_ownsStorage) return;
        try { Directory.Delete(DataPath, recursive: true); }
        catch (IOException) { /* a file still open on a slow shutdown; the temp folder is cleaned by the OS */ }
    }
}

// Whether the PostgreSQL half of the suite can run. Without a server, each PostgreSQL case is skipped with one
// message saying why and how to get one (the SQLite half still runs); under CI=true a missing server fails instead.
public static class PostgresAvailability
{
    private static readonly Lazy<string?> Probe = new(() =>
    {
        var builder = new NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer) { Timeout = 3, Pooling = false };
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            builder.Password = null;
            return $"PostgreSQL not reachable at '{builder.Host}:{builder.Port}' ({ex.GetBaseException().Message.Trim()}). " +
                "Start one (bash .ci/run installs and starts Debian's) or point AFYA_TEST_POSTGRES at yours.";
        }
    });

    // Null when a server answers; otherwise the reason, said once per skipped case.
    public static string? Unreachable => Probe.Value;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    // What the run says once at its start when no server answers.
    public static string? Banner => Unreachable is not { } reason ? null
        : InCi ? "CI=true, so every PostgreSQL case fails: " + reason
        : "The PostgreSQL cases are skipped, the SQLite cases run. " + reason;

    public static void Require()
    {
        if (Unreachable is not { } reason) return;
        if (InCi) throw new InvalidOperationException("CI=true and " + reason);
        Assert.Skip(reason);
    }
}

// Gives each test request the client address it names, as a proxy's X-Forwarded-For would.
internal sealed class TestClientAddress : IStartupFilter
{
    public const string ServerExceptionHeader = "X-Test-Server-Exception";

    private static int _next;

    public static string Random() => $"10.{(Interlocked.Increment(ref _next) >> 16) & 255}.{(_next >> 8) & 255}.{_next & 255}";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(AfyaFactory.ClientIpHeader, out var value) && IPAddress.TryParse(value, out var ip))
                context.Connection.RemoteIpAddress = ip;
            context.Response.OnStarting(() =>
            {
                // A 500 says nothing of its cause to clients; a failing test should, or an intermittent one stays a mystery.
                if (context.Response.StatusCode >= 500 && context.Features.Get<IExceptionHandlerFeature>()?.Error is { } error)
                {
                    var text = Regex.Replace(error.ToString(), @"[^\x20-\x7E]+", " | ");
                    context.Response.Headers[ServerExceptionHeader] = text.Length <= 4_000 ? text : text[..4_000]; // under HttpClient's header limit
                }
                return Task.CompletedTask;
            });
            return nextMiddleware(context);
        });
        next(app);
    };
}

public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    // The lines logged while serving an HTTP request, without what background work logged at the same moment.
    public ConcurrentQueue<string> RequestLines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}";
            owner.Lines.Enqueue(line);
            if (InRequest())
                owner.RequestLines.Enqueue(line);
        }

        private static bool InRequest()
        {
            for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
                if (activity.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn")
                    return true;
            return false;
        }
    }
}
