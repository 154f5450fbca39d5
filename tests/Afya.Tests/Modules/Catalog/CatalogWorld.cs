using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Catalog;

public sealed record TestProduct(string Id, string Slug, string Name, JsonNode Body);

// Builds catalog data through the admin API, every name unique to the test that asks.
public sealed class CatalogWorld(AfyaFactory app, Session admin)
{
    public string Tag { get; } = "t" + Guid.NewGuid().ToString("N")[..10];
    public HttpClient Admin { get; } = app.Client().WithToken(admin.Access);

    public static async Task<CatalogWorld> OpenAsync(AfyaFactory app) => new(app, await app.AdminAsync());

    public async Task<(int Id, string Slug)> CategoryAsync(string name, int? parentId = null)
    {
        var body = await (await Admin.PostJson("/api/v1/admin/categories", new { name = $"{name} {Tag}", parent_id = parentId })).ShouldBe(HttpStatusCode.Created);
        return (body["id"]!.GetValue<int>(), body["slug"]!.GetValue<string>());
    }

    public async Task<(int Id, string Slug)> BrandAsync(string name, bool featured = false)
    {
        var body = await (await Admin.PostJson("/api/v1/admin/brands", new { name = $"{name} {Tag}", is_featured = featured })).ShouldBe(HttpStatusCode.Created);
        return (body["id"]!.GetValue<int>(), body["slug"]!.GetValue<string>());
    }

    public async Task<TestProduct> ProductAsync(string name, int categoryId, decimal price, int? brandId = null, int stock = 10,
        string description = "A product.", bool featured = false, bool hot = false, bool isNew = false, decimal? compareAt = null)
    {
        var body = await (await Admin.PostJson("/api/v1/admin/products", new
        {
            name, description, category_id = categoryId, brand_id = brandId, price, compare_at_price = compareAt, stock_quantity = stock,
            is_featured = featured, is_hot = hot, is_new = isNew,
        })).ShouldBe(HttpStatusCode.Created);
        return new TestProduct(body["id"]!.GetValue<string>(), body["slug"]!.GetValue<string>(), name, body);
    }

    public async Task<int> VariantAsync(string productId, decimal price, int stock, string? size = null, string? side = null, string? color = null)
    {
        var body = await (await Admin.PostJson($"/api/v1/admin/products/{productId}/variants", new
        {
            sku = $"SKU-{Guid.NewGuid():N}"[..20], price, stock_quantity = stock, size, side, color,
        })).ShouldBe(HttpStatusCode.Created);
        return body["id"]!.GetValue<int>();
    }

    public static MultipartFormDataContent Image(byte[] bytes, string field = "image", string fileName = "photo.png", string type = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1];
    public static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xFF, 0xFF];
}
