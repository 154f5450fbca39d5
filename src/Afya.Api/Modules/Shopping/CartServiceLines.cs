using System.Text.Json;
using Afya.Api.Modules.Appointments.Contracts;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Shopping;

// A service for the cart. product_id (optional: the product it is for) is the product's UUID or (Dira) its integer
// number; preferred_at is when the customer would like the visit (in the future), notes what the technician should know.
public sealed record AddCartService([DocumentedRequired] int? ServiceId, int? Quantity, JsonElement? ProductId, DateTime? PreferredAt, string? Notes);

// A service line of the cart; product_id is the product's public number (Dira's), for_product_id its UUID.
public sealed record CartServiceItem(
    int Id, int ServiceId, string ServiceName, decimal Price, int Quantity, decimal LineTotal, Guid? ForProductId, string? ForProductName,
    DateTime? PreferredAt, string? Notes)
{
    public int? ProductId { get; init; }
}

public sealed record CartServiceDeps(HttpContext Http, CurrentUser Me, CartStore Carts, IServiceCatalog Services, AfyaDb Db, IOptions<ShoppingOptions> Options, TimeProvider Clock);

// Adding and removing technician services in the caller's cart (user, or guest by X-Cart-Token, as product lines).
public static class CartServiceLines
{
    public static async Task<Results<Created<CartResponse>, ProblemHttpResult>> Add(
        AddCartService request, [AsParameters] CartServiceDeps s, IProductCatalog catalog, CancellationToken ct)
    {
        var max = s.Options.Value.MaxQuantityPerLine;
        var now = s.Clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (request.ServiceId is null or < 1) errors["service_id"] = ["service_id is a service's id (GET /api/v1/services)."];
        var quantity = request.Quantity ?? 1;
        if (quantity < 1 || quantity > max) errors["quantity"] = [$"quantity must be between 1 and {max}."];
        if (request.PreferredAt is { } when && when.ToUniversalTime() <= now) errors["preferred_at"] = ["preferred_at must be in the future."];
        if ((request.Notes?.Length ?? 0) > 1000) errors["notes"] = ["notes may be at most 1000 characters."];
        var productId = await DiraIds.ProductAsync(request.ProductId, catalog, ct);
        if (request.ProductId is { ValueKind: not JsonValueKind.Null } && productId is null)
            errors["product_id"] = ["product_id is the product's id (a UUID, or the integer id Dira's clients read)."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var offer = await s.Services.FindAsync([request.ServiceId!.Value], ct) is [var found, ..] ? found : null;
        if (offer is null) return ApiProblem.NotFound("service", "SERVICE_NOT_FOUND");
        if (!offer.IsActive)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "SERVICE_INACTIVE", "This service is not on sale.", $"{offer.Name} is not offered any more.");
        if (productId is { } product && !(await catalog.DescribeAsync(product, ct)).Exists) return ApiProblem.NotFound("product", "PRODUCT_NOT_FOUND");

        var token = Carts.IssueToken(s.Http, CartStore.OwnerOf(s.Me, s.Http.Request), out var owner);
        var cart = (await s.Carts.FindAsync(owner, create: true, ct))!;
        s.Db.Add(new CartServiceLine
        {
            CartId = cart.Id, ServiceId = offer.Id, Quantity = quantity, ForProductId = productId, PreferredAt = request.PreferredAt?.ToUniversalTime(),
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), AddedAt = now,
        });
        await s.Db.SaveChangesAsync(ct);
        await CartStore.TouchGuestCartAsync(s.Db, cart, now, ct);
        s.Db.ChangeTracker.Clear();
        return TypedResults.Created("/api/v1/cart", await s.Carts.ViewAsync(await s.Carts.FindAsync(owner, create: false, ct), token, ct));
    }

    public static Task<Results<Ok<CartResponse>, ProblemHttpResult>> Remove(int itemId, HttpContext http, CurrentUser me, CartStore carts, CancellationToken ct) =>
        carts.RemoveLineAsync(http.Request, me, c => c.Services, l => l.Id == itemId, ct);
}
