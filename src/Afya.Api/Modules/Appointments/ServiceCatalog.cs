using Afya.Api.Modules.Appointments.Contracts;
using Afya.Api.Modules.Appointments.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Appointments;

// price in KES. Absent fields of a PATCH stay as they are.
public sealed record ServiceWrite(string? Name, string? Description, decimal? Price, bool? IsActive);

public sealed record ServiceResponse(int Id, string Name, string Description, decimal Price, string Currency, bool IsActive, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ServiceResponse From(ServiceOffering s) =>
        new(s.Id, s.Name, s.Description, Money.ToDecimal(s.PriceMinor, s.Currency), s.Currency, s.IsActive, s.CreatedAt, s.UpdatedAt);
}

internal sealed class ServiceCatalog(AfyaDb db) : IServiceCatalog
{
    public async Task<IReadOnlyList<ServiceOffer>> FindAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await db.Set<ServiceOffering>().AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new ServiceOffer(s.Id, s.Name, s.PriceMinor, s.Currency, s.IsActive)).ToListAsync(ct);
}

// The priced services: anyone lists the active ones; staff create, change and deactivate them.
public static class ServiceCatalogRoutes
{
    public static async Task<Ok<List<ServiceResponse>>> Active(AfyaDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<ServiceOffering>().AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name).ToListAsync(ct)).Select(ServiceResponse.From).ToList());

    public static async Task<Results<Ok<Page<ServiceResponse>>, ProblemHttpResult>> List(HttpRequest http, AfyaDb db, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var query = db.Set<ServiceOffering>().AsNoTracking();
        var rows = await query.OrderBy(s => s.Id).Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, await query.CountAsync(ct), rows.Select(ServiceResponse.From).ToList()));
    }

    public static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> Get(int id, AfyaDb db, CancellationToken ct) =>
        await db.Set<ServiceOffering>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s ? TypedResults.Ok(ServiceResponse.From(s)) : NotFound();

    public static async Task<Results<Created<ServiceResponse>, ProblemHttpResult>> Create(ServiceWrite request, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var service = new ServiceOffering { CreatedAt = now, UpdatedAt = now };
        if (Apply(request, service, creating: true) is { } invalid) return invalid;
        db.Add(service);
        if (await SaveAsync(db, ct) is { } taken) return taken;
        return TypedResults.Created($"/api/v1/admin/services/{service.Id}", ServiceResponse.From(service));
    }

    public static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> Update(int id, ServiceWrite request, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var service = await db.Set<ServiceOffering>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return NotFound();
        if (Apply(request, service, creating: false) is { } invalid) return invalid;
        service.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(db, ct) is { } taken) return taken;
        return TypedResults.Ok(ServiceResponse.From(service));
    }

    // Deactivating keeps the row (orders name it); carts holding it drop the line when next shown.
    public static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> Deactivate(int id, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Set<ServiceOffering>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsActive, false).SetProperty(s => s.UpdatedAt, now), ct) == 0)
            return NotFound();
        return TypedResults.Ok(ServiceResponse.From(await db.Set<ServiceOffering>().AsNoTracking().FirstAsync(s => s.Id == id, ct)));
    }

    public static ProblemHttpResult NotFound() => ApiProblem.NotFound("service", "SERVICE_NOT_FOUND");

    private static ProblemHttpResult? Apply(ServiceWrite r, ServiceOffering s, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.Name?.Trim() is { } name)
        {
            if (name.Length is < 1 or > 200) errors["name"] = ["name is 1 to 200 characters."];
            else s.Name = name;
        }
        else if (creating) errors["name"] = ["name is required."];
        if (r.Description is { } description)
        {
            if (description.Length > 2000) errors["description"] = ["description may be at most 2000 characters."];
            else s.Description = description.Trim();
        }
        if (r.Price is { } price)
        {
            if (Money.TryToMinor(price, s.Currency, out var minor)) s.PriceMinor = minor;
            else errors["price"] = ["price is 0 or more KES, with at most two decimals."];
        }
        else if (creating) errors["price"] = ["price is required (KES)."];
        if (r.IsActive is { } active) s.IsActive = active;
        return errors.Count > 0 ? ApiProblem.Validation(errors) : null;
    }

    private static async Task<ProblemHttpResult?> SaveAsync(AfyaDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["name"] = ["Another service has this name."] }, "SERVICE_NAME_TAKEN",
                StatusCodes.Status409Conflict, "Another service has this name.");
        }
    }
}
