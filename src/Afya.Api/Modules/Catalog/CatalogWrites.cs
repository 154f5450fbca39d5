using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Catalog;

// What the staff catalog writes share: field rules, slugs, unique-index conflicts, picture replacement.
internal static class CatalogWrites
{
    internal static ProblemHttpResult? Check(Dictionary<string, string[]> errors) => errors.Count > 0 ? ApiProblem.Validation(errors) : null;

    // Required on create; a patch (the same record) may leave it out but not blank it. Not an attribute for that
    // reason; lengths are attributes on the records.
    internal static void Required(Dictionary<string, string[]> errors, string field, string? value, bool creating = true)
    {
        if ((creating || value is not null) && string.IsNullOrWhiteSpace(value)) errors[field] = [$"{field} is required."];
    }

    internal static void SlugRule(Dictionary<string, string[]> errors, string? slug)
    {
        if (slug is not null && !Slugs.IsValid(slug)) errors["slug"] = ["A slug is lowercase letters, digits and single dashes."];
    }

    // Stores a new picture for a category, brand or banner and drops the file it replaces.
    internal static async Task<Results<Ok<TResponse>, ProblemHttpResult>> ReplaceImageAsync<TEntity, TResponse>(
        int id, IFormFile file, string field, string folder, Func<TEntity, string?> current, Action<TEntity, string> set,
        Func<TEntity, TResponse> map, AfyaDb db, IFileStorage storage, CatalogOptions options, CancellationToken ct)
        where TEntity : class
    {
        var entity = await db.Set<TEntity>().FindAsync([id], ct);
        if (entity is null) return ApiProblem.NotFound(typeof(TEntity).Name.ToLowerInvariant());
        if (!(await ImageUpload.StoreAsync(file, field, folder, options.MaxImageBytes, storage, ct)).TryGet(out var key, out var problem)) return problem;
        var old = current(entity);
        set(entity, key);
        await db.SaveChangesAsync(ct);
        if (old is not null) await storage.DeleteAsync(old, ct);
        return TypedResults.Ok(map(entity));
    }

    internal static async Task<string> FreeSlugAsync(IQueryable<string> slugs, string wanted, CancellationToken ct)
    {
        var taken = await slugs.Where(s => s == wanted || s.StartsWith(wanted + "-")).ToListAsync(ct);
        return Slugs.FirstFree(wanted, taken);
    }

    // Saves, turning a unique-index failure (slug or SKU raced or reused) into a 409.
    internal static async Task<ProblemHttpResult?> SaveAsync(AfyaDb db, string code, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            var field = code == "SKU_TAKEN" ? "sku" : "slug";
            return ApiProblem.Validation(new Dictionary<string, string[]> { [field] = [$"This {field} is already in use."] }, code, StatusCodes.Status409Conflict, $"This {field} is already in use.");
        }
    }
}

// Brand and category names copied onto products so full-text search finds "Samsung" or "Wheelchairs".
public static class SearchKeywords
{
    public static async Task<string> ForAsync(AfyaDb db, int categoryId, int? brandId, CancellationToken ct)
    {
        var categories = await db.Set<Category>().AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Name }).ToDictionaryAsync(c => c.Id, ct);
        var words = new List<string>();
        if (brandId is { } b) words.Add(await db.Set<Brand>().Where(x => x.Id == b).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "");
        for (int? at = categoryId; at is { } id && categories.TryGetValue(id, out var c); at = c.ParentId) words.Add(c.Name);
        var text = string.Join(' ', words.Where(w => w.Length > 0));
        return text.Length > 1000 ? text[..1000] : text;
    }

    public static async Task RefreshAsync(AfyaDb db, System.Linq.Expressions.Expression<Func<Product, bool>>? which, CancellationToken ct)
    {
        var query = db.Set<Product>().AsQueryable();
        if (which is not null) query = query.Where(which);
        foreach (var product in await query.ToListAsync(ct))
            product.SearchKeywords = await ForAsync(db, product.CategoryId, product.BrandId, ct);
        await db.SaveChangesAsync(ct);
    }
}
