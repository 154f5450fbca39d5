using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;

namespace Afya.Api.Platform.Surfaces;

// The fields of one of Dira's multipart admin forms, read leniently as its React editor sends them: numbers and booleans
// arrive as strings ("true"), and an unset field as "" or as JavaScript's "undefined"/"null"; those count as absent.
// Each field that does not parse is collected, so the form answers FastAPI's 422 list once, with every bad field.
public sealed class DiraForm(IFormCollection form)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public string? Text(string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 && values[^1] is { } value && value is not ("undefined" or "null") ? value : null;

    public int? WholeNumber(string name) => Parse<int>(name, "a whole number", s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);

    public decimal? Amount(string name) =>
        Parse<decimal>(name, "a number", s => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null);

    public bool? Flag(string name) => Parse<bool>(name, "true or false", s => s.ToLowerInvariant() switch
    {
        "true" or "1" or "on" or "yes" => true,
        "false" or "0" or "off" or "no" => (bool?)false,
        _ => null,
    });

    // A JSON object of strings ("{\"material\": \"carbon fibre\"}"), Dira's specifications field.
    public IReadOnlyDictionary<string, string>? JsonObject(string name)
    {
        if (Text(name) is not { Length: > 0 } text) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
                return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        }
        catch (JsonException)
        {
        }
        Errors[name] = [$"{name} must be a JSON object."];
        return null;
    }

    public IReadOnlyList<IFormFile> Files(string name) => form.Files.GetFiles(name);

    // The framework's checks of a native request record ([StringLength], [Range]), which calling a handler directly skips.
    public void Validate(object request)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true)) return;
        foreach (var r in results)
            foreach (var member in r.MemberNames)
                Errors[JsonNamingPolicy.SnakeCaseLower.ConvertName(member)] = [r.ErrorMessage ?? "Invalid value."];
    }

    public ProblemHttpResult? Problem() => Errors.Count > 0 ? ApiProblem.Validation(Errors) : null;

    private T? Parse<T>(string name, string what, Func<string, T?> parse) where T : struct
    {
        if (Text(name) is not { } text || string.IsNullOrWhiteSpace(text)) return null;
        if (parse(text.Trim()) is { } value) return value;
        Errors[name] = [$"{name} must be {what}."];
        return null;
    }
}

public static class DiraAdminRoutes
{
    // A group of Dira's admin panel routes: admins only, every write in the staff audit log, multipart forms without
    // antiforgery tokens (bearer-token callers), set here once for every Dira admin prefix.
    public static RouteGroupBuilder? MapDiraAdmin(this IEndpointRouteBuilder app, string prefix) =>
        app.MapSurface(SeedSurfaces.Dira, prefix)?.RequireAuthorization(Roles.AdminPolicy).WithStaffAudit().DisableAntiforgery();
}

// Dira's success answer without a resource: the clients read `message`.
public sealed record DiraMessage(string Message);

// Dira's list paging, asked for on a route it shares with a native list: ?skip=&limit= (0-based offset), or its admin
// order list's ?page= (1-based) with ?size=. The native lists read ?page=&page_size=, so `skip`, `limit` or `size` in
// the query is the signal that the caller is a Dira client (docs/DECISIONS.md).
public readonly record struct DiraPage(int Skip, int Limit, bool Asked)
{
    public const int MaxLimit = 100;

    public int Pages(int total) => (int)((total + (long)Limit - 1) / Limit);

    public static Result<DiraPage> Read(IQueryCollection query, int defaultLimit = 20)
    {
        static int? Number(IQueryCollection q, string name) =>
            q.TryGetValue(name, out var v) && int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n : (q.ContainsKey(name) ? -1 : null);
        var asked = query.ContainsKey("skip") || query.ContainsKey("limit") || query.ContainsKey("size");
        if (!asked) return new DiraPage(0, defaultLimit, false);
        var limit = Number(query, "limit") ?? Number(query, "size") ?? defaultLimit;
        var skip = Number(query, "skip");
        var page = query.ContainsKey("size") ? Number(query, "page") : null;
        if (limit is < 1 or > MaxLimit || skip is < 0 || page is < 1)
            return ApiProblem.Field("limit", $"skip is 0 or more, page 1 or more, and limit (or size) 1 to {MaxLimit}.");
        return new DiraPage(skip ?? (int)Math.Min(((page ?? 1) - 1L) * limit, int.MaxValue), limit, true);
    }
}
