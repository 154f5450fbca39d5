using System.Net;
using Afya.Api.Modules.Identity;
using Afya.Api.Modules.Notifications;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Settings;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Afya.Tests.Modules.Surfaces;

// Each seed's .env, as its README writes it (secrets and unreachable hosts replaced), starts Afya with its values in force.
public class SeedEnvFileTests
{
    // Nothing from the test defaults may mask what the .env says.
    private static readonly Dictionary<string, string?> NoTestDefaults = new()
    {
        ["Jwt:Secret"] = null, ["Security:SecretKey"] = null, ["Outbox:WorkerEnabled"] = "false",
    };

    private static string Folder(string dotenv)
    {
        var dir = Directory.CreateTempSubdirectory("afya-seed-env-").FullName;
        File.WriteAllText(Path.Combine(dir, ".env"), dotenv);
        return dir;
    }

    private static async Task<string> FreshPostgresDatabaseAsync()
    {
        PostgresAvailability.Require();
        var name = "afya_env_" + Guid.NewGuid().ToString("N")[..10];
        await using var connection = new NpgsqlConnection(AfyaFactory.PostgresServer);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    private static async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AfyaFactory.PostgresServer);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Dira_env_sqlite_url_token_lifetimes_and_mail_settings()
    {
        var dir = Folder("""
            DATABASE_URL=sqlite+aiosqlite:///./db.sqlite3   # development db
            SECRET_KEY=dira-secret-replaced
            JWT_ALGORITHM=HS256
            JWT_SECRET=dira-jwt-secret-replaced-with-a-long-enough-value
            ACCESS_TOKEN_EXPIRY=3600
            REFRESH_TOKEN_EXPIRY=1
            JTI_EXPIRY=3600
            REDIS_HOST=redis.example
            REDIS_PORT=6379
            REDIS_PASSWORD=replaced
            MAIL_USERNAME=care@dira.example
            MAIL_PASSWORD=replaced
            MAIL_FROM=care@dira.example
            MAIL_PORT=587
            MAIL_SERVER=smtp.gmail.com
            MAIL_FROM_NAME=Dira Healthcare
            MAIL_STARTTLS=True
            MAIL_SSL_TLS=False
            USE_CREDENTIALS=True
            VALIDATE_CERTS=True
            DOMAIN=http://127.0.0.1:8000
            MPESA_ENVIRONMENT=sandbox
            MPESA_BUSINESS_SHORT_CODE=174379
            """);
        await using var app = new AfyaFactory(Db.Sqlite, NoTestDefaults, contentRoot: dir);
        var database = app.Services.GetRequiredService<DatabaseSettings>();
        database.Provider.ShouldBe(DatabaseProvider.Sqlite);
        database.ConnectionString.ShouldBe($"Data Source={Path.Combine(dir, "db.sqlite3")}");

        var login = await (await app.Client().PostJson("/api/v1/auth/register", new { email = Calls.UniqueEmail(), password = "dira-pass-1" })).ShouldBe(HttpStatusCode.Created);
        login["expires_in"]!.GetValue<int>().ShouldBe(3600);
        File.Exists(Path.Combine(dir, "db.sqlite3")).ShouldBeTrue();

        var jwt = app.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
        jwt.Secret.ShouldBe("dira-jwt-secret-replaced-with-a-long-enough-value");
        jwt.RefreshTokenDays.ShouldBe(1);
        var mail = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        (mail.Server, mail.Port, mail.From, mail.FromName, mail.StartTls, mail.SslTls).ShouldBe(("smtp.gmail.com", 587, "care@dira.example", "Dira Healthcare", true, false));
        app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.PublicUrl.ShouldBe("http://127.0.0.1:8000");
        app.Logs.Lines.Count(l => l.Contains("Ignoring settings", StringComparison.Ordinal)).ShouldBe(1);
        app.Logs.Lines.ShouldNotContain(l => l.Contains("REDIS_HOST", StringComparison.Ordinal));
        app.Services.GetRequiredService<IOptions<Afya.Api.Platform.Caching.CacheOptions>>().Value.RedisUrl.ShouldBe("redis://:replaced@redis.example:6379");
    }

    [Fact]
    public async Task Amazon_kenya_env_with_db_parts_runs_on_postgres_and_django_mail_names()
    {
        var name = await FreshPostgresDatabaseAsync();
        try
        {
            var dir = Folder($"""
                SECRET_KEY=amazon-kenya-secret-replaced
                DEBUG=True
                FRONTEND_URL=http://localhost:5173
                MPESA_CONSUMER_KEY=replaced
                MPESA_CONSUMER_SECRET=replaced
                MPESA_SHORTCODE=174379
                MPESA_CALLBACK_URL=https://xxxx.ngrok-free.app/api/v1/mpesa/callback/
                EMAIL_HOST=smtp.gmail.com
                EMAIL_PORT=587
                EMAIL_HOST_USER=you@gmail.com
                EMAIL_HOST_PASSWORD=your_app_password   # Gmail App Password (16 chars, no spaces)
                DEFAULT_FROM_EMAIL="Amazon Kenya <you@gmail.com>"
                DB_NAME={name}
                DB_USER=postgres
                DB_PASSWORD=postgres
                DB_HOST=127.0.0.1
                DB_PORT=5432
                """);
            await using var app = new AfyaFactory(Db.Sqlite, NoTestDefaults, contentRoot: dir);
            var database = app.Services.GetRequiredService<DatabaseSettings>();
            database.Provider.ShouldBe(DatabaseProvider.Postgres);
            new NpgsqlConnectionStringBuilder(database.ConnectionString).Database.ShouldBe(name);
            await (await app.Client().PostJson("/api/v1/auth/register", new { email = Calls.UniqueEmail(), password = "kenya-pass-1" })).ShouldBe(HttpStatusCode.Created);
            (await app.WithDbAsync(db => Task.FromResult(db.Provider))).ShouldBe(DatabaseProvider.Postgres);

            var mail = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
            (mail.Server, mail.Port, mail.Username, mail.Password, mail.From).ShouldBe(("smtp.gmail.com", 587, "you@gmail.com", "your_app_password", "Amazon Kenya <you@gmail.com>"));
            app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.FrontendUrl.ShouldBe("http://localhost:5173");
            app.Services.GetRequiredService<IOptions<JwtOptions>>().Value.Secret.ShouldBe("amazon-kenya-secret-replaced");
        }
        finally
        {
            await DropAsync(name);
        }
    }

