using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Clinic;

public sealed record IncludedService(string Service, int Count);

public sealed record PackageRequest(string? Name, string? NameAr, string? Description, string? DescriptionAr, decimal? Price, string? Currency,
    int? DurationDays, IReadOnlyList<IncludedService>? Services, bool? IsActive, int? DisplayOrder);

// Staff see both languages; the public list shows one, picked by Accept-Language.
public sealed record PackageResponse(Guid Id, string Name, string NameAr, string Description, string DescriptionAr, decimal Price, long PriceMinor,
    string Currency, int DurationDays, IReadOnlyList<IncludedService> Services, bool IsActive, int DisplayOrder, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static PackageResponse From(ServicePackage p) => new(p.Id, p.NameEn, p.NameAr, p.DescriptionEn, p.DescriptionAr,
        Platform.Money.ToDecimal(p.PriceMinor, p.Currency), p.PriceMinor, p.Currency, p.DurationDays,
        p.Services.OrderBy(s => s.Service, StringComparer.Ordinal).Select(s => new IncludedService(s.Service, s.Count)).ToList(), p.IsActive, p.DisplayOrder,
        p.CreatedAt, p.UpdatedAt);
}

public sealed record AvailablePackage(Guid Id, string Name, string Description, decimal Price, long PriceMinor, string Currency, int DurationDays,
    IReadOnlyList<IncludedService> Services, string Language);

public static class Packages
{
    public const string CacheTag = "clinic-packages";

    public static string Language(HttpRequest request) =>
        request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("ar", StringComparison.OrdinalIgnoreCase) ? "ar" : "en";

    // Public: active packages in display order, cached per language; a committed write to a package evicts the tag
    // (ClinicModule declares it).
    public static async Task<Ok<List<AvailablePackage>>> Available(HttpRequest request, AfyaDb db, AfyaCache cache, CancellationToken ct) =>
        TypedResults.Ok(await AvailableAsync(Language(request), db, cache, ct));

    public static async Task<List<AvailablePackage>> AvailableAsync(string language, AfyaDb db, AfyaCache cache, CancellationToken ct) =>
        await cache.GetOrCreateAsync($"clinic:packages:available:{language}", async c =>
        {
            var rows = await db.Set<ServicePackage>().AsNoTracking().Include(p => p.Services).Where(p => p.IsActive)
                .OrderBy(p => p.DisplayOrder).ThenBy(p => p.NameEn).ToListAsync(c);
            return rows.Select(p => new AvailablePackage(p.Id, language == "ar" ? p.NameAr : p.NameEn, language == "ar" ? p.DescriptionAr : p.DescriptionEn,
                Platform.Money.ToDecimal(p.PriceMinor, p.Currency), p.PriceMinor, p.Currency, p.DurationDays,
                p.Services.OrderBy(s => s.Service, StringComparer.Ordinal).Select(s => new IncludedService(s.Service, s.Count)).ToList(), language)).ToList();
        }, TimeSpan.FromMinutes(10), [CacheTag], ct: ct);

