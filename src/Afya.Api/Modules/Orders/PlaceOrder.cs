using System.Text.Json;
using Afya.Api.Modules.Appointments.Contracts;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Coupons.Contracts;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Phone;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Orders;

// Amazon Kenya's body (flat fields, shipping_address a string) and Dira's (shipping_address and billing_address
// objects, shipping_cost, prescription_id) in one record; the server prices shipping, whatever the client says.
public sealed record PlaceOrderRequest(
    string? FullName, string? Email, string? Phone, [DocumentedRequired] JsonElement? ShippingAddress, string? City, string? County,
    string? PaymentMethod, string? MpesaPhone, string? Notes, JsonElement? BillingAddress, JsonElement? ShippingCost, JsonElement? PrescriptionId);

public sealed record PlaceOrderServices(
    AfyaDb Db, CurrentUser Me, ICartContents Cart, IProductCatalog Catalog, IStockLedger Stock, IOutbox Outbox, IUserDirectory Users,
    IShippingFees Shipping, ICouponBook Coupons, IServiceCatalog Services, IOptions<OrderOptions> Options, TimeProvider Clock, OrderChanges Changes);

public static class PlaceOrder
{
    private static readonly string[] Unsupported = ["credit_card", "bank_transfer", "card", "paypal"];

    // Idempotency-Key is handled around this handler by the platform's filter (see OrdersEndpoints).
    public static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> Handle(
        PlaceOrderRequest request, [AsParameters] PlaceOrderServices s, CancellationToken ct)
    {
        var userId = s.Me.Id;
        if (!(await ValidateAsync(request, s, userId, ct)).TryGet(out var draft, out var problem)) return problem;
        return (await PlaceAsync(draft, s, userId, ct))
            .Then(order => TypedResults.Created($"/api/v1/orders/{order.Id}", OrderResponse.From(order, s.Options.Value.PaymentWindowMinutes)));
    }

    private sealed record Draft(string FullName, string Email, string Phone, string? MpesaPhone, string Address, string City, string County,
        string? PostalCode, string? ShippingJson, string? BillingJson, PaymentMethod Method, string Notes, string? PrescriptionId);

    private static async Task<Result<Draft>> ValidateAsync(PlaceOrderRequest r, PlaceOrderServices s, Guid userId, CancellationToken ct)
    {
        var method = r.PaymentMethod?.Trim().ToLowerInvariant();
        if (method is not null && Unsupported.Contains(method))
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "PAYMENT_METHOD_UNSUPPORTED", "This payment method is not available.",
                $"Afya takes mpesa and cash_on_delivery, not {method}.");

