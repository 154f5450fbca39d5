using System.Reflection;
using Afya.Api.Platform.Caching;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin;

public sealed class ConsoleOptions
{
    // Signed out after this long without a request, and after this long whatever happens.
    public int IdleMinutes { get; set; } = 30;
    public int AbsoluteHours { get; set; } = 12;
    public int PageSize { get; set; } = 50;
    public int LowStockThreshold { get; set; } = 5;

    // How long the dashboard's shop figures are kept (0: computed on every request). Staff changes evict them at once.
    public int DashboardSeconds { get; set; } = 60;

    // The order and product lists count matching rows up to this many, then say "more than" (exact counts of 100,000 rows
    // cost more than the page).
    public int ListCountCap { get; set; } = 10_000;
}

public static class ConsoleSetup
{
    // The console's own policy, stricter than the API docs' (no inline styles, no eval).
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static WebApplicationBuilder AddStaffConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<ConsoleOptions>().BindConfiguration("Console")
            .Validate(o => o.IdleMinutes > 0 && o.AbsoluteHours > 0 && o.PageSize is > 0 and <= 500 && o.DashboardSeconds >= 0 && o.ListCountCap > 0,
                "Console__IdleMinutes, Console__AbsoluteHours and Console__PageSize (1-500) must be positive, Console__DashboardSeconds 0 or more, Console__ListCountCap positive.")
            .ValidateOnStart();
        services.AddScoped<StaffSessions>();
        services.AddScoped<StaffTwoFactorStore>();
        services.AddScoped<OrderActions>();
        services.AddScoped<Pages.Dashboard.ShopFiguresCache>();
        // Any staff change, from the console or the API's admin routes, is in the staff audit log: the dashboard's
        // figures go with it.
        services.AddCacheTags<Platform.Audit.StaffAuditEntry>(Pages.Dashboard.ShopFiguresCache.Tag, (_, _) => [Pages.Dashboard.ShopFiguresCache.Tag]);
        services.AddSingleton<Platform.Cli.ICliCommand, BenchOrdersCommand>();
        services.AddScoped<ConsoleAudit>();
        services.AddScoped<Catalog.CatalogActions>();
        services.AddScoped<Users.UserActions>();
        services.AddScoped<Payments.PaymentActions>();
        services.AddScoped<Care.CareConsole>();
        services.AddScoped<Clinic.ClinicActions>();

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Admin/Pages";
            o.Conventions.AddFolderRouteModelConvention("/", model =>
            {
                // Every page lives under /admin; a page naming its own route ("/orders/{id:guid}") is placed there too.
                foreach (var selector in model.Selectors)
                    selector.AttributeRouteModel!.Template = ("admin/" + selector.AttributeRouteModel.Template?.TrimStart('/')).TrimEnd('/');
            });
            o.Conventions.AuthorizeFolder("/", ConsoleAccess.StaffPolicy);
            o.Conventions.AllowAnonymousToFolder("/SignIn");
            foreach (var area in ConsoleAccess.Areas) o.Conventions.AuthorizeFolder(area.Folder, area.Policy);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "afya_console_csrf";
            o.Cookie.Path = "/admin";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.HeaderName = "X-CSRF-Token";
        });

        services.AddAuthentication()
            .AddCookie(ConsoleAccess.Scheme, o =>
            {
                o.Cookie.Name = "afya_staff";
                o.Cookie.Path = "/admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.LoginPath = "/admin/signin";
                o.AccessDeniedPath = "/admin/denied";
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = StaffSessions.ValidateAsync;
                o.Events.OnRedirectToLogin = c => Redirect(c, c.RedirectUri);
                o.Events.OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return c.Response.WriteAsync("You may not open this page.");
                };
            })
            .AddCookie(ConsoleAccess.TwoFactorScheme, o =>
            {
                o.Cookie.Name = "afya_staff_2fa";
                o.Cookie.Path = "/admin/signin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                o.SlidingExpiration = false;
            });
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAccess.Scheme).Configure<IOptions<ConsoleOptions>, TimeProvider>((cookie, console, clock) =>
        {
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(console.Value.IdleMinutes);
            cookie.TimeProvider = clock;
        });
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAccess.TwoFactorScheme).Configure<TimeProvider>((cookie, clock) => cookie.TimeProvider = clock);

        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleAccess.StaffPolicy, p => p.AddAuthenticationSchemes(ConsoleAccess.Scheme).RequireAuthenticatedUser()
                .RequireClaim(Platform.Auth.CurrentUser.RoleClaim, ConsoleAccess.StaffRoles));
        foreach (var area in ConsoleAccess.Areas)
            authorization.AddPolicy(area.Policy, p => p.AddAuthenticationSchemes(ConsoleAccess.Scheme).RequireAuthenticatedUser()
                .RequireClaim(Platform.Auth.CurrentUser.RoleClaim, area.Roles));
        return builder;
    }

    // htmx follows a redirect inside the fragment it asked for; a sign-in page belongs in the whole window.
    // The cookie handler builds an absolute sign-in address from the request's Host header; a shared cache or a proxy
    // that passes any Host on would then hand others a redirect to the attacker's host (finding F2). The browser
    // resolves a relative Location against the page it asked for, so only the path and query are sent.
    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, string redirectUri)
    {
        // An address the handler could not make absolute (a malformed Host) falls back to the bare sign-in page.
        var uri = Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.Options.LoginPath.Value ?? "/admin/signin";
        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers["HX-Redirect"] = uri;
        }
        else context.Response.Redirect(uri);
        return Task.CompletedTask;
    }

    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        var secureCookies = !app.Environment.IsDevelopment();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/admin"), branch => branch.Use((context, next) =>
        {
            // Its cookies are Secure outside Development, so over plain HTTP no sign-in could work (antiforgery threw a
            // 500 on every form): say why instead, once, the usual cause being a TLS proxy whose address is not trusted.
            if (secureCookies && !context.Request.IsHttps && !context.Request.Path.StartsWithSegments("/admin/assets"))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("The staff console works over HTTPS only. Behind a proxy that ends TLS, name it in Http__TrustedProxies.");
            }
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                if (!context.Request.Path.StartsWithSegments("/admin/assets")) headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        }));
        app.MapGet("/admin/assets/{name}", ServeAsset).ExcludeFromDescription().AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    private static readonly Assembly Self = typeof(ConsoleSetup).Assembly;

    private static IResult ServeAsset(string name)
    {
        var type = Path.GetExtension(name) switch { ".js" => "text/javascript", ".css" => "text/css", ".svg" => "image/svg+xml", ".txt" => "text/plain", _ => null };
        if (type is null || Self.GetManifestResourceStream("console/" + name) is not { } stream) return TypedResults.NotFound();
        return TypedResults.Stream(stream, type);
    }
}
