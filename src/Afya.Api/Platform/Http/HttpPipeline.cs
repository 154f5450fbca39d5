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
