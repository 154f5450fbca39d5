using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Orders;

// Carrier and tracking number: given with the move to shipped, kept on the order, shown to the customer and to staff.
public static class OrderShipping
{
    public const int MaxLength = 100;

    public static ProblemHttpResult? Invalid(ChangeOrderStatus request, OrderStatus to)
    {
        if (request.Carrier is null && request.TrackingNumber is null) return null;
        if (to != OrderStatus.Shipped) return ApiProblem.Field("carrier", "carrier and tracking_number go only with status shipped.");
        if ((request.Carrier?.Trim().Length ?? 0) > MaxLength) return ApiProblem.Field("carrier", $"carrier may be at most {MaxLength} characters.");
        if ((request.TrackingNumber?.Trim().Length ?? 0) > MaxLength)
            return ApiProblem.Field("tracking_number", $"tracking_number may be at most {MaxLength} characters.");
        return null;
    }

    // Inside the status change's transaction; answers the note for the customer's shipped mail (carrier and number first).
    public static async Task<string> SetAsync(AfyaDb db, OrderChanges changes, Guid id, Guid customer, ChangeOrderStatus request, string note, CancellationToken ct)
    {
        var carrier = Blank(request.Carrier);
        var tracking = Blank(request.TrackingNumber);
        if (carrier is null && tracking is null) return note;
        await changes.UpdateAsync(db, id, o => true, u => u.SetProperty(o => o.Carrier, carrier).SetProperty(o => o.TrackingNumber, tracking), ct, customer);
        return string.Join(" ", new[] { carrier, tracking is null ? null : "tracking number " + tracking, note }.Where(x => !string.IsNullOrWhiteSpace(x)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
