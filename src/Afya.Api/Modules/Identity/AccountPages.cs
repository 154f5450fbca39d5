namespace Afya.Api.Modules.Identity;

// The pages the emailed links open when no front-end is configured (Http__FrontendUrl defaults to this service):
// /verify-email?token= and /reset-password?token= post the token to the API and say what happened. Files under
// Templates/Pages; the script is a file too, so a strict Content-Security-Policy holds.
public static class AccountPages
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").WithTags("Account pages").ExcludeFromDescription();
        pages.MapGet("/verify-email", (HttpContext http, IHostEnvironment env) => Serve(http, env, "verify-email.html", "text/html; charset=utf-8"))
            .WithName("VerifyEmailPage");
        pages.MapGet("/reset-password", (HttpContext http, IHostEnvironment env) => Serve(http, env, "reset-password.html", "text/html; charset=utf-8"))
            .WithName("ResetPasswordPage");
        pages.MapGet("/account/account.js", (HttpContext http, IHostEnvironment env) => Serve(http, env, "account.js", "text/javascript; charset=utf-8"))
            .WithName("AccountPagesScript");
        pages.MapGet("/account/account.css", (HttpContext http, IHostEnvironment env) => Serve(http, env, "account.css", "text/css; charset=utf-8"))
            .WithName("AccountPagesStyle");
        return app;
    }

    private static PhysicalFileHttpResult Serve(HttpContext http, IHostEnvironment environment, string file, string contentType)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Templates", "Pages", file);
        if (!File.Exists(path)) path = Path.Combine(environment.ContentRootPath, "Templates", "Pages", file);
        // The token is in the URL: keep it out of caches and out of Referer headers.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.ContentSecurityPolicy = Policy;
        return TypedResults.PhysicalFile(path, contentType);
    }
}
