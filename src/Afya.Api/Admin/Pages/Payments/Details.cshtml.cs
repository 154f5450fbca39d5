using System.Globalization;
using System.Text.Json;
using Afya.Api.Admin.Payments;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Payments;

public sealed class DetailsModel(AfyaDb db, PaymentActions actions) : PageModel
{
    public MpesaTransaction Payment { get; private set; } = null!;
    public List<MpesaRefund> Refunds { get; private set; } = [];
    public List<MpesaReview> Reviews { get; private set; } = [];
    public List<MpesaInboxEntry> Inbox { get; private set; } = [];
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public string Tab { get; private set; } = "details";
    public bool UnderReview => Payment.Status == MpesaStatus.Flagged;
    public bool Refundable => Payment.Status is MpesaStatus.Succeeded or MpesaStatus.Flagged && Payment.RefundedAmount < Payment.Amount;

    public async Task<IActionResult> OnGetAsync(Guid id, string? tab, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await db.Set<MpesaTransaction>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } payment) return NotFound();
        Payment = payment;
        Tab = tab == "history" ? "history" : "details";
        Refunds = await db.Set<MpesaRefund>().AsNoTracking().Where(r => r.TransactionId == id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        Reviews = await db.Set<MpesaReview>().AsNoTracking().Where(r => r.TransactionId == id).OrderBy(r => r.At).ToListAsync(ct);
        if (payment.CheckoutRequestId is { } checkout)
            Inbox = await db.Set<MpesaInboxEntry>().AsNoTracking().Where(e => e.CheckoutRequestId == checkout).OrderBy(e => e.ReceivedAt).ToListAsync(ct);
        if (Tab == "history") History = await ConsoleHistory.ForAsync(db, PaymentActions.ObjectType, id.ToString(), ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, string? note, CancellationToken ct) => Done(id, actions.AcceptAsync(id, note, ct), "Payment accepted.", ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? note, CancellationToken ct) => Done(id, actions.RejectAsync(id, note, ct), "Payment rejected.", ct);

    public async Task<IActionResult> OnPostRefundAsync(Guid id, string? amount, string? note, CancellationToken ct)
    {
        decimal? shillings = null;
        if (!string.IsNullOrWhiteSpace(amount))
        {
            if (decimal.TryParse(amount.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a)) shillings = a;
            else
            {
                ModelState.AddModelError("amount", "amount is a whole number of shillings, at least 1.");
                return await OnGetAsync(id, null, ct);
            }
        }
        return await Done(id, actions.RefundAsync(id, shillings, note, ct), "Refund sent to M-Pesa.", ct);
    }

    private async Task<IActionResult> Done(Guid id, Task<ProblemHttpResult?> change, string message, CancellationToken ct)
    {
        if (await change is { } problem)
        {
            ModelState.AddProblem(problem);
            return await OnGetAsync(id, null, ct);
        }
        TempData["Message"] = message;
        return Redirect($"/admin/payments/{id}");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Daraja's messages as they were, indented for reading (Afya stores the STK password masked already).
    public static string Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return "";
        try
        {
            using var doc = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(doc.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
