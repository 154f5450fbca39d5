using Afya.Api.Platform.Data;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Shopping;

// Dira's delivery zone: integer id, its names for fee, threshold and places.
public sealed record DiraDeliveryZone(int Id, string Name, decimal DeliveryFee, decimal? FreeDeliveryThreshold, IReadOnlyList<string> Areas);

public sealed record DiraDeliveryZones(string Message, IReadOnlyList<DiraDeliveryZone> Zones, decimal DefaultFee);

// Dira's services in the cart and delivery zones, thin over the native handlers (their rules, Dira's problem shape).
public static class DiraShopping
{
    public static IEndpointRouteBuilder MapDiraShopping(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/cart")?.EvictsOwnCart() is { } cart)
        {
            cart.MapPost("/services", CartServiceLines.Add).WithName("DiraAddCartService")
                .Problem(422, "VALIDATION_FAILED", "SERVICE_INACTIVE").Problem(404, "SERVICE_NOT_FOUND", "PRODUCT_NOT_FOUND");
            cart.MapDelete("/services/{itemId:int}", CartServiceLines.Remove).WithName("DiraRemoveCartService").NotFoundProblem();
        }
        if (app.MapDiraAdmin("/api/v1/admin/orders/delivery-zones") is { } zones)
            zones.MapPost("/configure", Configure).WithName("DiraConfigureDeliveryZones").Problem(422, "VALIDATION_FAILED").Problem(409, "DELIVERY_ZONES_CHANGED");
        return app;
    }

    // {zones: [{name, delivery_fee, free_delivery_threshold, areas}]} replaces every zone, as the native PUT.
    private static async Task<Results<Ok<DiraDeliveryZones>, ProblemHttpResult>> Configure(
        DeliveryZonesWrite request, AfyaDb db, IOptions<ShoppingOptions> options, TimeProvider clock, CancellationToken ct) =>
        (await DeliveryZones.Replace(request, db, options, clock, ct)).Result switch
        {
            Ok<DeliveryZonesResponse> { Value: { } zones } => TypedResults.Ok(new DiraDeliveryZones("Delivery zones configured.",
                zones.Zones.Select(z => new DiraDeliveryZone(z.Id, z.Name, z.Fee, z.FreeOver, z.Places)).ToList(), zones.FlatFee)),
            var other => (ProblemHttpResult)other,
        };
}
