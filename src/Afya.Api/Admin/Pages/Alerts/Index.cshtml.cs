using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Alerts;

// Wearables alerts of the patients whose wearables the caller may read (GET /wearables/alerts' handler, so Care's rule),
// most severe first; the table refreshes itself (htmx polling of ?handler=rows) and a doctor acknowledges with a note
// (the acknowledge handler). Each list and acknowledgement is in the care audit as its API route's is.
public sealed class IndexModel(CareConsole care, ICareRecords records, CurrentUser me, AfyaDb db, TimeProvider clock,
    Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) : ConsolePageModel
{
    private static readonly string[] SeverityOrder = ["emergency", "urgent", "high", "medium", "low"];

    public IReadOnlyList<AlertResponse> Alerts { get; private set; } = [];
    public int Total { get; private set; }
    public string Status { get; private set; } = "open";
    public string? Token { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, CancellationToken ct)
    {
        await LoadAsync(status, ct);
        return Page();
    }

    // The table alone, for the polling request.
    public async Task<IActionResult> OnGetRowsAsync(string? status, CancellationToken ct)
    {
        await LoadAsync(status, ct);
        return Partial("_AlertRows", this);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, string? note, CancellationToken ct)
    {
        var result = await care.AuditedAsync("wearables.alert.acknowledge",
            () => Modules.Wearables.Alerts.Acknowledge(id, new AcknowledgeInput(note), me, records, db, clock, ct));
        if (result.Result is ProblemHttpResult problem)
        {
            if (problem.StatusCode == StatusCodes.Status404NotFound) return NotFoundPage();
            ModelState.AddProblem(problem);
            return await OnGetAsync(null, ct);
        }
        TempData["Message"] = "Alert acknowledged.";
        return Redirect("/admin/alerts");
    }

    private async Task LoadAsync(string? status, CancellationToken ct)
    {
        Status = status is "acknowledged" or "all" ? status : "open";
        Token = antiforgery.GetAndStoreTokens(HttpContext).RequestToken;
        var result = await care.AuditedAsync("wearables.alerts",
            () => Modules.Wearables.Alerts.List(Request, null, Status == "all" ? null : Status, records, db, ct));
        if (CareConsole.TryOk<Page<AlertResponse>>(result, out var page, out var problem))
        {
            Alerts = page.Results.OrderBy(a => Rank(a.Severity)).ThenByDescending(a => a.OpenedAt).ToList();
            Total = page.Count;
        }
        else ModelState.AddProblem(problem!);
    }

    private static int Rank(string severity) => Array.IndexOf(SeverityOrder, severity.ToLowerInvariant()) is var i and >= 0 ? i : SeverityOrder.Length;
}
