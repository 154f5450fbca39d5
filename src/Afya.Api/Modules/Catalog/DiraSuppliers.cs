using System.Text.Json;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Catalog;

// Dira's supplier body; lead_time is in days.
public sealed record DiraSupplierWrite(
    string? Name, JsonElement? ContactPerson, string? Email, string? Phone, string? TaxId, string? PaymentTerms, int? LeadTime, string? Website, string? Notes);

// Dira's supplier shape: admin_id is the public number of the admin who added it.
public sealed record DiraSupplier(
    int Id, int AdminId, string Name, JsonElement? ContactPerson, string? Email, string? Phone, string? TaxId, string? PaymentTerms, int? LeadTime,
    string? Website, string? Notes, bool IsActive);

// Dira's supplier routes (admins only), thin over the native staff handlers: integer ids are the suppliers' own.
public static class DiraSuppliers
{
    public static IEndpointRouteBuilder MapDiraSuppliers(this IEndpointRouteBuilder app)
    {
        if (app.MapDiraAdmin("/api/v1/suppliers") is not { } suppliers) return app;
        suppliers.MapGet("/", List).WithName("DiraListSuppliers");
        suppliers.MapPost("/add-supplier", Create).WithName("DiraAddSupplier").Problem(422, "VALIDATION_FAILED").Problem(409, "SUPPLIER_EXISTS");
        suppliers.MapGet("/{id:int}/supplier", Get).WithName("DiraGetSupplier").Problem(404, "SUPPLIER_NOT_FOUND");
        // The backend served PUT here before PATCH; both are taken.
        suppliers.MapMethods("/{id:int}/update-supplier", ["PATCH", "PUT"], Update).WithName("DiraUpdateSupplier")
            .Problem(422, "VALIDATION_FAILED").Problem(404, "SUPPLIER_NOT_FOUND").Problem(409, "SUPPLIER_EXISTS");
        suppliers.MapDelete("/{id:int}/delete-supplier", AdminSuppliers.Delete).WithName("DiraDeleteSupplier").Problem(404, "SUPPLIER_NOT_FOUND");
        return app;
    }

    private static async Task<Ok<List<DiraSupplier>>> List(AfyaDb db, IUserDirectory users, CancellationToken ct)
    {
        var rows = await AdminSuppliers.Query(db, null).OrderBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(await ShapeAsync(await AdminSuppliers.ShapeAsync(rows, db, ct), users, ct));
    }

    private static async Task<Results<Ok<DiraSupplier>, ProblemHttpResult>> Get(int id, AfyaDb db, IUserDirectory users, CancellationToken ct) =>
        (await AdminSuppliers.Get(id, db, ct)).Result switch
        {
            Ok<SupplierResponse> { Value: { } found } => TypedResults.Ok((await ShapeAsync([found], users, ct))[0]),
            var other => (ProblemHttpResult)other,
        };

    private static async Task<Results<Created<DiraSupplier>, ProblemHttpResult>> Create(
        DiraSupplierWrite request, CurrentUser me, AfyaDb db, IUserDirectory users, TimeProvider clock, CancellationToken ct) =>
        (await AdminSuppliers.Create(Native(request), me, db, clock, ct)).Result switch
        {
            Created<SupplierResponse> { Value: { } created } => TypedResults.Created($"/api/v1/suppliers/{created.Id}/supplier", (await ShapeAsync([created], users, ct))[0]),
            var other => (ProblemHttpResult)other,
        };

    private static async Task<Results<Ok<DiraSupplier>, ProblemHttpResult>> Update(
        int id, DiraSupplierWrite request, AfyaDb db, IUserDirectory users, TimeProvider clock, CancellationToken ct) =>
        (await AdminSuppliers.Update(id, Native(request), db, clock, ct)).Result switch
        {
            Ok<SupplierResponse> { Value: { } updated } => TypedResults.Ok((await ShapeAsync([updated], users, ct))[0]),
            var other => (ProblemHttpResult)other,
        };

    private static SupplierWrite Native(DiraSupplierWrite r) =>
        new(r.Name, r.ContactPerson, r.Email, r.Phone, r.TaxId, r.PaymentTerms, r.LeadTime, r.Website, r.Notes, null);

    private static async Task<List<DiraSupplier>> ShapeAsync(IReadOnlyList<SupplierResponse> rows, IUserDirectory users, CancellationToken ct)
    {
        var numbers = await users.NumbersAsync(rows.Select(r => r.CreatedBy).Distinct().ToList(), ct);
        return rows.Select(s => new DiraSupplier(s.Id, numbers.GetValueOrDefault(s.CreatedBy), s.Name, s.ContactPerson, s.Email, s.Phone, s.TaxId,
            s.PaymentTerms, s.LeadTimeDays, s.Website, s.Notes, s.IsActive)).ToList();
    }
}
