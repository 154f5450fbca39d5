using Afya.Api.Admin.Care;
using Afya.Api.Modules.Notifications;
using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Operations;

// The outbox: messages waiting, retrying and dead (with the provider's last error), through the admin notifications
// handlers; retry puts a failed or dead one back in the queue, discard never sends it. Both are in the staff audit log.
public sealed class IndexModel(AfyaDb db, OutboxSignal signal, CurrentUser me, TimeProvider clock) : ConsolePageModel
{
    public IReadOnlyList<NotificationResponse> Messages { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, string? channel, CancellationToken ct)
    {
        var result = await AdminNotifications.List(Request, Blank(status), Blank(channel), db, ct);
        if (CareConsole.TryOk<Page<NotificationResponse>>(result, out var page, out var problem)) (Messages, Total) = (page.Results, page.Count);
        else ModelState.AddProblem(problem!);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct) =>
        await Done(id, "notification.retry", (await AdminNotifications.Retry(id, db, signal, clock, ct)).Result as ProblemHttpResult, "Queued again.", ct);

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken ct) =>
        await Done(id, "notification.discard", (await AdminNotifications.Discard(id, db, ct)).Result as ProblemHttpResult, "Discarded.", ct);

    private async Task<IActionResult> Done(Guid id, string action, ProblemHttpResult? problem, string message, CancellationToken ct)
    {
        StaffAudit.Add(db, me, clock, StaffAudit.ConsoleSurface, action, "notifications", id.ToString(), null,
            problem is null ? null : new { refused = problem.ProblemDetails.Title }, problem?.StatusCode ?? 200);
        await db.SaveChangesAsync(ct);
        if (problem?.StatusCode == StatusCodes.Status404NotFound) return NotFoundPage();
        if (problem is not null)
        {
            ModelState.AddProblem(problem);
            return await OnGetAsync(null, null, ct);
        }
        TempData["Message"] = message;
        return Redirect("/admin/operations?status=" + Request.Query["status"]);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
