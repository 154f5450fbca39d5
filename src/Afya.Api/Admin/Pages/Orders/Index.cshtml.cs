using Afya.Api.Admin.Lists;
using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Orders;

public sealed record OrderRow(string Number, DateTime CreatedAt, string Customer, string Email, string Status, string PaymentStatus,
    string PaymentMethod, decimal Total, string Currency, Guid Id, string? Carrier = null, string? TrackingNumber = null);

public sealed class IndexModel(AfyaDb db, OrderActions actions, IOptions<ConsoleOptions> options) : PageModel
{
    public static readonly IReadOnlyList<SortColumn<Order>> Sorts =
    [
        SortColumn<Order>.By("created", "Placed", o => o.CreatedAt),
        SortColumn<Order>.By("number", "Number", o => o.Number),
        SortColumn<Order>.By("total", "Total", o => o.TotalMinor),
        SortColumn<Order>.By("status", "Status", o => o.Status),
    ];

    // Moves staff may make on many orders at once; each order still goes through the state machine.
    public static readonly string[] BulkMoves = ["confirmed", "processing", "delivered", "cancelled"];

    public ListState State { get; private set; } = null!;
    public ListPage<OrderRow>? Orders { get; private set; }
    public List<OrderRow>? ToConfirm { get; private set; }
    public string? BulkStatus { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        if (!AdminOrders.Filter(Request.Query, db).TryGet(out var filtered, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        // The page's ids over the sort's index, with a count that stops at 10,000; then only those 50 orders.
        var ids = await ConsoleList.PageKeysAsync(filtered, State, Sorts, o => o.Id, options.Value.ListCountCap, ct);
        var chosen = ids.Rows.ToList();
        var rows = await db.Set<Order>().AsNoTracking().Where(o => chosen.Contains(o.Id)).ToListAsync(ct);
        Orders = new ListPage<OrderRow>(ConsoleList.InOrder(rows, chosen, o => o.Id).Select(Row).ToList(), ids.Total, State, ids.Page, ids.AtLeast);
        return Page();
    }

    // The CSV of exactly what the filters select, in the list's order, every page of it.
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        if (!AdminOrders.Filter(Request.Query, db).TryGet(out var filtered, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        var rows = ConsoleList.Sorted(filtered, State, Sorts, o => o.Id).AsAsyncEnumerable().Select(Row);
        await ConsoleList.WriteCsvAsync(Response, "orders.csv", CsvHeader, rows, CsvCells, ct);
        return new EmptyResult();
    }

    // First post: what would change, to confirm. Second post (confirm=yes): each order moved, each result reported.
    public async Task<IActionResult> OnPostBulkAsync(Guid[] ids, string? status, string? confirm, CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        if (ids.Length == 0 || status is null || !BulkMoves.Contains(status))
        {
            TempData["Message"] = "Choose one or more orders and what to do with them.";
            return Redirect(State.With("/admin/orders"));
        }
        if (confirm != "yes")
        {
            BulkStatus = status;
            ToConfirm = (await db.Set<Order>().AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Number).ToListAsync(ct)).Select(Row).ToList();
            return await OnGetAsync(ct);
        }
        var moved = 0;
        var refused = new List<string>();
        foreach (var id in ids.Distinct())
        {
            var problem = await actions.ChangeStatusAsync(id, status, "Bulk change in the staff console", "order.bulk_status", ct);
            if (problem is null) moved++;
            else refused.Add(problem.ProblemDetails.Title ?? "refused");
        }
        TempData["Message"] = $"{moved} order(s) moved to {status}." + (refused.Count > 0 ? $" {refused.Count} refused: {string.Join("; ", refused.Distinct())}" : "");
        return Redirect(State.With("/admin/orders"));
    }

    public static readonly string[] CsvHeader = ["number", "created_at", "customer", "email", "status", "payment_status", "payment_method", "total", "currency", "id", "carrier", "tracking_number"];

    private static string[] CsvCells(OrderRow o) =>
    [
        o.Number, o.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), o.Customer, o.Email, o.Status,
        o.PaymentStatus, o.PaymentMethod, o.Total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), o.Currency, o.Id.ToString(),
        o.Carrier ?? "", o.TrackingNumber ?? "",
    ];

    public static OrderRow Row(Order o) => new(o.Number, o.CreatedAt, o.FullName, o.Email, OrderFlow.Name(o.Status), OrderFlow.Name(o.PaymentStatus),
        o.PaymentMethod == PaymentMethod.Mpesa ? "mpesa" : "cash_on_delivery", Money.ToDecimal(o.TotalMinor, o.Currency), o.Currency, o.Id, o.Carrier, o.TrackingNumber);
}