    [Fact]
    public async Task CloudCare_env_postgres_url_and_cors_origins()
    {
        var name = await FreshPostgresDatabaseAsync();
        try
        {
            var dir = Folder($"""
                SECRET_KEY=cloudcare-secret-replaced
                AADHAR_ENCRYPTION_KEY=replaced
                DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/{name}
                MONGODB_URL=mongodb://mongodb:27017
                REDIS_URL=redis://redis:6379/0
                CORS_ORIGINS=http://localhost:3000,http://localhost:8080
                """);
            await using var app = new AfyaFactory(Db.Sqlite, NoTestDefaults, contentRoot: dir);
            app.Services.GetRequiredService<DatabaseSettings>().Provider.ShouldBe(DatabaseProvider.Postgres);
            var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
            preflight.Headers.Add("Origin", "http://localhost:8080");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            var allowed = await app.Client().SendAsync(preflight);
            allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["http://localhost:8080"]);
            var other = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
            other.Headers.Add("Origin", "http://evil.example");
            other.Headers.Add("Access-Control-Request-Method", "POST");
            (await app.Client().SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
            app.Logs.Lines.ShouldContain(l => l.Contains("MONGODB_URL", StringComparison.Ordinal) && !l.Contains("REDIS_URL", StringComparison.Ordinal));
            app.Services.GetRequiredService<IOptions<Afya.Api.Platform.Caching.CacheOptions>>().Value.RedisUrl.ShouldBe("redis://redis:6379/0");
        }
        finally
        {
            await DropAsync(name);
        }
    }

    [Fact]
    public async Task Kuwait_env_jwt_secret_frontend_and_twilio_whatsapp_with_inline_comments()
    {
        var dir = Folder("""
            # Flask Configuration
            FLASK_ENV=development
            FLASK_DEBUG=True
            SECRET_KEY=kuwait-secret-replaced
            JWT_SECRET_KEY=kuwait-jwt-replaced

            # MongoDB
            MONGODB_URI=mongodb://localhost:27017
            MONGODB_DB_NAME=kuwait_medical_clinic

            FRONTEND_URL=http://localhost:3000
            SMS_PROVIDER=twilio_whatsapp
            SMS_API_KEY=placeholder_key
            TWILIO_ACCOUNT_SID=your_actual_twilio_account_sid_here
            TWILIO_AUTH_TOKEN=your_actual_twilio_auth_token_here
            TWILIO_WHATSAPP_FROM=whatsapp:+14155238886 # Your Twilio Sandbox or WhatsApp Business number
            """);
        await using var app = new AfyaFactory(Db.Sqlite, NoTestDefaults, contentRoot: dir);
        app.Services.GetRequiredService<IOptions<JwtOptions>>().Value.Secret.ShouldBe("kuwait-jwt-replaced");
        var sms = app.Services.GetRequiredService<IOptions<SmsOptions>>().Value;
        sms.Provider.ShouldBe("twilio_whatsapp");
        sms.TwilioWhatsAppFrom.ShouldBe("whatsapp:+14155238886");
        SmsSetup.UsesTwilio(sms).ShouldBeTrue();
        app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.FrontendUrl.ShouldBe("http://localhost:3000");
        (await (await app.Client().GetAsync("/api/health")).ShouldBe(HttpStatusCode.OK))["success"]!.GetValue<bool>().ShouldBeTrue();
        app.Logs.Lines.ShouldContain(l => l.Contains("MONGODB_URI", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Healthcare_backend_env_postgres_with_sslmode_require_and_allowed_hosts()
    {
        var name = await FreshPostgresDatabaseAsync();
        try
        {
            var dir = Folder($"""
                SECRET_KEY=healthcare-secret-replaced
                DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/{name}?sslmode=require
                DEBUG=True
                ALLOWED_HOSTS=localhost,127.0.0.1
                """);
            await using var app = new AfyaFactory(Db.Sqlite, NoTestDefaults, contentRoot: dir);
            var database = app.Services.GetRequiredService<DatabaseSettings>();
            database.Provider.ShouldBe(DatabaseProvider.Postgres);
            new NpgsqlConnectionStringBuilder(database.ConnectionString).SslMode.ShouldBe(SslMode.Require);
            await (await app.Client().PostJson("/api/auth/register/", new { name = "Neon User", email = Calls.UniqueEmail(), password = "strongpass1" })).ShouldBe(HttpStatusCode.Created);

            var foreign = new HttpRequestMessage(HttpMethod.Get, "/health");
            foreign.Headers.Host = "evil.example";
            (await app.Client().SendAsync(foreign)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            app.Services.GetRequiredService<IOptions<JwtOptions>>().Value.Secret.ShouldBe("healthcare-secret-replaced");
        }
        finally
        {
            await DropAsync(name);
        }
    }
}
