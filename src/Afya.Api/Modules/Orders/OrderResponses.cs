using System.Text.Json;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform;

namespace Afya.Api.Modules.Orders;

// A service line has no product_id but a service_id; its attributes carry for_product_id, preferred_at and notes.
public sealed record OrderItemResponse(int Id, Guid? ProductId, int? VariantId, string ProductName, string? VariantName, string? Sku,
    IReadOnlyDictionary<string, string> Attributes, decimal UnitPrice, int Quantity, decimal LineTotal)
{
    public int? ServiceId { get; init; }
}

public sealed record OrderEventResponse(DateTime At, string Kind, string? From, string To, string By, string Note);

public sealed record OrderResponse(
    Guid Id, string OrderNumber, OrderStatus Status, PaymentStatus PaymentStatus, PaymentMethod PaymentMethod,
    string FullName, string Email, string Phone, string? MpesaPhone, string ShippingAddress, string City, string County,
    JsonElement? ShippingAddressDetail, JsonElement? BillingAddress, string Notes, string? PrescriptionId,
    IReadOnlyList<OrderItemResponse> Items, decimal Subtotal, decimal ShippingCost, decimal Total, string Currency,
    string? InvoiceNumber, string? PaymentReference, DateTime? PaidAt, DateTime? PaymentDueAt, string? Carrier, string? TrackingNumber,
    IReadOnlyList<OrderEventResponse> Timeline, DateTime CreatedAt, DateTime UpdatedAt)
{
    // What a coupon took off the subtotal, and its code.
    public decimal Discount { get; init; }
    public string? CouponCode { get; init; }

    public static OrderResponse From(Order o, int paymentWindowMinutes) => new(
        o.Id, o.Number, o.Status, o.PaymentStatus, o.PaymentMethod, o.FullName, o.Email, o.Phone, o.MpesaPhone, o.ShippingAddress, o.City, o.County,
        Parse(o.ShippingAddressJson), Parse(o.BillingAddressJson), o.Notes, o.PrescriptionId,
        o.Items.OrderBy(i => i.Id).Select(i => new OrderItemResponse(i.Id, i.ServiceId is null ? i.ProductId : null, i.VariantId == 0 ? null : i.VariantId, i.Name, i.VariantName, i.Sku,
            JsonSerializer.Deserialize<Dictionary<string, string>>(i.AttributesJson) ?? [], Money.ToDecimal(i.UnitPriceMinor), i.Quantity,
            Money.ToDecimal(i.LineTotalMinor)) { ServiceId = i.ServiceId }).ToList(),
        Money.ToDecimal(o.SubtotalMinor), Money.ToDecimal(o.ShippingMinor), Money.ToDecimal(o.TotalMinor), o.Currency,
        o.InvoiceNumber, o.PaymentReference, o.PaidAt,
        o.PaymentMethod == PaymentMethod.Mpesa && o.Status == OrderStatus.Pending && o.PaymentStatus != PaymentStatus.Paid
            ? o.CreatedAt.AddMinutes(paymentWindowMinutes) : null,
        o.Carrier, o.TrackingNumber,
        o.Timeline.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new OrderEventResponse(e.At, e.Kind, e.From, e.To, e.By, e.Note)).ToList(),
        o.CreatedAt, o.UpdatedAt) { Discount = Money.ToDecimal(o.DiscountMinor), CouponCode = o.CouponCode };

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

// The list shows what a customer scans: number, state, total, when.
public sealed record OrderSummary(Guid Id, string OrderNumber, OrderStatus Status, PaymentStatus PaymentStatus, PaymentMethod PaymentMethod,
    decimal Total, string Currency, int ItemCount, string FullName, Guid UserId, DateTime CreatedAt);
