using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Surfaces;

// One of the five systems Afya replaces, whose clients keep calling their own paths. Enveloped: every answer,
// failures included, is in the Kuwait clinic's {"success", "data"|"error", ...} shape. BareLists: lists answer as
// whole JSON arrays instead of pages.
public sealed record SeedSurface(string Key, string Tag, bool Enveloped = false, bool BareLists = false);

public static class SeedSurfaces
{
    public static readonly SeedSurface Kuwait = new("Kuwait", "Kuwait clinic API", Enveloped: true);
    public static readonly SeedSurface Healthcare = new("Healthcare", "Healthcare Backend API", BareLists: true);
    public static readonly SeedSurface AmazonKenya = new("AmazonKenya", "Amazon Kenya API");
    public static readonly SeedSurface Dira = new("Dira", "Dira Healthcare API");
}

// Surfaces:Kuwait, Surfaces:Healthcare, Surfaces:AmazonKenya, Surfaces:Dira: each on unless set to false.
public sealed class SurfaceOptions
{
    public bool Kuwait { get; set; } = true;
    public bool Healthcare { get; set; } = true;
    public bool AmazonKenya { get; set; } = true;
    public bool Dira { get; set; } = true;

    public bool IsOn(SeedSurface surface) => surface.Key switch
    {
        "Kuwait" => Kuwait,
        "Healthcare" => Healthcare,
        "AmazonKenya" => AmazonKenya,
        "Dira" => Dira,
        _ => false,
    };
}

// Marks the endpoints of a surface group, so failures raised before the handler runs still find their shape.
public sealed record SurfaceMetadata(SeedSurface Surface);

// The success message of an enveloped endpoint ("OTP sent successfully").
public sealed record EnvelopeMessage(string Text);

public static class SurfaceRoutes
{
    // A route group for a seed's paths, tagged for OpenAPI, with the surface's shapes as filters on the group;
    // null when the surface is switched off. The prefix is also what claims unknown paths under it (a 404 there
    // answers in the surface's shape), so no second list of paths exists.
    public static RouteGroupBuilder? MapSurface(this IEndpointRouteBuilder app, SeedSurface surface, string prefix)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SurfaceOptions>>().Value;
        if (!options.IsOn(surface)) return null;
        var map = app.ServiceProvider.GetRequiredService<SurfaceMap>();
        map.ClaimPrefix(prefix, surface);
        var group = app.MapGroup(prefix).WithTags(surface.Tag).WithMetadata(new SurfaceMetadata(surface)).RequireRateLimiting(RateLimits.PerClient);
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText is { } pattern) map.ClaimRoute(pattern, surface);
        });
        if (surface.Enveloped)
        {
            group.AddEndpointFilter<KuwaitEnvelopeFilter>();
            ((IEndpointConventionBuilder)group).Finally(endpoint => ReplaceSuccessTypes(endpoint, type => typeof(Envelope<>).MakeGenericType(type)));
        }
        if (surface.BareLists) group.WithBareListShape();
        return group;
    }

    public static TBuilder WithEnvelopeMessage<TBuilder>(this TBuilder builder, string message) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EnvelopeMessage(message));

    // Lists answer as whole bare JSON arrays ([...]) instead of the native {count, next, previous, results} page, as
    // the Healthcare Backend's DRF views without pagination did. Handlers keep returning Page<T>; OpenAPI shows the array.
    public static TBuilder WithBareListShape<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(new BareListFilter());
        builder.Finally(endpoint => ReplaceSuccessTypes(endpoint, type =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Page<>) ? typeof(IReadOnlyList<>).MakeGenericType(type.GetGenericArguments()) : type));
        return builder;
    }

    // So OpenAPI shows what the surface's filter really writes, not the handler's native value.
    private static void ReplaceSuccessTypes(EndpointBuilder endpoint, Func<Type, Type> shape)
    {
        for (var i = 0; i < endpoint.Metadata.Count; i++)
            if (endpoint.Metadata[i] is IProducesResponseTypeMetadata { StatusCode: >= 200 and < 300, Type: { } type } produces && type != typeof(void))
                endpoint.Metadata[i] = new ProducesResponseTypeMetadata(produces.StatusCode, shape(type), [.. produces.ContentTypes]);
    }
}

// Which surface a request belongs to: its endpoint's metadata when routing found one, otherwise (404, 405, a body
// refused before routing) the route patterns and prefixes the surface groups claimed.
public sealed class SurfaceMap
{
    private readonly List<(string Prefix, SeedSurface Surface)> _prefixes = [];
    private readonly List<(string[] Segments, SeedSurface Surface)> _routes = [];
    private readonly Lock _lock = new();

    internal void ClaimPrefix(string prefix, SeedSurface surface)
    {
        lock (_lock) _prefixes.Add(("/" + prefix.Trim('/'), surface));
    }

    internal void ClaimRoute(string pattern, SeedSurface surface)
    {
        lock (_lock) _routes.Add((Segments(pattern), surface));
    }

    public SeedSurface? Find(HttpContext http)
    {
        var endpoint = http.GetEndpoint() ?? http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<SurfaceMetadata>() is { } marked) return marked.Surface;
        var path = http.Request.Path.Value ?? "/";
        var segments = Segments(path);
        lock (_lock)
        {
            foreach (var (route, surface) in _routes)
                if (route.Length == segments.Length && route.Zip(segments).All(p => p.First.StartsWith('{') || p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase)))
                    return surface;
            return _prefixes
                .Where(p => (path.TrimEnd('/') + "/").StartsWith(p.Prefix + "/", StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(p => p.Prefix.Length)
                .Select(p => p.Surface)
                .FirstOrDefault();
        }
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
