using System.Globalization;
using DotNetEnv;
using DotNetEnv.Configuration;

namespace Afya.Api.Platform.Settings;

// Accepts the variable names the five seed systems documented (DATABASE_URL, JWT_SECRET, MAIL_*, EMAIL_*, ...)
// and writes them onto Afya's own configuration keys. An Afya key that is set explicitly wins.
public static class SeedSettings
{
    private static readonly (string Seed, string Afya)[] Aliases =
    [
        ("DATABASE_URL", "Database:Url"),
        ("JWT_SECRET", "Jwt:Secret"),
        ("JWT_SECRET_KEY", "Jwt:Secret"),
        ("JWT_ALGORITHM", "Jwt:Algorithm"),
        ("SECRET_KEY", "Security:SecretKey"),
        ("AADHAR_ENCRYPTION_KEY", "Care:AadhaarKey"),
        ("CORS_ORIGINS", "Http:CorsOrigins"),
        ("DOMAIN", "Http:PublicUrl"),
        ("FRONTEND_URL", "Http:FrontendUrl"),
        ("AFYA_DATA_DIR", "Storage:DataPath"),
        ("MAIL_SERVER", "Mail:Server"),
        ("MAIL_PORT", "Mail:Port"),
        ("MAIL_USERNAME", "Mail:Username"),
        ("MAIL_PASSWORD", "Mail:Password"),
        ("MAIL_FROM", "Mail:From"),
        ("MAIL_FROM_NAME", "Mail:FromName"),
        ("MAIL_STARTTLS", "Mail:StartTls"),
        ("MAIL_SSL_TLS", "Mail:SslTls"),
        ("USE_CREDENTIALS", "Mail:UseCredentials"),
        ("VALIDATE_CERTS", "Mail:ValidateCertificates"),
        // Dira's README names the Gmail app password EMAIL_PASSWORD in one place and MAIL_PASSWORD in another.
        ("EMAIL_PASSWORD", "Mail:Password"),
        ("EMAIL_HOST", "Mail:Server"),
        ("EMAIL_PORT", "Mail:Port"),
        ("EMAIL_HOST_USER", "Mail:Username"),
        ("EMAIL_HOST_PASSWORD", "Mail:Password"),
        ("DEFAULT_FROM_EMAIL", "Mail:From"),
        ("SMS_PROVIDER", "Sms:Provider"),
        ("TWILIO_ACCOUNT_SID", "Sms:TwilioAccountSid"),
        ("TWILIO_AUTH_TOKEN", "Sms:TwilioAuthToken"),
        ("TWILIO_WHATSAPP_FROM", "Sms:TwilioWhatsAppFrom"),
        ("TWILIO_SMS_FROM", "Sms:TwilioSmsFrom"),
        ("OTP_ECHO", "Otp:Echo"),
        ("REDIS_URL", "Cache:RedisUrl"),
        ("LOG_FILE", "Logging:File:Path"),
    ];

    // Seed variables that have no meaning in Afya: accepted, and reported once at start-up.
    // Honoured elsewhere: AADHAR_ENCRYPTION_KEY keys the patient UID (Care), MPESA_* (Payments), ENVIRONMENT, DEBUG
    // and FLASK_ENV choose the run mode (RunMode, before the host is built).
    public static readonly string[] Ignored =
    [
        "MONGODB_URI", "MONGODB_URL", "MONGODB_DB_NAME",
        // Dira's refresh tokens are revoked by a stored row, not by a JTI kept for a while in Redis.
        "JTI_EXPIRY",
        "SMS_API_KEY",
        // Flask's debugger and reloader: Afya has neither; FLASK_ENV alone chooses the run mode.
        "FLASK_DEBUG",
    ];

    // A flat name Afya reads: a seed's alias (copied onto an Afya key) or one of the MPESA_* the payments module reads itself.
    public static bool IsSeedName(string key) =>
        key.StartsWith("MPESA_", StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => a.Seed.Equals(key, StringComparison.OrdinalIgnoreCase));

    // Adds the optional .env file beneath environment variables, so a real variable still wins.
    public static void AddDotEnvFile(ConfigurationManager configuration, string contentRoot)
    {
        var path = configuration["AFYA_ENV_FILE"] ?? Path.Combine(contentRoot, ".env");
        if (!File.Exists(path))
        {
            var cwd = Path.Combine(Directory.GetCurrentDirectory(), ".env");
            if (!File.Exists(cwd)) return;
            path = cwd;
        }

        var source = new EnvConfigurationSource([path], LoadOptions.NoEnvVars());
        var sources = configuration.Sources;
        var firstEnvironment = sources.ToList().FindIndex(s =>
            s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource);
        if (firstEnvironment < 0) sources.Add(source);
        else sources.Insert(firstEnvironment, source);
    }

