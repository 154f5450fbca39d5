using System.ComponentModel.DataAnnotations;

namespace Afya.Api.Platform.Settings;

public sealed class HttpOptions
{
    // Origins allowed by CORS (CORS_ORIGINS, comma-separated).
    public string CorsOrigins { get; set; } = "";

    // The public base URL of this service (DOMAIN); used in links we send.
    public string PublicUrl { get; set; } = "http://localhost:5080";

    // The front-end that links in emails point to (FRONTEND_URL); defaults to the public URL.
    public string? FrontendUrl { get; set; }

    // The Dira storefront whose routes the links of Dira's account mails open (/auth/verify-account/{token},
    // /auth/confirm-reset-password/{token}); defaults to the public URL, which the seed's DOMAIN sets.
    public string? StorefrontUrl { get; set; }

    // Proxies (IPs or CIDR ranges, comma-separated) whose X-Forwarded-For / X-Forwarded-Proto are believed.
    // Behind a load balancer this must be set, or every client shares the balancer's address and its limits.
    public string TrustedProxies { get; set; } = "";

    // Swagger UI, ReDoc and the OpenAPI document (Http__Docs). Off in Production unless set to true; on elsewhere.
    public bool? Docs { get; set; }

    [Range(1024, 1L << 31)]
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    public IReadOnlyList<string> Origins =>
        CorsOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class StorageOptions
{
    // Where the SQLite file, uploads, mail pickup and generated development secrets live.
    public string DataPath { get; set; } = "data";
}

public sealed class SecurityOptions
{
    // Key for HMACs we keep (one-time codes); SECRET_KEY. Generated in Development when absent.
    public string SecretKey { get; set; } = "";
}
