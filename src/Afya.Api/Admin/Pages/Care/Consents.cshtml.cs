using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Care;

// GET /consents through the console: grants to the caller's doctor entry or hospital, and those of records it manages.
public sealed class ConsentsModel(CareConsole care, CareAccess access, TimeProvider clock, AuditTrail audit) : ConsolePageModel
{
    public IReadOnlyList<ConsentResponse> Consents { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await care.AuditedAsync("consent.list", () => Modules.Care.Consents.List(Request, access, clock, audit, ct));
        if (CareConsole.TryOk<Page<ConsentResponse>>(result, out var page, out var problem)) (Consents, Total) = (page.Results, page.Count);
        else ModelState.AddProblem(problem!);
        return Page();
    }
}