    public static async Task<Ok<List<PackageResponse>>> List(AfyaDb db, CancellationToken ct)
    {
        var rows = await db.Set<ServicePackage>().AsNoTracking().Include(p => p.Services).OrderBy(p => p.DisplayOrder).ThenBy(p => p.NameEn).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(PackageResponse.From).ToList());
    }

    public static async Task<Results<Ok<PackageResponse>, ProblemHttpResult>> Get(Guid id, AfyaDb db, CancellationToken ct) =>
        await db.Set<ServicePackage>().AsNoTracking().Include(p => p.Services).FirstOrDefaultAsync(p => p.Id == id, ct) is { } p
            ? TypedResults.Ok(PackageResponse.From(p))
            : ApiProblem.NotFound("package", "PACKAGE_NOT_FOUND");

    public static async Task<Results<Created<PackageResponse>, ProblemHttpResult>> Create(PackageRequest request, AfyaDb db, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var package = new ServicePackage { NameEn = "", NameAr = "", Currency = "KES", CreatedAt = now, UpdatedAt = now };
        var errors = Apply(request, package, creating: true);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        db.Add(package);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/admin/packages/{package.Id}", PackageResponse.From(package));
    }

    // PUT and PATCH change only the fields sent; services, when sent, replace the list.
    public static async Task<Results<Ok<PackageResponse>, ProblemHttpResult>> Update(Guid id, PackageRequest request, AfyaDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var package = await db.Set<ServicePackage>().Include(p => p.Services).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (package is null) return ApiProblem.NotFound("package", "PACKAGE_NOT_FOUND");
        var errors = Apply(request, package, creating: false);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        package.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PackageResponse.From(package));
    }

    // Packages someone bought are kept (their history points at them): those are deactivated instead.
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, AfyaDb db, CancellationToken ct)
    {
        if (await db.Set<ServicePackage>().FirstOrDefaultAsync(p => p.Id == id, ct) is not { } package) return ApiProblem.NotFound("package", "PACKAGE_NOT_FOUND");
        if (await db.Set<Subscription>().AnyAsync(s => s.PackageId == id, ct)) package.IsActive = false;
        else db.Remove(package);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Apply(PackageRequest r, ServicePackage p, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string field, string? value, int max, bool required)
        {
            var v = value?.Trim();
            if ((required && string.IsNullOrEmpty(v)) || v is { Length: var n } && n > max)
            {
                errors[field] = [required ? $"{field} is required, at most {max} characters." : $"{field} must be at most {max} characters."];
                return null;
            }
            return v;
        }
        if (Text("name", r.Name, 150, creating) is { } name) p.NameEn = name;
        if (Text("name_ar", r.NameAr, 150, creating) is { } nameAr) p.NameAr = nameAr;
        if (Text("description", r.Description, 2000, false) is { } d) p.DescriptionEn = d;
        if (Text("description_ar", r.DescriptionAr, 2000, false) is { } da) p.DescriptionAr = da;
        if (r.Currency is not null || creating)
        {
            var currency = r.Currency?.Trim().ToUpperInvariant() ?? "";
            if (currency is not ("KWD" or "KES")) errors["currency"] = ["currency must be KWD or KES."];
            else p.Currency = currency;
        }
        if (r.Price is not null || creating || r.Currency is not null)
        {
            if (r.Price is null && creating) errors["price"] = ["price is required."];
            else if (!Platform.Money.TryToMinor(r.Price ?? Platform.Money.ToDecimal(p.PriceMinor, p.Currency), p.Currency, out var minor))
                errors["price"] = [$"price must be 0 or more with at most {Platform.Money.MinorDigits(p.Currency)} decimals for {p.Currency}."];
            else p.PriceMinor = minor;
        }
        if (r.DurationDays is { } days || creating)
        {
            if (r.DurationDays is not (>= 1 and <= 3650)) errors["duration_days"] = ["duration_days must be 1 to 3650."];
            else p.DurationDays = r.DurationDays.Value;
        }
        if (r.Services is not null)
        {
            var names = r.Services.Select(s => s?.Service?.Trim().ToLowerInvariant() ?? "").ToList();
            if (r.Services.Any(s => s is null || s.Count is < 1 or > 1000) || names.Any(n => n.Length is 0 or > 64) || names.Distinct().Count() != names.Count
                || r.Services.Count > 50)
                errors["services"] = ["services are up to 50 distinct {service, count}, service 1 to 64 characters, count 1 to 1000."];
            else
            {
                p.Services.Clear();
                p.Services.AddRange(r.Services.Select((s, i) => new PackageService { Service = names[i], Count = s.Count }));
            }
        }
        if (r.IsActive is { } active) p.IsActive = active;
        if (r.DisplayOrder is { } order)
        {
            if (order is < -100_000 or > 100_000) errors["display_order"] = ["display_order must be -100000 to 100000."];
            else p.DisplayOrder = order;
        }
        return errors;
    }
}
