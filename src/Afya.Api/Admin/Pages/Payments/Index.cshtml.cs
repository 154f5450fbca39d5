using System.Globalization;
using Afya.Api.Admin.Lists;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Payments;

public sealed record PaymentRow(Guid Id, DateTime CreatedAt, string Phone, long Amount, string Status, int? ResultCode, string? ResultDesc, string? Receipt,
    string AccountReference, Guid? OrderId, string? FlagReason, long Refunded);

public sealed class IndexModel(AfyaDb db, IOptions<ConsoleOptions> options) : PageModel
{
    public const string Path = "/admin/payments";

    public static readonly IReadOnlyList<SortColumn<MpesaTransaction>> Sorts =
    [
        SortColumn<MpesaTransaction>.By("created", "Started", t => t.CreatedAt),
        SortColumn<MpesaTransaction>.By("amount", "Amount", t => t.Amount),
    ];

    public static string Name(MpesaStatus status) => status.ToString().ToLowerInvariant();

    public ListState State { get; private set; } = null!;
    public ListPage<PaymentRow>? Payments { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        if (!Filter().TryGet(out var filtered, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        var page = await ConsoleList.PageAsync(ConsoleList.Sorted(filtered, State, Sorts, t => t.Id), State, ct);
        Payments = new ListPage<PaymentRow>(page.Rows.Select(Row).ToList(), page.Total, State, page.Page);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        if (!Filter().TryGet(out var filtered, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        var rows = ConsoleList.Sorted(filtered, State, Sorts, t => t.Id).AsAsyncEnumerable().Select(Row);
        await ConsoleList.WriteCsvAsync(Response, "payments.csv",
            ["started_at", "phone", "amount", "status", "result_code", "result_desc", "receipt", "account_reference", "order_id", "refunded", "id"], rows,
            t => [t.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), t.Phone, t.Amount.ToString(CultureInfo.InvariantCulture), t.Status,
                t.ResultCode?.ToString(CultureInfo.InvariantCulture) ?? "", t.ResultDesc ?? "", t.Receipt ?? "", t.AccountReference, t.OrderId?.ToString() ?? "",
                t.Refunded.ToString(CultureInfo.InvariantCulture), t.Id.ToString()], ct);
        return new EmptyResult();
    }

    // ?q= (phone, receipt, account reference or checkout request id), status, from, to (dates the push started, UTC).
    private Result<IQueryable<MpesaTransaction>> Filter()
    {
        var query = db.Set<MpesaTransaction>().AsNoTracking();
        var errors = new Dictionary<string, string[]>();
        if (State.Search is { Length: > 0 } q)
            query = query.Where(t => t.Phone.Contains(q) || t.ReceiptNumber == q || t.AccountReference == q || t.CheckoutRequestId == q);
        if (State.Value("status") is { Length: > 0 } status)
        {
            if (Enum.GetValues<MpesaStatus>().Where(x => Name(x) == status).ToList() is [var chosen]) query = query.Where(t => t.Status == chosen);
            else errors["status"] = ["Choose a status from the list."];
        }
        if (Date(State.Value("from"), "from", errors) is { } from) query = query.Where(t => t.CreatedAt >= from);
        if (Date(State.Value("to"), "to", errors) is { } to) query = query.Where(t => t.CreatedAt < to.AddDays(1));
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return Result<IQueryable<MpesaTransaction>>.Success(query);
    }

    private static DateTime? Date(string text, string field, Dictionary<string, string[]> errors)
    {
        if (text.Length == 0) return null;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)) return day;
        errors[field] = [$"{field} is a date such as 2026-01-31."];
        return null;
    }

    public static PaymentRow Row(MpesaTransaction t) => new(t.Id, t.CreatedAt, t.Phone, t.Amount, Name(t.Status), t.ResultCode, t.ResultDesc, t.ReceiptNumber,
        t.AccountReference, t.OrderId, t.FlagReason, t.RefundedAmount);
}
