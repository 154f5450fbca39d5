using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Surfaces;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

public sealed record DiraBatchAnswer(string Message, int? UpdatedCount, int? DeletedCount);

public sealed record DiraProductPage(IReadOnlyList<DiraProduct> Items, int Total, int Pages, int Page);

public sealed record DiraCatalogServices(AfyaDb Db, IFileStorage Storage, TimeProvider Clock, IOptions<CatalogOptions> Options, IPurchaseRecords Purchases);

// The admin panel's product and category editor: multipart forms mapped onto the native admin handlers (their
// validation, slugs, archiving and cache eviction), products by public number, answers in Dira's product shape.
// POST /admin/products and POST|PATCH /admin/categories share their paths with the native JSON routes: routing
// picks by Content-Type (multipart or urlencoded here, JSON there).
public static class DiraAdminCatalog
{
    // After the native JSON route of the same path: a request without a Content-Type (which both would accept) is the
    // native route's, never an ambiguous match.
    private const int SharedPathOrder = 1;

    public static IEndpointRouteBuilder MapDiraAdminCatalog(this IEndpointRouteBuilder app)
    {
        // `is { } x` rather than `?.`: the request delegate generator intercepts only plain calls, and a route it misses
        // is compiled from expression trees at every start (a tenth of a test app's start-up).
        if (app.MapDiraAdmin("/api/v1/admin/list-products") is { } list)
            list.MapGet("/", ListProducts).WithName("DiraAdminListProducts").Problem(422, "VALIDATION_FAILED");
        if (app.MapDiraAdmin("/api/v1/admin/get-products") is { } get)
            get.MapGet("/{id:int}", GetProduct).WithName("DiraAdminGetProduct").NotFoundProblem();
        if (app.MapDiraAdmin("/api/v1/admin/products") is { } products)
        {
            products.MapPost("/", CreateProduct).WithName("DiraAdminCreateProduct").WithOrder(SharedPathOrder).FormProblems().Problem(409, "SLUG_TAKEN");
            products.MapPatch("/{id:int}", UpdateProduct).WithName("DiraAdminUpdateProduct").FormProblems().NotFoundProblem().Problem(409, "SLUG_TAKEN");
            products.MapDelete("/{id:int}", DeleteProduct).WithName("DiraAdminDeleteProduct").NotFoundProblem();
            products.MapPatch("/batch/update-status", BatchStatus).WithName("DiraAdminBatchProductStatus").Problem(422, "VALIDATION_FAILED");
        }
        if (app.MapDiraAdmin("/api/v1/admin/batch-products") is { } batch)
            batch.MapDelete("/", BatchDelete).WithName("DiraAdminBatchDeleteProducts").Problem(422, "VALIDATION_FAILED");
        if (app.MapDiraAdmin("/api/v1/admin/categories") is { } categories)
        {
            categories.MapPost("/", CreateCategory).WithName("DiraAdminCreateCategory").WithOrder(SharedPathOrder).FormProblems().Problem(409, "SLUG_TAKEN");
            categories.MapPatch("/{id:int}", UpdateCategory).WithName("DiraAdminUpdateCategory").WithOrder(SharedPathOrder).FormProblems().NotFoundProblem().Problem(409, "SLUG_TAKEN");
        }
        return app;
    }

    private static RouteHandlerBuilder FormProblems(this RouteHandlerBuilder route) =>
        route.Problem(422, "VALIDATION_FAILED").Problem(413, "PAYLOAD_TOO_LARGE").Problem(415, "UNSUPPORTED_IMAGE");