    // Maps seed names onto Afya keys; throws SettingsException naming a value that is unusable.
    public static void Apply(ConfigurationManager configuration)
    {
        var mapped = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Map(string afyaKey, string? value)
        {
            if (value is null || !string.IsNullOrEmpty(configuration[afyaKey]) || mapped.ContainsKey(afyaKey)) return;
            mapped[afyaKey] = value;
        }

        foreach (var (seed, afya) in Aliases) Map(afya, Clean(configuration[seed]));

        // The seeds state token lifetimes in seconds (access) and days (refresh).
        if (Clean(configuration["ACCESS_TOKEN_EXPIRY"]) is { } access)
            Map("Jwt:AccessTokenSeconds", PositiveInteger("ACCESS_TOKEN_EXPIRY", access).ToString(CultureInfo.InvariantCulture));
        if (Clean(configuration["REFRESH_TOKEN_EXPIRY"]) is { } refresh)
            Map("Jwt:RefreshTokenDays", PositiveInteger("REFRESH_TOKEN_EXPIRY", refresh).ToString(CultureInfo.InvariantCulture));

        // Django's ALLOWED_HOSTS is comma-separated; ASP.NET's host filtering wants semicolons.
        if (Clean(configuration["ALLOWED_HOSTS"]) is { } hosts)
            Map("AllowedHosts", string.Join(';', hosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

        // Amazon Kenya's production settings name the PostgreSQL parts one by one.
        if (Clean(configuration["DB_NAME"]) is { } dbName && string.IsNullOrEmpty(configuration["DATABASE_URL"]))
        {
            var user = Uri.EscapeDataString(configuration["DB_USER"] ?? "postgres");
            var password = Uri.EscapeDataString(configuration["DB_PASSWORD"] ?? "");
            var host = configuration["DB_HOST"] ?? "localhost";
            var port = configuration["DB_PORT"] ?? "5432";
            Map("Database:Url", $"postgres://{user}:{password}@{host}:{port}/{dbName}");
        }

        // The seeds' level names (Python's: DEBUG, INFO, WARNING, ERROR, CRITICAL) onto .NET's.
        // appsettings.json's own default level must not hide it; Logging__LogLevel__Default set by the user still wins.
        if (Clean(configuration["LOG_LEVEL"]) is { } level && !SetOutsideAppSettings(configuration, "Logging:LogLevel:Default"))
            mapped["Logging:LogLevel:Default"] = LogLevelOf(level).ToString();

        // Dira's README puts a Redis Cloud connection URL in REDIS_HOST; the Kuwait seed names Redis in parts.
        // REDIS_URL, when also set, was mapped above and wins.
        if (Clean(configuration["REDIS_HOST"]) is { } redisUrl && redisUrl.Contains("://", StringComparison.Ordinal))
        {
            // Checked here so that a mistake names the variable the user set, not the key it was copied to.
            try { Platform.Caching.RedisAddress.Parse(redisUrl); }
            catch (SettingsException ex)
            {
                throw new SettingsException("REDIS_HOST " + ex.Message[(ex.Message.IndexOf(')', StringComparison.Ordinal) + 1)..].Trim());
            }
            Map("Cache:RedisUrl", redisUrl);
        }
        else if (Clean(configuration["REDIS_HOST"]) is { } redisHost)
        {
            var port = Clean(configuration["REDIS_PORT"]) is { } p ? PositiveInteger("REDIS_PORT", p) : 6379;
            var password = Clean(configuration["REDIS_PASSWORD"]) is { } secret ? ":" + Uri.EscapeDataString(secret) + "@" : "";
            Map("Cache:RedisUrl", $"redis://{password}{redisHost}:{port.ToString(CultureInfo.InvariantCulture)}");
        }

        if (mapped.Count > 0) configuration.AddInMemoryCollection(mapped);
    }

    private static bool SetOutsideAppSettings(IConfigurationRoot configuration, string key) =>
        configuration.Providers.Any(p => p is not Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider && p.TryGet(key, out var v) && !string.IsNullOrEmpty(v));

    public static LogLevel LogLevelOf(string value) => value.ToUpperInvariant() switch
    {
        "TRACE" or "VERBOSE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" => LogLevel.Information,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" or "FATAL" => LogLevel.Critical,
        "NONE" or "OFF" => LogLevel.None,
        _ => throw new SettingsException($"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL; got '{value}'."),
    };

    public static IEnumerable<string> IgnoredPresent(IConfiguration configuration) =>
        Ignored.Where(name => !string.IsNullOrEmpty(configuration[name]));

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        // .env files from the seeds quote values ("Amazon Kenya <you@gmail.com>").
        if (trimmed.Length >= 2 && (trimmed[0] == '"' && trimmed[^1] == '"' || trimmed[0] == '\'' && trimmed[^1] == '\''))
            trimmed = trimmed[1..^1];
        return trimmed;
    }

    private static int PositiveInteger(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new SettingsException($"{name} must be a positive whole number, got '{value}'.");
}
