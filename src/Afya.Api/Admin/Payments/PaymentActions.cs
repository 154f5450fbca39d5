using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments;
using Afya.Api.Modules.Payments.Contracts;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;

namespace Afya.Api.Admin.Payments;

// What the console's payment pages change, each through the payments module's staff handler (the review queue's
// conditional moves, its refunds through Daraja, its settings with secrets encrypted), each in the staff audit log.
public sealed record PaymentActions(ConsoleAudit Audit, CurrentUser Me, AfyaDb Db, IOrderPayments Orders, IEnumerable<IMpesaSettlementListener> Listeners,
    MpesaRefunds Refunds, MpesaSettingsSource Settings, IHostEnvironment Host, TimeProvider Clock)
{
    public const string ObjectType = "payments";

    // The API's settings route is /api/v1/payments/mpesa/config: its audit entries are filed under "payments" with no id.
    public const string SettingsType = "payments";

    public record PaymentState(string Status, long RefundedAmount);

    public async Task<ProblemHttpResult?> AcceptAsync(Guid id, string? note, CancellationToken ct)
    {
        var before = await StateAsync(id, ct);
        var result = await AdminPayments.Accept(id, new ReviewRequest(note), Me, Db, Orders, Listeners, Clock, ct);
        return await Audit.RecordAsync("payment.accept", ObjectType, id.ToString(), before, result, () => StateAsync(id, ct), new { note }, ct);
    }

    public async Task<ProblemHttpResult?> RejectAsync(Guid id, string? note, CancellationToken ct)
    {
        var before = await StateAsync(id, ct);
        var result = await AdminPayments.Reject(id, new ReviewRequest(note), Me, Db, Orders, Listeners, Clock, ct);
        return await Audit.RecordAsync("payment.reject", ObjectType, id.ToString(), before, result, () => StateAsync(id, ct), new { note }, ct);
    }

    public async Task<ProblemHttpResult?> RefundAsync(Guid id, decimal? amount, string? note, CancellationToken ct)
    {
        var before = await StateAsync(id, ct);
        var result = await AdminPayments.Refund(id, new RefundRequest(amount, note), Me, Db, Refunds, Orders, Clock, ct);
        return await Audit.RecordAsync("payment.refund", ObjectType, id.ToString(), before, result, () => StateAsync(id, ct), new { amount, note }, ct);
    }

    // Secrets are never in the log: StaffAudit masks every field named like one.
    public async Task<ProblemHttpResult?> ConfigureAsync(MpesaConfigRequest request, CancellationToken ct)
    {
        var result = await MpesaConfig.Post(request, Db, Settings, Host, Clock, ct);
        return await Audit.RecordAsync("mpesa.configure", SettingsType, "", null, result, () => Task.FromResult<object?>(new { changed = request }), request, ct);
    }

    private async Task<object?> StateAsync(Guid id, CancellationToken ct) =>
        await Db.Set<MpesaTransaction>().AsNoTracking().Where(t => t.Id == id).Select(t => new { t.Status, t.RefundedAmount }).FirstOrDefaultAsync(ct)
            is { } s ? new PaymentState(s.Status.ToString().ToLowerInvariant(), s.RefundedAmount) : null;
}
