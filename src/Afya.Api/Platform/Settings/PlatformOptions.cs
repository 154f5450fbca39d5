using System.ComponentModel.DataAnnotations;

namespace Afya.Api.Platform.Settings;

public sealed class HttpOptions
{
    /// <summary>Origins allowed by CORS (CORS_ORIGINS, comma-separated).</summary>
    public string CorsOrigins { get; set; } = "";

    /// <summary>The public base URL of this service (DOMAIN); used in links we send.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>The front-end that links in emails point to (FRONTEND_URL); defaults to the public URL.</summary>
    public string? FrontendUrl { get; set; }

    [Range(1024, 1L << 31)]
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    public IReadOnlyList<string> Origins =>
        CorsOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class StorageOptions
{
    /// <summary>Where the SQLite file, uploads, mail pickup and generated development secrets live.</summary>
    public string DataPath { get; set; } = "data";
}

public sealed class SecurityOptions
{
    /// <summary>Key for HMACs we keep (one-time codes); SECRET_KEY. Generated in Development when absent.</summary>
    public string SecretKey { get; set; } = "";
}