        var errors = new Dictionary<string, string[]>();
        Address address;
        string? shippingJson = null;
        if (r.ShippingAddress is { ValueKind: JsonValueKind.Object } structured)
        {
            address = Address.From(structured);
            shippingJson = structured.GetRawText();
        }
        else if (r.ShippingAddress is { ValueKind: JsonValueKind.String } line) address = new Address(null, null, null, line.GetString(), null, null, null);
        else
        {
            if (r.ShippingAddress is { ValueKind: not JsonValueKind.Null }) errors["shipping_address"] = ["shipping_address must be text or an address object."];
            address = new Address(null, null, null, null, null, null, null);
        }
        if (r.BillingAddress is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }) errors["billing_address"] = ["billing_address must be an address object."];

        var fullName = Clean(r.FullName) ?? address.Name ?? await s.Users.DisplayNameAsync(userId, ct);
        var email = Clean(r.Email) ?? address.Email ?? await s.Users.EmailAsync(userId, ct);
        var phone = PhoneNormalizer.Normalize(Clean(r.Phone) ?? address.Phone, "KE");
        var street = Clean(address.Street);
        var city = Clean(r.City) ?? Clean(address.City);
        var county = Clean(r.County) ?? Clean(address.County) ?? "";
        PaymentMethod? payment = method switch { "mpesa" => PaymentMethod.Mpesa, "cash_on_delivery" or "cod" => PaymentMethod.CashOnDelivery, _ => null };
        string? mpesaPhone = null;

        if (fullName.Length > 150) errors["full_name"] = ["full_name may be at most 150 characters."];
        if (email is null || !email.Contains('@', StringComparison.Ordinal) || email.Length > 254) errors["email"] = ["A valid email is required."];
        if (phone is null) errors["phone"] = ["A valid phone number is required (07XXXXXXXX or +2547XXXXXXXX)."];
        if (street is null || street.Length > 500) errors["shipping_address"] = ["shipping_address is required (at most 500 characters)."];
        if (city is null || city.Length > 100) errors["city"] = ["city is required (at most 100 characters)."];
        if (county.Length > 100) errors["county"] = ["county may be at most 100 characters."];
        if ((r.Notes?.Length ?? 0) > 2000) errors["notes"] = ["notes may be at most 2000 characters."];
        if (payment is null) errors["payment_method"] = ["payment_method must be mpesa or cash_on_delivery."];
        if (payment == PaymentMethod.Mpesa)
        {
            mpesaPhone = PhoneNormalizer.Normalize(Clean(r.MpesaPhone) ?? Clean(r.Phone) ?? address.Phone, "KE");
            if (mpesaPhone is null || !mpesaPhone.StartsWith("+254", StringComparison.Ordinal))
                errors["mpesa_phone"] = ["An M-Pesa number is a Kenyan mobile number (07XXXXXXXX, 01XXXXXXXX or 2547XXXXXXXX)."];
        }
        var prescription = r.PrescriptionId is { ValueKind: JsonValueKind.String or JsonValueKind.Number } p ? p.ToString() : null;
        if (prescription?.Length > 64) errors["prescription_id"] = ["prescription_id may be at most 64 characters."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        return new Draft(fullName, email!, phone!, mpesaPhone, street!, city!, county, address.PostalCode, shippingJson,
            r.BillingAddress is { ValueKind: JsonValueKind.Object } b ? b.GetRawText() : null, payment!.Value, r.Notes?.Trim() ?? "", prescription);
    }

    private static async Task<Result<Order>> PlaceAsync(Draft d, PlaceOrderServices s, Guid userId, CancellationToken ct)
    {
        var (cart, known) = await CheckoutCart.ReadAsync(s.Db, s.Cart, s.Catalog, userId, ct);
        var (lines, serviceLines, coupon) = (cart.Lines, cart.Services, cart.CouponCode);
        if (lines.Count == 0 && serviceLines.Count == 0)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "CART_EMPTY", "The cart is empty.", "Add items to the cart before checking out.");
        if (lines.FirstOrDefault(l => !known.ContainsKey((l.ProductId, l.VariantId))) is { } gone)
            return OutOfStock(gone.ProductId, gone.VariantId, "An item in the cart", 0);
        var offers = (await s.Services.FindAsync(serviceLines.Select(l => l.ServiceId).Distinct().ToList(), ct)).ToDictionary(o => o.Id);
        if (serviceLines.FirstOrDefault(l => !offers.TryGetValue(l.ServiceId, out var o) || !o.IsActive) is { } off)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "SERVICE_INACTIVE", "A service in the cart is not on sale any more.",
                "Remove it from the cart to check out.", new Dictionary<string, object?> { ["service_id"] = off.ServiceId, ["item_id"] = off.ItemId });

        var db = s.Db;
        var now = s.Clock.GetUtcNow().UtcDateTime;
        var prefix = $"{s.Options.Value.OrderPrefix}-{now.Year}-";
        var order = NewOrder(d, lines, serviceLines, known, offers, userId, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stock = lines.Select(l => new StockLine(l.ProductId, l.VariantId, l.Quantity)).ToList();
        StockLine? shortLine;
        bool emptied;
        long? number = null;
        Action? inserted = null;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // The stock, the cart and the order number in one round trip instead of three (StatementBatch).
            var batch = new StatementBatch();
            var take = s.Stock.Take(db, batch, stock);
            var empty = s.Cart.Empty(db, batch, userId, cart);
            var next = OrderNumbers.Next(batch);
            // Without a coupon nothing the order holds waits for the stock: its rows and its mail ride in the same round
            // trip, rolled back with the rest if a line is short or the cart changed. A coupon is redeemed after the stock
            // is taken and changes the totals, so that order is saved once it is known, as on SQLite.
            if (coupon is null)
            {
                await PriceAsync(order, d, s, userId, now, ct);
                var late = OrderNumbers.Late(prefix);
                order.Number = late.Token;
                inserted = s.Changes.Insert(db, batch, order, late);
                s.Outbox.Enqueue(db, batch, OrderMail.Placed(order), late);
            }
            await batch.ExecuteAsync(db, ct);
            (shortLine, emptied) = (take(), empty());
            if (shortLine is null) number = next();
        }
        else
        {
            shortLine = await s.Stock.TryTakeAsync(db, stock, ct);
            emptied = shortLine is null && await s.Cart.TryEmptyAsync(db, userId, cart, ct);
        }
        if (shortLine is not null)
        {
            await tx.RollbackAsync(ct);
            var item = known[(shortLine.ProductId, shortLine.VariantId)];
            var available = await s.Catalog.PurchasableAsync([(shortLine.ProductId, shortLine.VariantId)], ct) is [var current, ..] ? current.Stock : 0;
            return OutOfStock(item.ProductId, item.VariantId, item.VariantName is null ? item.Name : $"{item.Name} ({item.VariantName})", available);
        }
        if (!emptied)
        {
            await tx.RollbackAsync(ct);
            return ApiProblem.Conflict("CART_CHANGED", "The cart changed during checkout; review it and try again.");
        }
        order.Number = OrderNumbers.Format(prefix, number ?? await OrderNumbers.NextAsync(db, now.Year, ct));
        if (inserted is not null)
        {
            inserted();
            await tx.CommitAsync(ct);
            return order;
        }

        if (coupon is not null)
        {
            // Refused rather than charged more than the cart showed: the buyer sees why and decides.
            var quote = await s.Coupons.RedeemAsync(db, coupon, userId, order.Id, order.SubtotalMinor, ct);
            if (!quote.Applies)
            {
                await tx.RollbackAsync(ct);
                return ApiProblem.Of(quote.Status, quote.RefusalCode!, quote.Refusal!, $"{quote.Refusal} Remove the coupon from the cart to check out without it.",
                    new Dictionary<string, object?> { ["coupon_code"] = quote.Code });
            }
            order.DiscountMinor = quote.DiscountMinor;
            order.CouponCode = quote.Code;
        }
        await PriceAsync(order, d, s, userId, now, ct);
        db.Add(order);
        s.Outbox.Enqueue(db, OrderMail.Placed(order));
        // A failed save ends this transaction, so EF's savepoint around it (two more round trips on every checkout,
        // 8 % of checkout's time on PostgreSQL: docs/PERFORMANCE.md) would never be rolled back to.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
        await tx.CommitAsync(ct);
        return order;
    }

    // The order as the cart and the catalog describe it: lines, subtotal, currency; not yet its number, discount or shipping.
    private static Order NewOrder(Draft d, IReadOnlyList<CartLineRef> lines, IReadOnlyList<CartServiceRef> serviceLines,
        Dictionary<(Guid, int), PurchasableItem> known, Dictionary<int, ServiceOffer> offers, Guid userId, DateTime now)
    {
        var order = new Order
        {
            Number = "", UserId = userId, PaymentMethod = d.Method, FullName = d.FullName, Email = d.Email, Phone = d.Phone, MpesaPhone = d.MpesaPhone,
            ShippingAddress = d.Address, City = d.City, County = d.County, PostalCode = d.PostalCode, ShippingAddressJson = d.ShippingJson,
            BillingAddressJson = d.BillingJson, Notes = d.Notes, PrescriptionId = d.PrescriptionId, CreatedAt = now, UpdatedAt = now,
            Currency = lines.Count > 0 ? known[(lines[0].ProductId, lines[0].VariantId)].Currency : offers[serviceLines[0].ServiceId].Currency,
        };
        foreach (var l in lines)
        {
            var p = known[(l.ProductId, l.VariantId)];
            order.Items.Add(new OrderItem
            {
                ProductId = p.ProductId, VariantId = p.VariantId, Name = p.Name, VariantName = p.VariantName, Sku = p.Sku,
                AttributesJson = JsonSerializer.Serialize(p.Attributes), UnitPriceMinor = p.UnitPriceMinor, Quantity = l.Quantity,
                LineTotalMinor = p.UnitPriceMinor * l.Quantity,
            });
        }
        foreach (var l in serviceLines) order.Items.Add(ServiceLine(l, offers[l.ServiceId]));
        order.SubtotalMinor = order.Items.Sum(i => i.LineTotalMinor);
        return order;
    }

    // Shipping, the total and the first timeline entry, once the discount is known.
    private static async Task PriceAsync(Order order, Draft d, PlaceOrderServices s, Guid userId, DateTime now, CancellationToken ct)
    {
        // The cart's rule: the zone of the shipping city or county, else the flat fee; services alone ship nothing.
        if (order.Items.Any(i => i.ServiceId is null))
            order.ShippingMinor = (await s.Shipping.QuoteAsync(d.City, d.County, order.SubtotalMinor - order.DiscountMinor, ct)).Fee.Minor;
        order.TotalMinor = order.SubtotalMinor - order.DiscountMinor + order.ShippingMinor;
        order.Timeline.Add(new OrderEvent { At = now, Kind = "status", To = "pending", By = userId.ToString(), Note = "Order placed.", Customer = userId });
        // Whose kept orders the new rows change (OrderTags): the buyer's alone.
        foreach (var item in order.Items) item.Customer = userId;
    }

    // A service sells no stock (ProductId stays empty); what it is for and when the customer wants it ride in the attributes.
    private static OrderItem ServiceLine(CartServiceRef l, ServiceOffer offer)
    {
        var attributes = new Dictionary<string, string> { ["kind"] = "service" };
        if (l.ForProductId is { } product) attributes["for_product_id"] = product.ToString();
        if (l.PreferredAt is { } when) attributes["preferred_at"] = when.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (l.Notes is { } notes) attributes["notes"] = notes;
        return new OrderItem
        {
            ServiceId = offer.Id, Name = offer.Name, AttributesJson = JsonSerializer.Serialize(attributes), UnitPriceMinor = offer.PriceMinor, Quantity = l.Quantity,
            LineTotalMinor = offer.PriceMinor * l.Quantity,
        };
    }

    private static ProblemHttpResult OutOfStock(Guid productId, int variantId, string name, int available) => ApiProblem.Of(
        StatusCodes.Status409Conflict, "OUT_OF_STOCK", "Not enough stock.",
        available == 0 ? $"{name} is out of stock." : $"Only {available} of {name} left.",
        new Dictionary<string, object?> { ["product_id"] = productId, ["variant_id"] = variantId == 0 ? null : variantId, ["item"] = name, ["available_quantity"] = available });

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Dira's address objects, read leniently: its storefront and backend name some fields differently.
    private sealed record Address(string? Name, string? Email, string? Phone, string? Street, string? City, string? County, string? PostalCode)
    {
        public static Address From(JsonElement a)
        {
            string? Get(params string[] names)
            {
                foreach (var n in names)
                    if (a.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())) return v.GetString()!.Trim();
                return null;
            }
            var name = Get("full_name", "name") ?? (Get("first_name") is { } f ? $"{f} {Get("last_name")}".Trim() : null);
            var street = Get("address_line1", "address_line_1", "street_address", "street", "address", "line1");
            if (street is not null && Get("address_line2", "address_line_2", "line2") is { } second) street = $"{street}, {second}";
            return new Address(name, Get("email"), Get("phone", "phone_number"), street, Get("city", "town"), Get("county", "state", "region"),
                Get("postal_code", "zip_code", "postcode"));
        }
    }
}
