using System.Linq.Expressions;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Orders;

// A customer's own orders (the list's first page, and each order with its lines and timeline) are kept under Of(customer).
// Every write to an order evicts that tag once it has committed: rows the change tracker saves through the rules below (a
// new order, its lines, a timeline entry), statements it does not see through OrderChanges.UpdateAsync, the one place an
// order's row is updated. A line or timeline entry saved without its customer evicts every customer's orders (All):
// exact, only coarser.
public static class OrderTags
{
    public const string All = "orders";

    public static string Of(Guid customer) => "orders-of:" + customer.ToString("N");

    internal static IServiceCollection AddOrderCacheTags(this IServiceCollection services) => services
        .AddCacheTags<Order>(All, (o, _) => [Of(o.UserId)])
        .AddCacheTags<OrderItem>(All, (i, _) => [i.Customer is { } c ? Of(c) : All])
        .AddCacheTags<OrderEvent>(All, (e, _) => [e.Customer is { } c ? Of(c) : All]);
}

// The one way an order's row changes outside the change tracker (status, payment, invoice, carrier): a conditional
// statement whose customer's kept orders go when it commits.
public sealed class OrderChanges(CacheEvictions evictions)
{
    // The customer whose order changed (null: no row matched), given by a caller that knows it or else read in the
    // caller's transaction (one lookup by key).
    public async Task<Guid?> UpdateAsync(AfyaDb db, Guid orderId, Expression<Func<Order, bool>> condition, Action<UpdateSettersBuilder<Order>> set,
        CancellationToken ct, Guid? customer = null)
    {
        if (await db.Set<Order>().Where(o => o.Id == orderId).Where(condition).ExecuteUpdateAsync(set, ct) == 0) return null;
        var changed = customer ?? await CustomerAsync(db, orderId, ct);
        evictions.AfterCommit(db, OrderTags.All, [OrderTags.Of(changed)]);
        return changed;
    }

    // A new order, its lines and its timeline as three statements of the caller's batch (PostgreSQL) instead of the change
    // tracker's save, with the number the batch's nextval gives (number.Sql). The lines' ids come back in the order they
    // were inserted (identity values rise row by row); the returned action gives them to the lines once the batch has run.
    public Action Insert(AfyaDb db, StatementBatch batch, Order o, StatementBatch.LateText number)
    {
        batch.Add("INSERT INTO orders_orders (id, number, user_id, status, payment_status, payment_method, full_name, email, phone, mpesa_phone, "
            + "shipping_address, city, county, postal_code, shipping_address_json, billing_address_json, notes, prescription_id, subtotal_minor, "
            + "shipping_minor, discount_minor, coupon_code, total_minor, currency, invoice_number, payment_reference, paid_at, carrier, tracking_number, "
            + $"created_at, updated_at) VALUES ($1, {number.Sql}, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
            + "$21, $22, $23, $24, $25, $26::timestamptz, $27, $28, $29, $30)",
            o.Id, o.UserId, o.Status.ToString(), o.PaymentStatus.ToString(), o.PaymentMethod.ToString(), o.FullName, o.Email, o.Phone, o.MpesaPhone,
            o.ShippingAddress, o.City, o.County, o.PostalCode, o.ShippingAddressJson, o.BillingAddressJson, o.Notes, o.PrescriptionId, o.SubtotalMinor,
            o.ShippingMinor, o.DiscountMinor, o.CouponCode, o.TotalMinor, o.Currency, o.InvoiceNumber, o.PaymentReference, o.PaidAt, o.Carrier,
            o.TrackingNumber, o.CreatedAt, o.UpdatedAt);
        var items = o.Items;
        var ids = batch.AddQuery("INSERT INTO orders_items (order_id, product_id, service_id, variant_id, name, variant_name, sku, attributes_json, "
            + "unit_price_minor, quantity, line_total_minor) SELECT $1, p, s, v, n, vn, k, a, u, q, t FROM unnest($2::uuid[], $3::integer[], "
            + "$4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::integer[], $11::bigint[]) WITH ORDINALITY "
            + "AS line(p, s, v, n, vn, k, a, u, q, t, position) ORDER BY position RETURNING id",
            o.Id, items.Select(i => i.ProductId).ToArray(), items.Select(i => i.ServiceId).ToArray(), items.Select(i => i.VariantId).ToArray(),
            items.Select(i => i.Name).ToArray(), items.Select(i => i.VariantName).ToArray(), items.Select(i => i.Sku).ToArray(),
            items.Select(i => i.AttributesJson).ToArray(), items.Select(i => i.UnitPriceMinor).ToArray(), items.Select(i => i.Quantity).ToArray(),
            items.Select(i => i.LineTotalMinor).ToArray());
        var events = o.Timeline;
        batch.Add("INSERT INTO orders_events (order_id, at, kind, \"from\", \"to\", \"by\", note) "
            + "SELECT $1, * FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])",
            o.Id, events.Select(e => e.At).ToArray(), events.Select(e => e.Kind).ToArray(), events.Select(e => e.From).ToArray(),
            events.Select(e => e.To).ToArray(), events.Select(e => e.By).ToArray(), events.Select(e => e.Note).ToArray());
        // What the change tracker's rules (OrderTags) would evict for these rows: the buyer's kept orders.
        evictions.AfterCommit(db, OrderTags.All, [OrderTags.Of(o.UserId)]);
        return () =>
        {
            var given = ids.Values.Cast<int>().Order().ToList();
            if (given.Count != items.Count) throw new InvalidOperationException($"The batch gave {given.Count} line ids for {items.Count} lines.");
            for (var i = 0; i < items.Count; i++) items[i].Id = given[i];
        };
    }

    public static Task<Guid> CustomerAsync(AfyaDb db, Guid orderId, CancellationToken ct) =>
        db.Set<Order>().Where(o => o.Id == orderId).Select(o => o.UserId).FirstOrDefaultAsync(ct);
}

// The reads kept: a customer's own order (staff reading any order read the database) and the first page of their list.
// Immutable by contract, so the node's memory hands out the instance instead of a copy per read.
public sealed class OwnOrders(AfyaCache cache, IOptions<OrderOptions> options)
{
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record KeptOrder(OrderResponse? Order);

    [System.ComponentModel.ImmutableObject(true)]
    public sealed record KeptPage(IReadOnlyList<OrderSummary> Rows, int Total);

    public bool Enabled => options.Value.OwnCacheSeconds > 0;

    public async Task<OrderResponse?> OneAsync(Guid customer, Guid id, Func<CancellationToken, Task<OrderResponse?>> load, CancellationToken ct) =>
        (await cache.GetOrCreateAsync($"order:{customer:N}:{id:N}", async c => new KeptOrder(await load(c)), Lifetime,
            [OrderTags.All, OrderTags.Of(customer)], ct: ct)).Order;

    public ValueTask<KeptPage> FirstPageAsync(Guid customer, int size, Func<CancellationToken, Task<KeptPage>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync($"orders-of:{customer:N}:{size}", async c => await load(c), Lifetime, [OrderTags.All, OrderTags.Of(customer)], ct: ct);

    private TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.OwnCacheSeconds);
}
