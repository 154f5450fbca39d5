using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Payments;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin;

// What the console's order pages change, each through the handler the API's admin route runs (the order state
// machine, the cash rule, the payments module's refunds), with the change and its before/after in the staff audit log.
public sealed record OrderActions(CurrentUser Me, AfyaDb Db, OrderFlow Flow, IOutbox Outbox, IOrderPayments OrderPayments, MpesaRefunds Refunds,
    IOptions<OrderOptions> Options, TimeProvider Clock)
{
    public const string ObjectType = "orders";

    public record struct State(string Status, string PaymentStatus);

    public async Task<ProblemHttpResult?> ChangeStatusAsync(Guid id, string? status, string? note, string action, CancellationToken ct,
        string? carrier = null, string? trackingNumber = null)
    {
        var before = await StateAsync(id, ct);
        var result = await AdminOrders.ChangeStatus(id, new ChangeOrderStatus(status, note, carrier, trackingNumber), Me, Db, Flow, Outbox, Options, ct);
        return await AuditAsync(id, action, before, result.Result as ProblemHttpResult, new { status, note, carrier, tracking_number = trackingNumber }, ct);
    }

    public async Task<ProblemHttpResult?> ConfirmCashAsync(Guid id, string? reference, CancellationToken ct)
    {
        var before = await StateAsync(id, ct);
        var result = await AdminOrders.MarkPaid(id, new MarkOrderPaid(reference, null), Me, Db, OrderPayments, Options, ct);
        return await AuditAsync(id, "order.confirm_cash", before, result.Result as ProblemHttpResult, new { reference }, ct);
    }

    // Money back: an M-Pesa payment through the payments module's refund (Daraja reversal); cash handed back at the
    // desk is recorded by the state machine's refund move.
    public async Task<ProblemHttpResult?> RefundAsync(Guid id, string? note, CancellationToken ct)
    {
        var paid = await Db.Set<MpesaTransaction>().AsNoTracking()
            .Where(t => t.OrderId == id && t.Status == MpesaStatus.Succeeded).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (paid is null) return await ChangeStatusAsync(id, "refunded", note, "order.refund", ct);
        var before = await StateAsync(id, ct);
        var result = await AdminPayments.Refund(paid.Value, new RefundRequest(null, note), Me, Db, Refunds, OrderPayments, Clock, ct);
        return await AuditAsync(id, "order.refund_mpesa", before, result.Result as ProblemHttpResult, new { note, transaction = paid }, ct);
    }

    private async Task<State?> StateAsync(Guid id, CancellationToken ct) =>
        await Db.Set<Order>().AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.Status, o.PaymentStatus }).FirstOrDefaultAsync(ct) is { } o
            ? new State(OrderFlow.Name(o.Status), OrderFlow.Name(o.PaymentStatus)) : null;

    private async Task<ProblemHttpResult?> AuditAsync(Guid id, string action, State? before, ProblemHttpResult? problem, object asked, CancellationToken ct)
    {
        Db.ChangeTracker.Clear();
        var after = problem is null ? await StateAsync(id, ct) : null;
        StaffAudit.Add(Db, Me, Clock, StaffAudit.ConsoleSurface, action, ObjectType, id.ToString(), before,
            problem is null ? after : new { refused = (problem.ProblemDetails.Extensions.TryGetValue("code", out var code) ? code : null), asked }, problem?.StatusCode ?? 200);
        await Db.SaveChangesAsync(ct);
        return problem;
    }
}
