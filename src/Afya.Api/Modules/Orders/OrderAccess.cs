using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform.Auth;

namespace Afya.Api.Modules.Orders;

// The one statement of who reaches which order, as a filter on the query that loads it, so a stranger's request finds
// nothing and answers 404 (never a 403 that would confirm the order exists):
// - its customer sees, pays and cancels it;
// - staff (admins) see it and push its payment, as they serve every customer, but move it only through the admin routes.
public static class OrderAccess
{
    public static IQueryable<Order> VisibleTo(this IQueryable<Order> orders, CurrentUser me)
    {
        if (IsStaff(me)) return orders;
        var id = me.Id;
        return orders.Where(o => o.UserId == id);
    }

    public static IQueryable<Order> OwnedBy(this IQueryable<Order> orders, CurrentUser me)
    {
        var id = me.Id;
        return orders.Where(o => o.UserId == id);
    }

    // VisibleTo's rule as a value, for the compiled one-order read (OrderQueries.LoadVisibleAsync): staff reach every order.
    public static bool ReachesEveryOrder(this CurrentUser me) => IsStaff(me);

    private static bool IsStaff(CurrentUser me) => me.IsInRole(Roles.Admin);
}
