using Afya.Api.Platform.Settings;
using Npgsql;

namespace Afya.Api.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

// Which database to use, resolved from DATABASE_URL, ConnectionStrings:Default or the default SQLite file.
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings Resolve(IConfiguration configuration, string dataPath, string contentRoot)
    {
        var url = configuration["Database:Url"];
        if (!string.IsNullOrWhiteSpace(url)) return FromUrl(url.Trim(), contentRoot);

        var provider = configuration["Database:Provider"];
        var connectionString = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return provider?.ToLowerInvariant() switch
            {
                null or "" or "sqlite" => new(DatabaseProvider.Sqlite, connectionString),
                "postgres" or "postgresql" or "npgsql" => new(DatabaseProvider.Postgres, connectionString),
                _ => throw new SettingsException($"Database__Provider must be 'sqlite' or 'postgres', got '{provider}'."),
            };
        }

        return new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataPath, "afya.db")}");
    }

    // Parses the URL forms the seeds write: sqlite(+aiosqlite):///path and postgres(ql)(+asyncpg)://user:pass@host:port/db?sslmode=.
    // A relative SQLite path is taken from the app's folder (where its .env lives), not from wherever it was started.
    public static DatabaseSettings FromUrl(string url, string baseDirectory)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) throw Invalid(url, "it has no scheme");
        var scheme = url[..schemeEnd].ToLowerInvariant();
        var driverless = scheme.Split('+')[0];

        if (driverless == "sqlite")
        {
            // sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy writes them.
            var path = url[(schemeEnd + 3)..];
            if (path.StartsWith('/')) path = path[1..];
            if (path.Length == 0) throw Invalid(url, "it names no file");
            if (path == ":memory:") throw Invalid(url, "an in-memory database would lose everything at restart");
            var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
            return new(DatabaseProvider.Sqlite, $"Data Source={full}");
        }

        if (driverless is not ("postgres" or "postgresql"))
            throw Invalid(url, $"scheme '{scheme}' is not sqlite or postgres");

        if (!Uri.TryCreate("postgres" + url[schemeEnd..], UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw Invalid(url, "it is not a valid URL");

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (string.IsNullOrEmpty(builder.Database)) throw Invalid(url, "it names no database");
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = kv[1].ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw Invalid(url, $"sslmode '{kv[1]}' is unknown"),
                };
            }
        }
        return new(DatabaseProvider.Postgres, builder.ConnectionString);
    }

    private static SettingsException Invalid(string url, string why)
    {
        var shown = url.Contains('@', StringComparison.Ordinal) ? url[..url.IndexOf("://", StringComparison.Ordinal)] + "://***" : url;
        return new SettingsException($"DATABASE_URL ('{shown}') cannot be used: {why}.");
    }
}
