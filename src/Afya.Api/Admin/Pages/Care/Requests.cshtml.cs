using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Care;

// Document requests between hospitals, through the /documents/requests handlers: a hospital's staff ask another hospital
// for a patient's documents by universal id; the record's managers approve or deny; the holder sees what it was asked.
public sealed class RequestsModel(CareConsole care, AfyaDb db, CareGate gate, CareAccess access, IOutbox outbox, IOptions<CareOptions> options,
    TimeProvider clock, CurrentUser me, AuditTrail audit, ICareDirectory directory) : ConsolePageModel
{
    private RequestServices Services => new(db, gate, access, outbox, options, clock, me, audit);

    public IReadOnlyList<DocumentRequestResponse> Requests { get; private set; } = [];
    public IReadOnlyList<HospitalSummary> Hospitals { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await care.AuditedAsync("request.list", () => DocumentRequests.List(Request, Services, ct));
        if (CareConsole.TryOk<Page<DocumentRequestResponse>>(result, out var page, out var problem)) (Requests, Total) = (page.Results, page.Count);
        else ModelState.AddProblem(problem!);
        Hospitals = (await directory.HospitalsAsync(new DirectorySearch(null, null, null, 200), ct)).Items;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "patient_uid")] string? uid, [FromForm(Name = "holder_hospital_id")] Guid? holder, string? purpose,
        CancellationToken ct)
    {
        var result = await care.AuditedAsync("request.create",
            () => DocumentRequests.Create(new DocumentRequestInput(uid, holder, purpose), Services, ct));
        return await Done(result.Result as ProblemHttpResult, "Request sent.", ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, CancellationToken ct)
    {
        var result = decision == "approve"
            ? await care.AuditedAsync("request.approve", () => DocumentRequests.Approve(id, Services, ct))
            : await care.AuditedAsync("request.deny", () => DocumentRequests.Deny(id, Services, ct));
        return await Done(result.Result as ProblemHttpResult, decision == "approve" ? "Request approved." : "Request denied.", ct);
    }

    private async Task<IActionResult> Done(ProblemHttpResult? problem, string message, CancellationToken ct)
    {
        if (problem is null)
        {
            TempData["Message"] = message;
            return Redirect("/admin/care/requests");
        }
        ModelState.AddProblem(problem);
        db.ChangeTracker.Clear();
        return await OnGetAsync(ct);
    }
}
