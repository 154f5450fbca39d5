using System.Text.Json;
using System.Text.Json.Nodes;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Platform.Audit;

// One staff change (or refused attempt), from the console or from an /api/v1/admin route. Rows are only ever added:
// nothing in Afya updates or deletes them, and on PostgreSQL a trigger refuses both.
public sealed class StaffAuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public string Surface { get; set; } = "";
    public string Action { get; set; } = "";
    public string ObjectType { get; set; } = "";
    public string ObjectId { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public int Status { get; set; }
    public string? ClientAddress { get; set; }
}

internal sealed class StaffAuditEntryConfiguration : IEntityTypeConfiguration<StaffAuditEntry>
{
    public void Configure(EntityTypeBuilder<StaffAuditEntry> b)
    {
        b.ToTable("platform_staff_audit");
        b.HasKey(x => x.Id);
        b.Property(x => x.Surface).HasMaxLength(16);
        b.Property(x => x.Action).HasMaxLength(100);
        b.Property(x => x.ObjectType).HasMaxLength(50);
        b.Property(x => x.ObjectId).HasMaxLength(100);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.HasIndex(x => new { x.ObjectType, x.ObjectId, x.At });
        b.HasIndex(x => x.At);
    }
}

public static class StaffAudit
{
    public const string ConsoleSurface = "console";
    public const string ApiSurface = "api";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // Adds the entry to the context; the caller's SaveChanges writes it with (and only with) the change itself.
    public static void Add(AfyaDb db, CurrentUser me, TimeProvider clock, string surface, string action, string objectType, string objectId,
        object? before, object? after, int status = StatusCodes.Status200OK) =>
        db.Add(new StaffAuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = me.IdOrNull,
            Surface = surface,
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            Before = Serialize(before),
            After = Serialize(after),
            Status = status,
            ClientAddress = me.ClientAddress,
        });

    public static string? Serialize(object? value)
    {
        if (value is null) return null;
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), Json);
        Mask(node);
        var text = node?.ToJsonString(Json);
        return text is { Length: > 4000 } ? text[..4000] : text;
    }

    private static void Mask(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                // Values never written to the log, whatever the object: Settings.SecretNames decides (the console's settings page too).
                if (Settings.SecretNames.LooksSecret(key) && child is not null) o[key] = Settings.SecretNames.Mask;
                else Mask(child);
            }
        }
        else if (node is JsonArray a) foreach (var child in a) Mask(child);
    }

    public static IQueryable<StaffAuditEntry> HistoryOf(AfyaDb db, string objectType, string objectId) =>
        db.Set<StaffAuditEntry>().AsNoTracking().Where(e => e.ObjectType == objectType && e.ObjectId == objectId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    // Every write on an admin route group is logged once, here: accepted or refused, with what was asked.
    public static TBuilder WithStaffAudit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(e => e.Metadata.Add(new StaffAuditedRoute()));
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            // [AsParameters] bundles of services are not what was asked; which arguments they are is known only here.
            var bundles = factory.MethodInfo.GetParameters().Where(p => p.IsDefined(typeof(AsParametersAttribute), false)).Select(p => p.Position).ToHashSet();
            return context => StaffAuditFilter.InvokeAsync(context, next, bundles);
        });
        return builder;
    }
}

// Marks a route whose writes reach the staff audit log (a test finds every admin write without it).
public sealed record StaffAuditedRoute;

internal static class StaffAuditFilter
{
    private static readonly HashSet<Type> NotARequest = [typeof(HttpContext), typeof(HttpRequest), typeof(CancellationToken), typeof(IFormFile), typeof(IFormFileCollection)];

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, IReadOnlySet<int> bundles)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(context);
        int status;
        object? result;
        try
        {
            result = await next(context);
            status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        }
        catch (Exception)
        {
            await WriteAsync(context, StatusCodes.Status500InternalServerError, bundles);
            throw;
        }
        await WriteAsync(context, status, bundles);
        return result;
    }

    private static async Task WriteAsync(EndpointFilterInvocationContext context, int status, IReadOnlySet<int> bundles)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var asked = context.Arguments.Where((_, i) => !bundles.Contains(i)).FirstOrDefault(a => a is not null && !NotARequest.Contains(a.GetType())
            && a.GetType().Namespace?.StartsWith("Afya.Api", StringComparison.Ordinal) == true && !isService.IsService(a.GetType())
            && !a.GetType().IsDefined(typeof(Microsoft.AspNetCore.Http.AsParametersAttribute), false));
        var (type, id) = Target(http);
        // A context of its own: the handler's context may hold changes it chose not to save (a refused request).
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        var action = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
            ?? $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}";
        StaffAudit.Add(db, services.GetRequiredService<CurrentUser>(), services.GetRequiredService<TimeProvider>(), StaffAudit.ApiSurface,
            action, type, id, before: null, after: asked, status);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    // The object a route changes: its first literal segment under /api/v1/admin (orders, products, users) and the
    // first route value after it, so a variant's change is in its product's history.
    private static (string Type, string Id) Target(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint) return ("", "");
        var segments = endpoint.RoutePattern.PathSegments;
        var type = "";
        foreach (var segment in segments)
        {
            if (segment.IsSimple && segment.Parts[0] is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal)
            {
                if (type.Length == 0 && literal.Content is not ("api" or "v1" or "admin")) type = literal.Content;
                continue;
            }
            if (type.Length > 0 && segment.Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart>().FirstOrDefault() is { } parameter)
                return (type, http.Request.RouteValues[parameter.Name]?.ToString() ?? "");
        }
        return (type, "");
    }
}
