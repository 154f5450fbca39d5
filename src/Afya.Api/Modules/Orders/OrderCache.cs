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
