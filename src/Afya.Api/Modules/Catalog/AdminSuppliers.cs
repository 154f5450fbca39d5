using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using static Afya.Api.Modules.Catalog.CatalogWrites;

namespace Afya.Api.Modules.Catalog;

// contact_person is an object ({name, email, phone, position}) or a name; absent fields of a PATCH stay as they are.
public sealed record SupplierWrite(
    [property: StringLength(200)] string? Name, JsonElement? ContactPerson, [property: StringLength(254)] string? Email,
    [property: StringLength(20)] string? Phone, [property: StringLength(64)] string? TaxId, [property: StringLength(200)] string? PaymentTerms,
    [property: Range(0, 3650)] int? LeadTimeDays, [property: StringLength(500)] string? Website, [property: StringLength(4000)] string? Notes, bool? IsActive);

public sealed record SupplierResponse(
    int Id, string Name, JsonElement? ContactPerson, string? Email, string? Phone, string? TaxId, string? PaymentTerms, int? LeadTimeDays,
    string? Website, string? Notes, bool IsActive, int ProductCount, Guid CreatedBy, DateTime CreatedAt, DateTime UpdatedAt);

// Staff keep the shop's suppliers; a product names one by supplier_id.
public static class AdminSuppliers
{
    public static async Task<Results<Ok<Page<SupplierResponse>>, ProblemHttpResult>> List(HttpRequest http, string? search, AfyaDb db, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var query = Query(db, search);
        var count = await query.CountAsync(ct);
        var rows = await query.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, count, await ShapeAsync(rows, db, ct)));
    }

    internal static IQueryable<Supplier> Query(AfyaDb db, string? search)
    {
        var query = db.Set<Supplier>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(s => s.Name.Contains(term));
        }
        return query;
    }

    public static async Task<Results<Ok<SupplierResponse>, ProblemHttpResult>> Get(int id, AfyaDb db, CancellationToken ct) =>
        await db.Set<Supplier>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } supplier
            ? TypedResults.Ok((await ShapeAsync([supplier], db, ct))[0])
            : ApiProblem.NotFound("supplier", "SUPPLIER_NOT_FOUND");

    public static async Task<Results<Created<SupplierResponse>, ProblemHttpResult>> Create(
        SupplierWrite request, CurrentUser me, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var supplier = new Supplier { Name = "", CreatedBy = me.Id, CreatedAt = now, UpdatedAt = now };
        if (Apply(request, supplier, creating: true) is { } invalid) return invalid;
        db.Add(supplier);
        if (await SaveAsync(db, ct) is { } taken) return taken;
        return TypedResults.Created($"/api/v1/admin/suppliers/{supplier.Id}", (await ShapeAsync([supplier], db, ct))[0]);
    }

    public static async Task<Results<Ok<SupplierResponse>, ProblemHttpResult>> Update(int id, SupplierWrite request, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var supplier = await db.Set<Supplier>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (supplier is null) return ApiProblem.NotFound("supplier", "SUPPLIER_NOT_FOUND");
        if (Apply(request, supplier, creating: false) is { } invalid) return invalid;
        supplier.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(db, ct) is { } taken) return taken;
        return TypedResults.Ok((await ShapeAsync([supplier], db, ct))[0]);
    }

    // Its products stay, without a supplier.
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, AfyaDb db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Product>().Where(p => p.SupplierId == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.SupplierId, (int?)null), ct);
        if (await db.Set<Supplier>().Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0) return ApiProblem.NotFound("supplier", "SUPPLIER_NOT_FOUND");
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<List<SupplierResponse>> ShapeAsync(IReadOnlyList<Supplier> rows, AfyaDb db, CancellationToken ct)
    {
        var ids = rows.Select(r => (int?)r.Id).ToList();
        var counts = await db.Set<Product>().Where(p => ids.Contains(p.SupplierId) && !p.IsArchived).GroupBy(p => p.SupplierId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        return rows.Select(s => new SupplierResponse(s.Id, s.Name, s.ContactPersonJson is null ? null : JsonDocument.Parse(s.ContactPersonJson).RootElement.Clone(),
            s.Email, s.Phone, s.TaxId, s.PaymentTerms, s.LeadTimeDays, s.Website, s.Notes, s.IsActive, counts.GetValueOrDefault(s.Id), s.CreatedBy,
            s.CreatedAt, s.UpdatedAt)).ToList();
    }

    private static ProblemHttpResult? Apply(SupplierWrite r, Supplier s, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        // The attributes' limits, which a seed's map calling this handler directly would otherwise skip.
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(r, new ValidationContext(r), results, validateAllProperties: true))
            foreach (var result in results)
                foreach (var member in result.MemberNames)
                    errors[JsonNamingPolicy.SnakeCaseLower.ConvertName(member)] = [result.ErrorMessage ?? "Invalid value."];
        Required(errors, "name", r.Name, creating);
        if (!string.IsNullOrWhiteSpace(r.Name)) s.Name = r.Name.Trim();
        switch (r.ContactPerson)
        {
            case { ValueKind: JsonValueKind.Object } contact when contact.GetRawText().Length <= 2000: s.ContactPersonJson = contact.GetRawText(); break;
            case { ValueKind: JsonValueKind.String } name when name.GetString()!.Length <= 200:
                s.ContactPersonJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name.GetString()!.Trim() }); break;
            case null or { ValueKind: JsonValueKind.Null }: break;
            default: errors["contact_person"] = ["contact_person is an object ({name, email, phone, position}) or a name."]; break;
        }
        if (r.Email is not null)
        {
            if (r.Email.Trim() is { Length: > 0 } email && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
                errors["email"] = ["email must be an e-mail address."];
            else s.Email = Blank(r.Email);
        }
        if (r.Phone is not null) s.Phone = Blank(r.Phone);
        if (r.TaxId is not null) s.TaxId = Blank(r.TaxId);
        if (r.PaymentTerms is not null) s.PaymentTerms = Blank(r.PaymentTerms);
        if (r.LeadTimeDays is { } lead) s.LeadTimeDays = lead;
        if (r.Website is not null) s.Website = Blank(r.Website);
        if (r.Notes is not null) s.Notes = Blank(r.Notes);
        if (r.IsActive is { } active) s.IsActive = active;
        return Check(errors);
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
            // A plain conflict, not a field list: Dira's clients read it as a 409 with a string detail.
            return ApiProblem.Of(StatusCodes.Status409Conflict, "SUPPLIER_EXISTS", "Another supplier has this name.", "Another supplier has this name.");
        }
    }
}
