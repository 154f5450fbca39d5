using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Nodes;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Phone;
using Afya.Api.Platform.Settings;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Throttling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform;

public static partial class AfyaPlatform
{
    // Settings, storage, JSON, problems, docs, health: everything modules stand on.
    public static WebApplicationBuilder AddAfyaPlatform(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        SeedSettings.AddDotEnvFile(configuration, builder.Environment.ContentRootPath);
        SeedSettings.Apply(configuration);

        var dataPath = Path.GetFullPath(configuration["Storage:DataPath"] is { Length: > 0 } configured
            ? Path.Combine(builder.Environment.ContentRootPath, configured)
            : Path.Combine(builder.Environment.ContentRootPath, "data"));
        configuration["Storage:DataPath"] = dataPath;
        CreateOwnerOnly(dataPath);
        DevelopmentSecrets.Apply(configuration, builder.Environment, dataPath);

        var services = builder.Services;
        services.AddOptions<HttpOptions>().BindConfiguration("Http").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration("Storage");
        services.AddOptions<SecurityOptions>().BindConfiguration("Security");
        services.AddOptions<PhoneOptions>().BindConfiguration("Phone")
            .Validate(o => o.DefaultRegion.Length == 2, "Phone__DefaultRegion must be a two-letter region code such as KE or KW.")
            .ValidateOnStart();

        services.AddAfyaDatabase(DatabaseSettings.Resolve(configuration, dataPath, builder.Environment.ContentRootPath));
        services.AddAfyaNodes();
        services.AddAfyaCache(configuration);
        services.TryAddSingletonTimeProvider();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<RateCounter>();
        services.AddScoped<Operations.PlatformStatus>();
        services.AddSingleton<PhoneNormalizer>();
        services.AddSingleton<IFileStorage, LocalFileStorage>();

        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddAfyaProblems();
        services.AddAfyaRateLimits();
        services.AddAfyaIdempotency();
        services.AddAfyaOpenApi();
        services.AddAfyaHealth();
        services.AddCors(o => o.AddDefaultPolicy(p =>
            p.WithOrigins(configuration.GetSection("Http").Get<HttpOptions>()?.Origins.ToArray() ?? [])
                .AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("X-Cart-Token", "ETag", "Retry-After")));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Http:MaxRequestBodyBytes") ?? new HttpOptions().MaxRequestBodyBytes;
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        ConfigureProxies(new ForwardedHeadersOptions(), configuration["Http:TrustedProxies"]); // a bad entry stops start-up here
        services.Configure<ForwardedHeadersOptions>(o => ConfigureProxies(o, configuration["Http:TrustedProxies"]));
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys"))).SetApplicationName("afya");
        // The keys sit unencrypted in the data folder (owner-only, CreateOwnerOnly), beside secrets.json, which is
        // protected the same way; the framework's warning about it on every first start says nothing a person can act on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);

        builder.AddAfyaLogging();
        services.AddSingleton<StartupReport>();
        services.AddSingleton<BackgroundRounds>();
        return builder;
    }

    // The data folder holds the SQLite database, the key ring, secrets.json and mailed links: other accounts on the
    // machine get no way in (0700). A folder that already exists keeps the mode its operator gave it.
    private static void CreateOwnerOnly(string dataPath)
    {
        if (Directory.Exists(dataPath)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dataPath);
        else Directory.CreateDirectory(dataPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void ConfigureProxies(ForwardedHeadersOptions options, string? trusted)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in (trusted ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else if (System.Net.IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new SettingsException($"Http__TrustedProxies: '{entry}' is not an IP address or CIDR range.");
        }
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }

    // Returns the root group every module maps its routes on, so conventions that hold for all of them are set once.
    public static RouteGroupBuilder UseAfyaPlatform(this WebApplication app)
    {
        var http = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value;
        // With no trusted proxy the middleware would believe any peer's X-Forwarded-For, so it runs only when some are named.
        if (!string.IsNullOrWhiteSpace(app.Configuration["Http:TrustedProxies"])) app.UseForwardedHeaders();
        app.UseRequestLog(); // first, so it sees the status the exception handler sets
        app.UseExceptionHandler();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseDocsRedirects("docs", "redoc", "api/v1/docs", "api/v1/redoc");
        app.UseTrailingSlashTolerance();
        app.UseControlCharacterRefusal();
        app.UseGuestTokenSignatures();
        app.UseBodySizeLimit(http.MaxRequestBodyBytes);
        app.UseStatusCodePages();

        var storage = (LocalFileStorage)app.Services.GetRequiredService<IFileStorage>();
        storage.MovePrivateFilesOutOfStaticRoot();
        var media = storage.Root;
        Directory.CreateDirectory(media);
        app.UsePrivatePathRefusal();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(media),
            RequestPath = LocalFileStorage.RequestPath,
            // Stored names are random and never reused, so a file at a URL never changes.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });

        // In Production the docs and the OpenAPI document are off unless Http__Docs=true.
        var docs = http.Docs ?? !app.Environment.IsProduction();
        if (docs) UseDocs(app);

        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseInvalidBearerGate();
        app.UseAuthorization();
        app.UseRateLimiter(); // after authentication: signed-in callers are counted by user
        app.UseFormBodiesForForms();

        if (docs)
        {
            app.MapOpenApi("/openapi/{documentName}.json");
            if (app.Services.GetRequiredService<IOptions<Surfaces.SurfaceOptions>>().Value.Dira)
                app.MapOpenApi("/api/v1/openapi.json").WithTags(Surfaces.SeedSurfaces.Dira.Tag);
        }
        var routes = app.MapGroup("").WithoutServiceBodies().ValidateOnlyWhereDeclared();
        routes.MapAfyaHealth();

        var ignored = SeedSettings.IgnoredPresent(app.Configuration).ToList();
        if (ignored.Count > 0) LogIgnored(app.Logger, string.Join(", ", ignored));
        var database = DatabaseSetup.Describe(app.Services.GetRequiredService<DatabaseSettings>());
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<StartupReport>().Log(app, database));
        return routes;
    }

    private static void UseDocs(WebApplication app)
    {
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.DocumentTitle = "Afya API";
            o.SwaggerEndpoint(OpenApiSetup.DocumentPath, "Afya API v1");
            // Over two hundred operations: rendering every one at load keeps the page busy for tens of seconds, so tags
            // open on a click.
            o.DocExpansion(Swashbuckle.AspNetCore.SwaggerUI.DocExpansion.None);
        });
        app.UseReDoc(o =>
        {
            o.RoutePrefix = "redoc";
            o.DocumentTitle = "Afya API";
            o.SpecUrl = OpenApiSetup.DocumentPath;
            o.IndexStream = ReDocPage.WithoutOutsideFonts;
        });

        if (app.Services.GetRequiredService<IOptions<Surfaces.SurfaceOptions>>().Value.Dira)
        {
            // Dira's README links its docs under /api/v1.
            app.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "api/v1/docs";
                o.DocumentTitle = "Afya API";
                o.SwaggerEndpoint("/api/v1/openapi.json", "Afya API v1");
            });
            app.UseReDoc(o =>
            {
                o.RoutePrefix = "api/v1/redoc";
                o.DocumentTitle = "Afya API";
                o.SpecUrl = "/api/v1/openapi.json";
                o.IndexStream = ReDocPage.WithoutOutsideFonts;
            });
        }
    }

    [LoggerMessage(LogLevel.Information, "Ignoring settings that mean nothing to Afya: {Settings}")]
    private static partial void LogIgnored(ILogger logger, string settings);
}
