using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Orders;

public sealed class DetailsModel(AfyaDb db, OrderActions actions) : PageModel
{
    public Order Order { get; private set; } = null!;
    public List<MpesaTransaction> Payments { get; private set; } = [];
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public string Tab { get; private set; } = "details";

    // What was typed into the ship form, shown again beside its field errors.
    public string? Carrier { get; private set; }
    public string? Tracking { get; private set; }
    public IEnumerable<OrderStatus> NextStatuses =>
        Enum.GetValues<OrderStatus>().Where(s => OrderFlow.Allowed(Order.Status, s, Order.PaymentStatus) && s is not OrderStatus.Shipped and not OrderStatus.Refunded);

    public async Task<IActionResult> OnGetAsync(Guid id, string? tab, CancellationToken ct)
    {
        if (await OrderQueries.LoadAsync(db, id, ct) is not { } order) return NotFound();
        Order = order;
        Tab = tab == "history" ? "history" : "details";
        Payments = await db.Set<MpesaTransaction>().AsNoTracking().Where(t => t.OrderId == id).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        if (Tab == "history") History = await ConsoleHistory.ForAsync(db, OrderActions.ObjectType, id.ToString(), ct);
        return Page();
    }

    public Task<IActionResult> OnPostStatusAsync(Guid id, string? status, string? note, CancellationToken ct) =>
        Done(id, actions.ChangeStatusAsync(id, status, note, "order.status", ct), "Status changed.", ct);

    public Task<IActionResult> OnPostCashAsync(Guid id, string? reference, CancellationToken ct) =>
        Done(id, actions.ConfirmCashAsync(id, reference, ct), "Cash payment recorded.", ct);

    // Shipping is the state machine's move to shipped; the carrier and tracking number travel in its note, which
    // the timeline shows and the customer's shipping mail quotes.
    public async Task<IActionResult> OnPostShipAsync(Guid id, string? carrier, string? tracking, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(carrier)) ModelState.AddModelError("carrier", "Name the carrier.");
        else if (carrier.Trim().Length > 100) ModelState.AddModelError("carrier", "The carrier may be at most 100 characters.");
        if (string.IsNullOrWhiteSpace(tracking)) ModelState.AddModelError("tracking", "Enter the tracking number.");
        else if (tracking.Trim().Length > 100) ModelState.AddModelError("tracking", "The tracking number may be at most 100 characters.");
        (Carrier, Tracking) = (carrier, tracking);
        if (!ModelState.IsValid) return await OnGetAsync(id, null, ct);
        return await Done(id, actions.ChangeStatusAsync(id, "shipped", null, "order.ship", ct, carrier, tracking), "Marked shipped.", ct);
    }

    public Task<IActionResult> OnPostRefundAsync(Guid id, string? note, CancellationToken ct) =>
        Done(id, actions.RefundAsync(id, note, ct), "Refund recorded.", ct);

    private async Task<IActionResult> Done(Guid id, Task<ProblemHttpResult?> change, string message, CancellationToken ct)
    {
        if (await change is { } problem)
        {
            ModelState.AddProblem(problem);
            db.ChangeTracker.Clear();
            return await OnGetAsync(id, null, ct);
        }
        TempData["Message"] = message;
        return Redirect($"/admin/orders/{id}");
    }
}
