using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Auth;

namespace Afya.Api.Modules.Payments;

// Who reads which M-Pesa push, as a filter on the query that loads it: the user who started it, and staff (admins).
// Anyone else finds nothing (404). Pushes for an order are also read through the order (MpesaReads.ForOrder), where
// the Orders module decides who sees it.
public static class TransactionAccess
{
    public static IQueryable<MpesaTransaction> VisibleTo(this IQueryable<MpesaTransaction> transactions, CurrentUser me)
    {
        if (me.IsInRole(Roles.Admin)) return transactions;
        var id = me.Id;
        return transactions.Where(t => t.UserId == id);
    }
}
