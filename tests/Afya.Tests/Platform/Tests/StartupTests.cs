using System.Net;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Settings;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afya.Tests.PlatformTests;

public class StartupTests
{
    [Theory]
    [InlineData("ACCESS_TOKEN_EXPIRY", "soon")]
    [InlineData("REFRESH_TOKEN_EXPIRY", "-3")]
    [InlineData("JWT_ALGORITHM", "none")]
    [InlineData("DATABASE_URL", "mysql://root@localhost/afya")]
    [InlineData("DATABASE_URL", "postgresql://user:pw@/nodb")]
    [InlineData("SMS_PROVIDER", "carrier_pigeon")]
    [InlineData("MAIL_PORT", "99999")]
    public void A_bad_setting_stops_start_up_naming_it(string name, string value)
    {
        using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { [name] = value });
        var failure = Should.Throw<Exception>(() => app.Services);
        Flatten(failure).ShouldContain(name);
    }

    [Fact]
    public void Production_without_a_secret_refuses_to_start()
    {
        using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Jwt:Secret"] = "", ["Security:SecretKey"] = "" }, environment: "Production");
        Flatten(Should.Throw<Exception>(() => app.Services)).ShouldContain("JWT_SECRET");
    }

    [Fact]
    public async Task Development_generates_secrets_once_and_keeps_them()
    {
        using var first = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Jwt:Secret"] = "", ["Security:SecretKey"] = "" });
        var session = await first.Client().RegisterAsync();
        var secrets = Path.Combine(first.DataPath, "secrets.json");
        File.Exists(secrets).ShouldBeTrue();
        var kept = await File.ReadAllTextAsync(secrets);

        // A second start on the same data folder signs with the same key: the old token still works.
        using var second = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?>
        {
            ["Jwt:Secret"] = "", ["Security:SecretKey"] = "", ["Storage:DataPath"] = first.DataPath,
        });
        (await second.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await File.ReadAllTextAsync(secrets)).ShouldBe(kept);
    }

    [Theory]
    [InlineData("sqlite+aiosqlite:///./db.sqlite3", DatabaseProvider.Sqlite, "Data Source=/srv/app/db.sqlite3")]
    [InlineData("sqlite:////var/lib/afya/afya.db", DatabaseProvider.Sqlite, "Data Source=/var/lib/afya/afya.db")]
    [InlineData("postgres://user:p%40ss@db.example:6543/afya", DatabaseProvider.Postgres, "Port=6543")]
    [InlineData("postgresql+asyncpg://user:password@production-host:5432/production_db", DatabaseProvider.Postgres, "Database=production_db")]
    [InlineData("postgresql://user:password@ep-xxx.region.aws.neon.tech/neondb?sslmode=require", DatabaseProvider.Postgres, "SSL Mode=Require")]
    public void Database_urls_in_the_seeds_forms_are_understood(string url, DatabaseProvider provider, string expected)
    {
        var settings = DatabaseSettings.FromUrl(url, "/srv/app");
        settings.Provider.ShouldBe(provider);
        settings.ConnectionString.ShouldContain(expected);
        if (url.Contains("p%40ss", StringComparison.Ordinal)) settings.ConnectionString.ShouldContain("Password=p@ss");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Migrations_build_exactly_the_model(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        db.Database.HasPendingModelChanges().ShouldBeFalse("The EF model has changes no migration captures: add a migration for both providers.");
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();

        // Every mapped table and column exists in the database the migrations built.
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var columns = string.Join(", ", entity.GetProperties().Select(p => p.GetColumnName()).Select(c => $"\"{c}\""));
#pragma warning disable EF1002 // names come from the EF model, not from input
            await db.Database.ExecuteSqlRawAsync($"SELECT {columns} FROM \"{table}\" WHERE 1 = 0");
#pragma warning restore EF1002
        }
    }

    [Fact]
    public async Task Cli_creates_an_admin_reports_status_and_refuses_reset_in_production()
    {
        await using var app = new AfyaFactory(Db.Sqlite);
        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        var email = Calls.UniqueEmail("admin");
        (await AfyaCli.RunAsync(app.Services, environment, ["create-admin", "--email", email, "--password", "admin-pass-1"], output)).ShouldBe(0, output.ToString());
        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { email, password = "admin-pass-1" })).ShouldBe(HttpStatusCode.OK);
        login["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("admin");

        (await AfyaCli.RunAsync(app.Services, environment, ["create-admin", "--email", email, "--password", "123"], output)).ShouldBe(2);
        (await AfyaCli.RunAsync(app.Services, environment, ["db", "status"], output)).ShouldBe(0);
        output.ToString().ShouldContain("Pending migrations: none");
        (await AfyaCli.RunAsync(app.Services, environment, ["db", "reset"], output)).ShouldBe(2);

        environment.EnvironmentName = Environments.Production;
        (await AfyaCli.RunAsync(app.Services, environment, ["db", "reset", "--yes"], output)).ShouldBe(2);
        output.ToString().ShouldContain("Refusing");
        environment.EnvironmentName = Environments.Development;

        (await AfyaCli.RunAsync(app.Services, environment, ["db", "reset", "--yes"], output)).ShouldBe(0);
        await (await app.Client().PostJson("/api/v1/auth/login", new { email, password = "admin-pass-1" })).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], output)).ShouldBe(0);
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], output)).ShouldBe(0);
    }

    [Fact]
    public void Seed_variable_names_map_onto_settings_and_explicit_ones_win()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ACCESS_TOKEN_EXPIRY"] = "3600", ["REFRESH_TOKEN_EXPIRY"] = "90", ["JWT_SECRET_KEY"] = "kuwait", ["EMAIL_HOST"] = "smtp.gmail.com",
            ["DEFAULT_FROM_EMAIL"] = "\"Amazon Kenya <you@gmail.com>\"", ["ALLOWED_HOSTS"] = "localhost,127.0.0.1", ["Mail:Port"] = "2525", ["EMAIL_PORT"] = "587",
        });
        SeedSettings.Apply(configuration);
        configuration["Jwt:AccessTokenSeconds"].ShouldBe("3600");
        configuration["Jwt:RefreshTokenDays"].ShouldBe("90");
        configuration["Jwt:Secret"].ShouldBe("kuwait");
        configuration["Mail:Server"].ShouldBe("smtp.gmail.com");
        configuration["Mail:From"].ShouldBe("Amazon Kenya <you@gmail.com>");
        configuration["Mail:Port"].ShouldBe("2525");
        configuration["AllowedHosts"].ShouldBe("localhost;127.0.0.1");
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}

