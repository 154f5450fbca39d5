using Microsoft.AspNetCore.Http.Features;

namespace Afya.Api.Platform.Http;

public static class HttpPipeline
{
    // Django clients send a trailing slash; routes are declared without one.
    public static IApplicationBuilder UseTrailingSlashTolerance(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path.Value;
        if (path is { Length: > 1 } && path[^1] == '/') context.Request.Path = new PathString(path.TrimEnd('/'));
        return next(context);
    });

    // Control characters in the path or the query are refused with a problem, before any route reads them
    // (PostgreSQL refuses NUL in text; nothing legitimate sends them). Kestrel itself refuses a raw %00 in the
    // request line before the app runs; this covers every other way one arrives (proxies, %01-%1F, %7F, queries).
    public static IApplicationBuilder UseControlCharacterRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var bad = request.Path.Value is { } path && JsonInputRules.HasControlCharacters(path)
            || request.Query.Any(q => JsonInputRules.HasControlCharacters(q.Key) || q.Value.Any(v => v is not null && JsonInputRules.HasControlCharacters(v)));
        if (!bad)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = 400,
                Title = "The address contains control characters.",
                Detail = "Remove control characters (such as %00) from the path and the query.",
                Extensions = { ["code"] = "INVALID_CHARACTERS" },
            },
        });
    });

    // Swagger UI and ReDoc load only their own scripts; both style elements inline, and ReDoc runs a blob: worker.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; "
        + "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] PersonalPrefixes = ["/api/v1/auth", "/api/auth", "/api/user", "/api/v1/cart", "/api/v1/admin"];

    // Answers that carry tokens or someone's data: every call with a bearer token or a cart token, and the account
    // and cart routes whatever the caller sent. Shared caches and browsers must not keep them.
    private static bool IsPersonal(HttpContext context)
    {
        var request = context.Request;
        return request.Headers.Authorization.Count > 0 || request.Headers.ContainsKey(GuestToken.Header)
            || context.Response.Headers.ContainsKey(GuestToken.Header)
            || PersonalPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
    }

    // /docs and /docs/ both open the UI: its own redirect is relative ("docs/index.html"), which from /docs/ lands on
    // /docs/docs/index.html, so the UI roots redirect to an absolute path first.
    public static IApplicationBuilder UseDocsRedirects(this IApplicationBuilder app, params string[] prefixes) => app.Use((context, next) =>
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        var match = prefixes.FirstOrDefault(p => string.Equals(path, "/" + p, StringComparison.OrdinalIgnoreCase));
        if (match is null || !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) return next(context);
        context.Response.Redirect($"{context.Request.PathBase}/{match}/index.html");
        return Task.CompletedTask;
    });

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.Remove("Server");
            // A page that sets a stricter policy of its own (the account pages) keeps it.
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                && string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            if (IsPersonal(context) && string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    });

    // Refuses a declared body over the limit before reading it, and caps streamed bodies where the server allows.
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = 413,
                    Title = "The request body is too large.",
                    Detail = $"The limit is {maxBytes} bytes.",
                    Extensions = { ["code"] = "PAYLOAD_TOO_LARGE" },
                },
            });
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = maxBytes;
        await next(context);
    });
}
