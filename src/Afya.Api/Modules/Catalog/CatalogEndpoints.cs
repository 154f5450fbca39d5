using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Catalog;

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/v1").WithTags("Catalog").RequireRateLimiting(RateLimits.PerClient);

        var categories = catalog.MapGroup("/categories");
        categories.MapGet("/", Categories.Tree).WithName("ListCategories").WithSummary("Top-level categories with their subcategories nested");
        categories.MapGet("/all_flat", Categories.Flat).WithName("ListCategoriesFlat").WithSummary("Every active category, flat");
        categories.MapGet("/{slug}", Categories.Get).WithName("GetCategory").NotFoundProblem();

        var brands = catalog.MapGroup("/brands");
        brands.MapGet("/", Brands.List).WithName("ListBrands").Problem(400, "INVALID_PAGE");
        brands.MapGet("/featured", Brands.Featured).WithName("FeaturedBrands");
        brands.MapGet("/{slug}", Brands.Get).WithName("GetBrand").NotFoundProblem();

        var products = catalog.MapGroup("/products");
        products.MapGet("/", Products.List).WithName("ListProducts")
            .WithSummary("Search, filter (category, brand/brand__slug, is_featured, is_hot, is_new, min_price, max_price, in_stock), order, page; ?facets=true adds counts")
            .Problem(400, "INVALID_PAGE", "INVALID_FILTER", "INVALID_ORDERING").Problem(404, "PAGE_NOT_FOUND");
        products.MapGet("/featured", Products.Featured).WithName("FeaturedProducts").WithSummary("Featured products (at most 10)");
        products.MapGet("/best_sellers", Products.BestSellers).WithName("BestSellers").Problem(400, "INVALID_PAGE");
        products.MapGet("/new_arrivals", Products.NewArrivals).WithName("NewArrivals").Problem(400, "INVALID_PAGE");
        products.MapGet("/by_category", Products.ByCategory).WithName("ProductsByCategory").Problem(400, "INVALID_PAGE", "VALIDATION_FAILED").NotFoundProblem();
        products.MapGet("/by_brand", Products.ByBrand).WithName("ProductsByBrand").Problem(400, "INVALID_PAGE", "VALIDATION_FAILED").NotFoundProblem();
        products.MapGet("/{slug}", ProductDetails.Get).WithName("GetProduct").WithSummary("Full product detail; records a recently viewed entry").NotFoundProblem();
        products.MapGet("/{slug}/related", Products.Related).WithName("RelatedProducts").NotFoundProblem();
        products.MapGet("/{slug}/reviews", Reviews.List).WithName("ListReviews").Problem(400, "INVALID_PAGE").NotFoundProblem();
        products.MapPost("/{slug}/reviews", Reviews.Post).WithName("PostReview").WithSummary("Review a product; a second review edits the first")
            .RequireAuthorization().NotFoundProblem().Problem(409, "REVIEW_CONFLICT");

        var reviews = catalog.MapGroup("/reviews").RequireAuthorization();
        reviews.MapGet("/mine", OwnReviews.Mine).WithName("MyReviews").WithSummary("The caller's reviews, newest first").Problem(400, "INVALID_PAGE");
        reviews.MapPatch("/mine/{id:int}", OwnReviews.Edit).WithName("EditMyReview").WithSummary("Edit one of the caller's reviews: {rating, title, body}")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "REVIEW_NOT_FOUND");
        reviews.MapDelete("/mine/{id:int}", OwnReviews.Delete).WithName("DeleteMyReview").Problem(404, "REVIEW_NOT_FOUND");
        reviews.MapPost("/{id:int}/votes", OwnReviews.Vote).WithName("VoteOnReview").WithSummary("Say whether another's review helped: {helpful}")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "REVIEW_NOT_FOUND").Problem(422, "OWN_REVIEW");

        var banners = catalog.MapGroup("/banners");
        banners.MapGet("/", Banners.List).WithName("ListBanners");
        banners.MapGet("/hero", Banners.Hero).WithName("HeroBanners");
        catalog.MapGet("/home/sections", HomepageSections.List).WithName("ListHomepageSections").WithSummary("The home page's active sections with their products, in order");
        catalog.MapGet("/home/sections/{id:int}", HomepageSections.Get).WithName("GetHomepageSection").NotFoundProblem();
        catalog.MapGet("/recently-viewed", RecentlyViewedLog.List).WithName("RecentlyViewed")
            .WithSummary("The last 10 products the signed-in user (or the guest's X-Cart-Token) opened");

        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin: catalog").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit()
            .RequireRateLimiting(RateLimits.PerClient).DisableAntiforgery();
        admin.MapPost("/categories", AdminCategories.CreateCategory).WithName("AdminCreateCategory").Problem(409, "SLUG_TAKEN");
        admin.MapPatch("/categories/{id:int}", AdminCategories.UpdateCategory).WithName("AdminUpdateCategory").NotFoundProblem().Problem(409, "SLUG_TAKEN");
        admin.MapDelete("/categories/{id:int}", AdminCategories.DeleteCategory).WithName("AdminDeleteCategory").NotFoundProblem().Problem(409, "CATEGORY_IN_USE");
        admin.MapPost("/categories/{id:int}/image", AdminCategories.UploadCategoryImage).WithName("AdminUploadCategoryImage").Images();
        admin.MapPost("/brands", AdminBrands.CreateBrand).WithName("AdminCreateBrand").Problem(409, "SLUG_TAKEN");
        admin.MapPatch("/brands/{id:int}", AdminBrands.UpdateBrand).WithName("AdminUpdateBrand").NotFoundProblem().Problem(409, "SLUG_TAKEN");
        admin.MapDelete("/brands/{id:int}", AdminBrands.DeleteBrand).WithName("AdminDeleteBrand").NotFoundProblem().Problem(409, "BRAND_IN_USE");
        admin.MapPost("/brands/{id:int}/logo", AdminBrands.UploadBrandLogo).WithName("AdminUploadBrandLogo").Images();
        admin.MapGet("/products", AdminProducts.ListProducts).WithName("AdminListProducts").Problem(400, "INVALID_PAGE");
        admin.MapPost("/products", AdminProducts.CreateProduct).WithName("AdminCreateProduct").Problem(409, "SLUG_TAKEN");
        admin.MapPost("/products/bulk-status", BulkProductActions.SetStatus).WithName("AdminBulkProductStatus")
            .WithSummary($"Activate or deactivate up to {BulkProductActions.MaxBatch} products: {{product_ids, is_active}}").Problem(400, "VALIDATION_FAILED");
        admin.MapPost("/products/bulk-delete", BulkProductActions.Delete).WithName("AdminBulkDeleteProducts")
            .WithSummary("Delete up to 100 products ({product_ids}); those orders name are archived").Problem(400, "VALIDATION_FAILED");
        admin.MapGet("/products/{id:guid}", AdminProducts.GetProduct).WithName("AdminGetProduct").NotFoundProblem();
        admin.MapPatch("/products/{id:guid}", AdminProducts.UpdateProduct).WithName("AdminUpdateProduct").NotFoundProblem().Problem(409, "SLUG_TAKEN");
        admin.MapDelete("/products/{id:guid}", AdminProducts.DeleteProduct).WithName("AdminDeleteProduct")
            .WithSummary("Delete a product, or archive it when orders name it").NotFoundProblem();
        admin.MapPost("/products/{productId:guid}/variants", AdminVariants.CreateVariant).WithName("AdminCreateVariant").NotFoundProblem().Problem(409, "SKU_TAKEN");
        admin.MapPatch("/variants/{id:int}", AdminVariants.UpdateVariant).WithName("AdminUpdateVariant").NotFoundProblem().Problem(409, "SKU_TAKEN");
        admin.MapDelete("/variants/{id:int}", AdminVariants.DeleteVariant).WithName("AdminDeleteVariant").NotFoundProblem();
        admin.MapPost("/products/{productId:guid}/images", AdminImages.AddImage).WithName("AdminAddImage")
            .WithSummary("Upload a JPEG, PNG or WebP (multipart field 'image'), checked by content").Images();
        admin.MapPatch("/images/{id:int}", AdminImages.UpdateImage).WithName("AdminUpdateImage").NotFoundProblem();
        admin.MapDelete("/images/{id:int}", AdminImages.DeleteImage).WithName("AdminDeleteImage").NotFoundProblem();
        admin.MapPut("/products/{productId:guid}/specifications", AdminSpecifications.ReplaceSpecifications).WithName("AdminReplaceSpecifications").NotFoundProblem();
        admin.MapGet("/suppliers", AdminSuppliers.List).WithName("AdminListSuppliers").WithSummary("Suppliers by name; ?search= matches names").Problem(400, "INVALID_PAGE");
        admin.MapPost("/suppliers", AdminSuppliers.Create).WithName("AdminCreateSupplier")
            .WithSummary("{name, contact_person, email, phone, tax_id, payment_terms, lead_time_days, website, notes, is_active}")
            .Problem(400, "VALIDATION_FAILED").Problem(409, "SUPPLIER_EXISTS");
        admin.MapGet("/suppliers/{id:int}", AdminSuppliers.Get).WithName("AdminGetSupplier").Problem(404, "SUPPLIER_NOT_FOUND");
        admin.MapPatch("/suppliers/{id:int}", AdminSuppliers.Update).WithName("AdminUpdateSupplier")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "SUPPLIER_NOT_FOUND").Problem(409, "SUPPLIER_EXISTS");
        admin.MapDelete("/suppliers/{id:int}", AdminSuppliers.Delete).WithName("AdminDeleteSupplier")
            .WithSummary("Delete a supplier; its products stay, without one").Problem(404, "SUPPLIER_NOT_FOUND");
        admin.MapGet("/banners", AdminBanners.ListBanners).WithName("AdminListBanners");
        admin.MapPost("/banners", AdminBanners.CreateBanner).WithName("AdminCreateBanner");
        admin.MapPatch("/banners/{id:int}", AdminBanners.UpdateBanner).WithName("AdminUpdateBanner").NotFoundProblem();
        admin.MapDelete("/banners/{id:int}", AdminBanners.DeleteBanner).WithName("AdminDeleteBanner").NotFoundProblem();
        admin.MapPost("/banners/{id:int}/image", AdminBanners.UploadBannerImage).WithName("AdminUploadBannerImage").Images();
        admin.MapGet("/home/sections", HomepageSections.AdminList).WithName("AdminListHomepageSections").WithSummary("Every home-page section, hidden ones too");
        admin.MapPost("/home/sections", HomepageSections.Create).WithName("AdminCreateHomepageSection")
            .WithSummary("A section: {title, description, sort_order, is_active, product_ids}").Problem(400, "VALIDATION_FAILED");
        admin.MapPatch("/home/sections/{id:int}", HomepageSections.Update).WithName("AdminUpdateHomepageSection")
            .WithSummary("Change a section; product_ids replaces its products").NotFoundProblem().Problem(400, "VALIDATION_FAILED");
        admin.MapPost("/home/sections/{id:int}/products", HomepageSections.AddProducts).WithName("AdminAddHomepageSectionProducts")
            .WithSummary("Append products: {product_ids}").NotFoundProblem().Problem(400, "VALIDATION_FAILED");
        admin.MapDelete("/home/sections/{id:int}/products", HomepageSections.RemoveProducts).WithName("AdminRemoveHomepageSectionProducts")
            .WithSummary("Take products out: {product_ids}").NotFoundProblem().Problem(400, "VALIDATION_FAILED");
        admin.MapDelete("/reviews/{id:int}", AdminReviews.DeleteReview).WithName("AdminDeleteReview")
            .WithSummary("Take down a review; the product's rating is recomputed").NotFoundProblem();
        admin.MapDelete("/home/sections/{id:int}", HomepageSections.Delete).WithName("AdminDeleteHomepageSection").NotFoundProblem();
        return app;
    }

    // A picture upload: the owner may be missing, the file too big or not an image.
    private static RouteHandlerBuilder Images(this RouteHandlerBuilder route) =>
        route.NotFoundProblem().Problem(400, "VALIDATION_FAILED", "UNSUPPORTED_IMAGE").Problem(413, "PAYLOAD_TOO_LARGE");
}