    private static async Task<Results<Ok<DiraProductPage>, ProblemHttpResult>> ListProducts(
        int? skip, int? limit, int? page, string? search, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var size = limit ?? 20;
        if (skip is < 0 || page is < 0 || size is < 1 or > 100)
            return ApiProblem.Field("limit", "skip and page are 0 or more, limit 1 to 100.");
        var from = skip ?? (page ?? 0) * size;
        // Archived products are the deleted ones that orders still name: gone from the panel, kept for the orders.
        var query = db.Set<Product>().AsNoTracking().Where(p => !p.IsArchived);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(p => p.Slug.Contains(Slugs.From(search)));
        var total = await query.CountAsync(ct);
        var ids = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip(from).Take(size).Select(p => p.Id).ToListAsync(ct);
        var items = new List<DiraProduct>(ids.Count);
        foreach (var id in ids)
            if (await ProductDetails.LoadDetailAsync(db.Set<Product>().Where(p => p.Id == id), storage, ct) is { } detail) items.Add(DiraProduct.From(detail));
        return TypedResults.Ok(new DiraProductPage(items, total, (total + size - 1) / size, from / size));
    }

    private static async Task<Results<Ok<DiraProduct>, ProblemHttpResult>> GetProduct(int id, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        await ProductDetails.LoadDetailAsync(db.Set<Product>().Where(p => p.PublicNumber == id && !p.IsArchived), storage, ct) is { } detail
            ? TypedResults.Ok(DiraProduct.From(detail))
            : ApiProblem.NotFound("product");

    private static async Task<Results<Created<DiraProduct>, ProblemHttpResult>> CreateProduct(
        IFormCollection form, [AsParameters] DiraCatalogServices s, CancellationToken ct)
    {
        var fields = new DiraForm(form);
        var (write, specs) = ReadProduct(fields);
        if (fields.Problem() is { } invalid) return invalid;
        if (await CheckImagesAsync(fields.Files("images"), s.Options.Value, ct) is { } refused) return refused;
        var native = (await AdminProducts.CreateProduct(write, s.Db, s.Storage, s.Clock, ct)).Result;
        if (native is not Created<ProductDetail> { Value: { } created }) return (ProblemHttpResult)native;
        if (await AttachAsync(created.Id, specs, fields.Files("images"), s, ct) is { } failed) return failed;
        return TypedResults.Created($"/api/v1/admin/get-products/{created.Number}", await ShapeAsync(created.Id, s, ct));
    }

    private static async Task<Results<Ok<DiraProduct>, ProblemHttpResult>> UpdateProduct(
        int id, IFormCollection form, [AsParameters] DiraCatalogServices s, CancellationToken ct)
    {
        var current = await s.Db.Set<Product>().Where(p => p.PublicNumber == id && !p.IsArchived).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (current is null) return ApiProblem.NotFound("product");
        var fields = new DiraForm(form);
        var (write, specs) = ReadProduct(fields);
        if (fields.Problem() is { } invalid) return invalid;
        if (await CheckImagesAsync(fields.Files("images"), s.Options.Value, ct) is { } refused) return refused;
        var native = (await AdminProducts.UpdateProduct(current.Value, write, s.Db, s.Storage, s.Clock, ct)).Result;
        if (native is ProblemHttpResult problem) return problem;
        if (await AttachAsync(current.Value, specs, fields.Files("images"), s, ct) is { } failed) return failed;
        return TypedResults.Ok(await ShapeAsync(current.Value, s, ct));
    }

    private static async Task<Results<Ok<DiraMessage>, ProblemHttpResult>> DeleteProduct(int id, [AsParameters] DiraCatalogServices s, CancellationToken ct)
    {
        var productId = await s.Db.Set<Product>().Where(p => p.PublicNumber == id && !p.IsArchived).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (productId is null) return ApiProblem.NotFound("product");
        return (await AdminProducts.DeleteProduct(productId.Value, s.Db, s.Purchases, s.Storage, s.Clock, ct)).Result switch
        {
            ProblemHttpResult problem => problem,
            Ok<ArchivedResponse> archived => TypedResults.Ok(new DiraMessage(archived.Value!.Message)),
            _ => TypedResults.Ok(new DiraMessage("Product deleted.")),
        };
    }

    // ?product_ids=1&product_ids=2&is_active=true -> {message, updated_count}; unknown ids are skipped, as Dira did.
    private static async Task<Results<Ok<DiraBatchAnswer>, ProblemHttpResult>> BatchStatus(HttpRequest http, [AsParameters] BulkServices s, CancellationToken ct)
    {
        if (!(await BulkProductActions.DiraIdsAsync(http, s.Db, ct)).TryGet(out var ids, out var problem)) return problem;
        bool? active = http.Query["is_active"].ToString().ToLowerInvariant() switch { "true" or "1" => true, "false" or "0" => false, _ => null };
        if (active is null) return ApiProblem.Field("is_active", "is_active is required: true or false.");
        if (ids.Count == 0) return TypedResults.Ok(new DiraBatchAnswer("Updated status for 0 products", 0, null));
        return (await BulkProductActions.SetStatus(new BulkProducts(ids, active), s, ct)).Result switch
        {
            Ok<BulkProductsResult> { Value: { } done } => TypedResults.Ok(new DiraBatchAnswer($"Updated status for {done.Updated} products", done.Updated, null)),
            var other => (ProblemHttpResult)other,
        };
    }

    // ?product_ids=1&product_ids=2 -> {message, deleted_count}; products that orders name are archived, which counts.
    private static async Task<Results<Ok<DiraBatchAnswer>, ProblemHttpResult>> BatchDelete(HttpRequest http, [AsParameters] BulkServices s, CancellationToken ct)
    {
        if (!(await BulkProductActions.DiraIdsAsync(http, s.Db, ct)).TryGet(out var ids, out var problem)) return problem;
        if (ids.Count == 0) return TypedResults.Ok(new DiraBatchAnswer("Deleted 0 products", null, 0));
        return (await BulkProductActions.Delete(new BulkProducts(ids, null), s, ct)).Result switch
        {
            Ok<BulkProductsResult> { Value: { } done } => TypedResults.Ok(new DiraBatchAnswer($"Deleted {done.Deleted + done.Archived} products", null, done.Deleted + done.Archived)),
            var other => (ProblemHttpResult)other,
        };
    }

    private static async Task<Results<Created<DiraCategory>, ProblemHttpResult>> CreateCategory(
        IFormCollection form, [AsParameters] DiraCatalogServices s, CancellationToken ct)
    {
        var fields = new DiraForm(form);
        var write = ReadCategory(fields);
        if (fields.Problem() is { } invalid) return invalid;
        if (await CheckImagesAsync(fields.Files("image"), s.Options.Value, ct) is { } refused) return refused;
        var native = (await AdminCategories.CreateCategory(write, s.Db, s.Storage, s.Clock, ct)).Result;
        if (native is not Created<CategoryResponse> { Value: { } created }) return (ProblemHttpResult)native;
        var category = await CategoryImageAsync(created, fields.Files("image"), s, ct);
        return TypedResults.Created($"/api/v1/categories/{category.Slug}", category);
    }

    private static async Task<Results<Ok<DiraCategory>, ProblemHttpResult>> UpdateCategory(
        int id, IFormCollection form, [AsParameters] DiraCatalogServices s, CancellationToken ct)
    {
        var fields = new DiraForm(form);
        var write = ReadCategory(fields);
        if (fields.Problem() is { } invalid) return invalid;
        if (await CheckImagesAsync(fields.Files("image"), s.Options.Value, ct) is { } refused) return refused;
        var native = (await AdminCategories.UpdateCategory(id, write, s.Db, s.Storage, ct)).Result;
        if (native is not Ok<CategoryResponse> { Value: { } updated }) return (ProblemHttpResult)native;
        return TypedResults.Ok(await CategoryImageAsync(updated, fields.Files("image"), s, ct));
    }

    // Dira's price is the list price and discounted_price what the customer pays; Afya's price is what the customer
    // pays and compare_at_price the list price above it.
    private static (ProductWrite Write, IReadOnlyDictionary<string, string>? Specs) ReadProduct(DiraForm f)
    {
        var price = f.Amount("price");
        var discounted = f.Amount("discounted_price");
        var (selling, listPrice) = discounted is { } d && price is { } p && d < p ? ((decimal?)d, (decimal?)p) : (price, (decimal?)null);
        var (length, width, height, unit) = (f.Amount("dimensions_length"), f.Amount("dimensions_width"), f.Amount("dimensions_height"), f.Text("dimensions_unit"));
        var write = new ProductWrite(f.Text("name"), null, f.Text("description"), f.WholeNumber("category_id"), null, selling, listPrice, null,
            f.WholeNumber("stock"), null, null, null, f.Flag("is_active"))
        {
            SupplierId = f.WholeNumber("supplier_id"), TaxRate = f.Amount("tax_rate"), ReorderLevel = f.WholeNumber("reorder_level"),
            RequiresPrescription = f.Flag("requires_prescription"), Weight = f.Amount("weight"), WeightUnit = f.Text("weight_unit"),
            Dimensions = length is null && width is null && height is null && unit is null ? null : new ProductDimensionsWrite(length, width, height, unit),
            WarrantyPeriod = f.WholeNumber("warranty_period"), WarrantyUnit = f.Text("warranty_unit"), WarrantyDescription = f.Text("warranty_description"),
            Tags = f.Text("tags") is { } tags ? tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
        };
        f.Validate(write);
        var specs = f.JsonObject("specifications");
        if (specs is not null && AdminSpecifications.Refusal(Rows(specs)) is { } refusal) f.Errors["specifications"] = [refusal];
        return (write, specs);
    }

    private static CategoryWrite ReadCategory(DiraForm f)
    {
        var write = new CategoryWrite(f.Text("name"), null, f.Text("description"), f.WholeNumber("parent_id"), f.WholeNumber("display_order") ?? f.WholeNumber("sort_order"), f.Flag("is_active"));
        f.Validate(write);
        return write;
    }

    // Every image is checked before anything is written, so a bad file never leaves half a product behind.
    private static async Task<ProblemHttpResult?> CheckImagesAsync(IReadOnlyList<IFormFile> files, CatalogOptions options, CancellationToken ct)
    {
        foreach (var file in files)
        {
            if (file.Length == 0) return ApiProblem.Field("images", "An image file is empty.");
            if (file.Length > options.MaxImageBytes)
                return ApiProblem.Of(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"Images may be at most {options.MaxImageBytes / (1024 * 1024)} MB.");
            await using var content = file.OpenReadStream();
            if (await ImageContent.SniffExtensionAsync(content, ct) is null)
                return ApiProblem.Of(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_IMAGE", "Only JPEG, PNG and WebP images are accepted, judged by their content.");
        }
        return null;
    }

    // Specifications replace the product's; images are added after the ones it has, the first of a bare product primary.
    private static async Task<ProblemHttpResult?> AttachAsync(
        Guid productId, IReadOnlyDictionary<string, string>? specs, IReadOnlyList<IFormFile> images, DiraCatalogServices s, CancellationToken ct)
    {
        if (specs is not null
            && (await AdminSpecifications.ReplaceSpecifications(productId, new SpecificationsWrite(Rows(specs)),
                s.Db, ct)).Result is ProblemHttpResult refused)
            return refused;
        var order = await s.Db.Set<ProductImage>().CountAsync(i => i.ProductId == productId, ct);
        foreach (var image in images)
            if ((await AdminImages.AddImage(productId, image, null, null, order++, s.Db, s.Storage, s.Options, ct)).Result is ProblemHttpResult failed)
                return failed;
        return null;
    }

    private static List<SpecificationResponse> Rows(IReadOnlyDictionary<string, string> specs) =>
        specs.Select(kv => new SpecificationResponse(kv.Key, kv.Value)).ToList();

    private static async Task<DiraProduct> ShapeAsync(Guid id, DiraCatalogServices s, CancellationToken ct) =>
        DiraProduct.From((await ProductDetails.LoadDetailAsync(s.Db.Set<Product>().Where(p => p.Id == id), s.Storage, ct))!);

    private static async Task<DiraCategory> CategoryImageAsync(CategoryResponse category, IReadOnlyList<IFormFile> images, DiraCatalogServices s, CancellationToken ct)
    {
        if (images is [var image, ..]
            && (await AdminCategories.UploadCategoryImage(category.Id, image, s.Db, s.Storage, s.Options, ct)).Result is Ok<CategoryResponse> { Value: { } withImage })
            category = withImage;
        return new DiraCategory(category.Id, category.Name, category.Slug, category.ParentId, category.Description, category.IsActive);
    }
}
