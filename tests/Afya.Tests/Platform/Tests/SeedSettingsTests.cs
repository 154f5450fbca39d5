using System.Diagnostics;
using Afya.Api.Platform;
using Afya.Api.Platform.Settings;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Afya.Tests.Readme;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Afya.Tests.PlatformTests;

// The seeds' configuration promises (issue 25): each variable a README names is honoured with its meaning.
public class SeedSettingsTests
{
    private static ConfigurationManager Configured(params (string Key, string? Value)[] values)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value)));
        SeedSettings.Apply(configuration);
        return configuration;
    }

    [Fact]
    public void Dira_redis_cloud_url_in_REDIS_HOST_is_used_as_the_redis_address()
    {
        Configured(("REDIS_HOST", "redis://default:s3cret@redis-123.cloud.example:16379"))["Cache:RedisUrl"]
            .ShouldBe("redis://default:s3cret@redis-123.cloud.example:16379");
        Configured(("REDIS_HOST", "localhost"), ("REDIS_PORT", "6380"))["Cache:RedisUrl"].ShouldBe("redis://localhost:6380");
        Should.Throw<SettingsException>(() => Configured(("REDIS_HOST", "redis://default:pw@host:port"))).Message.ShouldStartWith("REDIS_HOST ");
    }

    [Fact]
    public void Dira_mail_variables_reach_the_mail_settings()
    {
        var configuration = Configured(("EMAIL_PASSWORD", "abcd efgh ijkl mnop"), ("USE_CREDENTIALS", "True"), ("VALIDATE_CERTS", "False"));
        configuration["Mail:Password"].ShouldBe("abcd efgh ijkl mnop");
        configuration["Mail:UseCredentials"].ShouldBe("True");
        configuration["Mail:ValidateCertificates"].ShouldBe("False");
    }

    [Fact]
    public async Task Dira_mail_without_credentials_is_sent_and_unchecked_certificates_are_said_at_start_up()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?>
        {
            ["MAIL_SERVER"] = "127.0.0.1", ["MAIL_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MAIL_STARTTLS"] = "False", ["MAIL_SSL_TLS"] = "False", ["MAIL_USERNAME"] = "dira@gmail.com", ["EMAIL_PASSWORD"] = "app-password",
            // The sink offers no AUTH: with credentials in use MailKit would refuse to send.
            ["USE_CREDENTIALS"] = "False", ["VALIDATE_CERTS"] = "False",
        });
        var email = Calls.UniqueEmail("dira");
        await app.Client().RegisterAsync(email);
        await Calls.Eventually(() => Task.FromResult(smtp.Messages.FirstOrDefault(m => m.To.Contains(email))), TimeSpan.FromSeconds(60), "mail at the sink");
        app.Logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("VALIDATE_CERTS=False", StringComparison.Ordinal));
    }

    // appsettings.json is read from the content root: a service started from another folder lost its framework levels and
    // wrote three or four framework lines per request (docs/PERFORMANCE.md, issue 32).
    [Fact]
    public async Task Framework_log_levels_hold_when_the_service_starts_outside_its_folder()
    {
        var elsewhere = Directory.CreateTempSubdirectory("afya-cwd-").FullName;
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" }, contentRoot: elsewhere);
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        logs.CreateLogger("Afya.Requests").IsEnabled(LogLevel.Information).ShouldBeTrue();
        logs.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information).ShouldBeFalse();
        logs.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information).ShouldBeFalse();
    }

    [Fact]
    public async Task CloudCare_LOG_LEVEL_and_log_file_are_honoured_with_timestamps()
    {
        var folder = Directory.CreateTempSubdirectory("afya-logs-").FullName;
        var file = Path.Combine(folder, "app.log");
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?>
        {
            ["LOG_LEVEL"] = "WARNING", ["LOG_FILE"] = file, ["Logging:LogLevel:Default"] = null, ["Logging:LogLevel:Afya"] = null,
        });
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        logs.CreateLogger("Afya.Requests").IsEnabled(LogLevel.Information).ShouldBeFalse();
        logs.CreateLogger("Afya.Requests").IsEnabled(LogLevel.Warning).ShouldBeTrue();
        logs.CreateLogger("SeedSettingsTests").LogWarning("seed promise {Row}", "CloudCare");

        // Serilog's rolling sink names the day's file after the one given.
        var line = await Calls.Eventually(() => Task.FromResult(Directory.GetFiles(folder, "app*.log")
            .SelectMany(f => { using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); return new StreamReader(s).ReadToEnd().Split('\n'); })
            .FirstOrDefault(l => l.Contains("seed promise", StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "the line in the file");
        line.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}");

        SeedSettings.LogLevelOf("CRITICAL").ShouldBe(LogLevel.Critical);
        Should.Throw<SettingsException>(() => Configured(("LOG_LEVEL", "LOUD"))).Message.ShouldContain("LOG_LEVEL");
    }

    [Fact]
    public void Seed_log_files_are_the_defaults_when_their_variables_are_used()
    {
        LogSetup.FilePath(Configured(("LOG_LEVEL", "INFO")), "/srv/afya").ShouldBe("/srv/afya/logs/app.log");
        LogSetup.FilePath(Configured(("EMAIL_HOST", "smtp.gmail.com")), "/srv/afya").ShouldBe("/srv/afya/logs/django.log");
        LogSetup.FilePath(Configured(("LOG_LEVEL", "INFO"), ("LOG_FILE", "none")), "/srv/afya").ShouldBeNull();
        LogSetup.FilePath(Configured(), "/srv/afya").ShouldBeNull();
    }

    [Fact]
    public void Every_log_format_carries_a_date_and_time()
    {
        using var development = new AfyaFactory(Db.Sqlite);
        development.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue
            .TimestampFormat.ShouldBe(LogSetup.TimestampFormat + " ");
        using var production = new AfyaFactory(Db.Sqlite, environment: "Production");
        production.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue
            .TimestampFormat.ShouldBe(LogSetup.TimestampFormat);
    }

    [Fact]
    public void CloudCare_AADHAR_key_is_not_reported_as_ignored()
    {
        var configuration = Configured(("AADHAR_ENCRYPTION_KEY", "k"), ("JTI_EXPIRY", "3600"), ("DEBUG", "False"), ("USE_CREDENTIALS", "True"));
        SeedSettings.IgnoredPresent(configuration).ShouldBe(["JTI_EXPIRY"]);
    }

    [Theory]
    [InlineData("ENVIRONMENT", "production", "Production")]
    [InlineData("FLASK_ENV", "production", "Production")]
    [InlineData("DEBUG", "False", "Production")]
    [InlineData("DEBUG", "True", "Development")]
    [InlineData("ENVIRONMENT", "development", "Development")]
    public void Seed_run_mode_variables_choose_the_environment_when_ASPNETCORE_ENVIRONMENT_is_unset(string name, string value, string expected)
    {
        RunMode.Choose(n => n == name ? value : null).ShouldBe(expected);
        // Only a user's own ASPNETCORE_ENVIRONMENT decides over them, not the one `dotnet run` takes from launchSettings.json.
        RunMode.Choose(n => n == name ? value : n == "ASPNETCORE_ENVIRONMENT" ? "Staging" : null).ShouldBeNull();
        RunMode.Choose(n => n == name ? value : n == "ASPNETCORE_ENVIRONMENT" ? "Development" : n == "DOTNET_LAUNCH_PROFILE" ? "afya" : null).ShouldBe(expected);
        // A .env file's line counts as the variable would.
        RunMode.Choose(_ => null, new Dictionary<string, string> { [name] = value }).ShouldBe(expected);
    }

    [Fact]
    public async Task A_seed_production_env_starts_in_production_and_a_bad_setting_is_one_line()
    {
        // DEBUG=False with no secret: Production refuses to start, and says why in one line, no stack trace.
        var (code, output) = await RunAppAsync(new() { ["DEBUG"] = "False" });
        code.ShouldBe(StartupFailure.ExitCode, output);
        output.Trim().ShouldBe("Afya cannot start: JWT_SECRET (or SECRET_KEY, or Jwt__Secret) must be set outside Development; none was configured.");

        (code, output) = await RunAppAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["REDIS_HOST"] = "redis://default:<password>@<host>:<port>" });
        code.ShouldBe(StartupFailure.ExitCode, output);
        output.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("Afya cannot start: REDIS_HOST ");

        (code, output) = await RunAppAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["MAIL_PORT"] = "99999" });
        code.ShouldBe(StartupFailure.ExitCode, output);
        output.Trim().ShouldBe("Afya cannot start: MAIL_PORT (Mail__Port) must be a TCP port; got 99999.");
    }

    // The built app in its own process, without ASPNETCORE_ENVIRONMENT unless given; returns its exit code and output.
    private static async Task<(int Code, string Output)> RunAppAsync(Dictionary<string, string> settings)
    {
        var data = Directory.CreateTempSubdirectory("afya-seedenv-").FullName;
        settings["Storage__DataPath"] = data;
        settings["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var start = AppProcess.Start(AppProcess.AppFolderPath(), settings, []);
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "DOTNET_LAUNCH_PROFILE", "JWT_SECRET", "SECRET_KEY", "Jwt__Secret" })
            if (!settings.ContainsKey(inherited)) start.Environment.Remove(inherited);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