public class LoggingTests
{
    [Fact]
    public void Production_logs_are_json_lines_with_trace_ids()
    {
        using var app = new AfyaFactory(Db.Sqlite, environment: "Production");
        var console = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().CurrentValue;
        console.FormatterName.ShouldBe("json");
        var factory = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Logging.LoggerFactoryOptions>>().Value;
        factory.ActivityTrackingOptions.HasFlag(Microsoft.Extensions.Logging.ActivityTrackingOptions.TraceId).ShouldBeTrue();
    }
}

public class ProductionHttpTests
{
    [Fact]
    public async Task Production_redirects_to_https_and_sends_hsts_there()
    {
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["https_port"] = "443" }, environment: "Production");
        var plain = await app.Client().GetAsync("/health");
        ((int)plain.StatusCode).ShouldBe(307);
        plain.Headers.Location!.ToString().ShouldBe("https://localhost/health");

        var secure = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://shop.afya.example") }); // HSTS is never sent to localhost
        var response = await secure.GetAsync("/health");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
    }
}

public class TrustedProxyTests
{
    [Fact]
    public async Task Behind_a_trusted_proxy_limits_count_the_forwarded_client()
    {
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Http:TrustedProxies"] = "10.250.0.0/16" });
        HttpClient Via(string client)
        {
            var http = app.Client("10.250.0.7");
            http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
            return http;
        }
        var victim = await app.Client().RegisterAsync();
        for (var i = 0; i < 20; i++)
            await Via("203.0.113.9").PostJson("/api/v1/auth/login", new { email = Calls.UniqueEmail("spray"), password = "wrong-pass-1" });
        // The forwarded client is the one slowed (an address limit slows, never refuses a right password).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await (await Via("203.0.113.9").PostJson("/api/v1/auth/login", new { email = victim.Email, password = victim.Password })).ShouldBe(System.Net.HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
        await (await Via("198.51.100.4").PostJson("/api/v1/auth/login", new { email = victim.Email, password = victim.Password })).ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored_and_bad_entries_stop_start_up()
    {
        await using var app = new AfyaFactory(Db.Sqlite);
        var victim = await app.Client().RegisterAsync();
        for (var i = 0; i < 20; i++)
        {
            var spoofing = app.Client();
            spoofing.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
            await spoofing.PostJson("/api/v1/auth/login", new { email = Calls.UniqueEmail("spray"), password = "wrong-pass-1" });
        }
        var client = app.Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        await (await client.PostJson("/api/v1/auth/login", new { email = victim.Email, password = victim.Password })).ShouldBe(System.Net.HttpStatusCode.OK);

        using var bad = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Http:TrustedProxies"] = "not-an-ip" });
        Should.Throw<Exception>(() => bad.Services).ToString().ShouldContain("Http__TrustedProxies");
    }
}
