using System.Globalization;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Catalog;

public sealed record BulkProducts([DocumentedRequired] IReadOnlyList<Guid>? ProductIds, bool? IsActive);

// not_found: ids of no product; the others were changed (or archived instead of deleted when orders name them).
public sealed record BulkProductsResult(int Updated, int Deleted, int Archived, IReadOnlyList<Guid> NotFound);

public sealed record BulkServices(AfyaDb Db, IFileStorage Storage, IPurchaseRecords Purchases, TimeProvider Clock);

// Staff change or delete many products at once: each through the one-product handler (its rules, archiving and cache
// eviction), so a batch is exactly the same as its single calls.
public static class BulkProductActions
{
    public const int MaxBatch = 100;

    public static async Task<Results<Ok<BulkProductsResult>, ProblemHttpResult>> SetStatus(BulkProducts request, [AsParameters] BulkServices s, CancellationToken ct)
    {
        if (Check(request.ProductIds, needsStatus: true, request.IsActive) is { } invalid) return invalid;
        var (updated, missing) = (0, new List<Guid>());
        foreach (var id in request.ProductIds!.Distinct())
        {
            var write = new ProductWrite(null, null, null, null, null, null, null, null, null, null, null, null, request.IsActive);
            switch ((await AdminProducts.UpdateProduct(id, write, s.Db, s.Storage, s.Clock, ct)).Result)
            {
                case Ok<ProductDetail>: updated++; break;
                case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }: missing.Add(id); break;
                case ProblemHttpResult problem: return problem;
            }
        }
        return TypedResults.Ok(new BulkProductsResult(updated, 0, 0, missing));
    }

    public static async Task<Results<Ok<BulkProductsResult>, ProblemHttpResult>> Delete(BulkProducts request, [AsParameters] BulkServices s, CancellationToken ct)
    {
        if (Check(request.ProductIds, needsStatus: false, null) is { } invalid) return invalid;
        var (deleted, archived, missing) = (0, 0, new List<Guid>());
        foreach (var id in request.ProductIds!.Distinct())
        {
            switch ((await AdminProducts.DeleteProduct(id, s.Db, s.Purchases, s.Storage, s.Clock, ct)).Result)
            {
                case NoContent: deleted++; break;
                case Ok<ArchivedResponse>: archived++; break;
                case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }: missing.Add(id); break;
                case ProblemHttpResult problem: return problem;
            }
        }
        return TypedResults.Ok(new BulkProductsResult(0, deleted, archived, missing));
    }

    private static ProblemHttpResult? Check(IReadOnlyList<Guid>? ids, bool needsStatus, bool? isActive)
    {
        var errors = new Dictionary<string, string[]>();
        if (ids is null || ids.Count == 0 || ids.Count > MaxBatch) errors["product_ids"] = [$"product_ids lists 1 to {MaxBatch} products."];
        if (needsStatus && isActive is null) errors["is_active"] = ["is_active is required: true or false."];
        return errors.Count > 0 ? ApiProblem.Validation(errors) : null;
    }

    // Dira's batch routes name products by public number in the query (?product_ids=1&product_ids=2, or "1,2").
    internal static async Task<Result<List<Guid>>> DiraIdsAsync(HttpRequest request, AfyaDb db, CancellationToken ct)
    {
        var numbers = new List<int>();
        foreach (var value in request.Query["product_ids"])
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    return ApiProblem.Field("product_ids", "product_ids are products' integer ids.");
                numbers.Add(n);
            }
        if (numbers.Count is 0 or > MaxBatch) return ApiProblem.Field("product_ids", $"product_ids lists 1 to {MaxBatch} products.");
        var distinct = numbers.Distinct().ToList();
        return await db.Set<Product>().Where(p => distinct.Contains(p.PublicNumber) && !p.IsArchived).Select(p => p.Id).ToListAsync(ct);
    }
}
