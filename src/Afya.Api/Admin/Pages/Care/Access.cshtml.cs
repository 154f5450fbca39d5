using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Care;

// GET /patients/{id}/access through the console: which scopes of the record the caller may read, 404 when none.
public sealed class AccessModel(CareConsole care, CareGate gate, AuditTrail audit) : ConsolePageModel
{
    public Guid Id { get; private set; }
    public PatientAccessResponse Scopes { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        var result = await care.AuditedAsync("patient.access", () => Modules.Care.Patients.Access(id, gate, audit, ct));
        if (!CareConsole.TryOk<PatientAccessResponse>(result, out var scopes, out _)) return NotFoundPage();
        Scopes = scopes;
        return Page();
    }
}
