using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Care;

// The patients the signed-in staff member may read (CareAccess.Readable through GET /patients' handler), and a form to
// register one: the record's creator manages it (assigns its doctors), as on the API.
public sealed class IndexModel(CareConsole care, CareAccess access, CurrentUser me, AfyaDb db, TimeProvider clock, AuditTrail audit) : ConsolePageModel
{
    public IReadOnlyList<PatientResponse> Patients { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? search, string? uid, CancellationToken ct)
    {
        var result = await care.AuditedAsync("patient.list", () => Modules.Care.Patients.List(Request, search, uid, access, db, clock, audit, ct));
        if (CareConsole.TryOk<Platform.Http.Page<PatientResponse>>(result, out var page, out var problem))
        {
            Patients = page.Results;
            Total = page.Count;
        }
        else ModelState.AddProblem(problem!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, [FromForm(Name = "date_of_birth")] DateOnly? dateOfBirth, string? gender, string? phone,
        CancellationToken ct)
    {
        if (!ModelState.IsValid) return await OnGetAsync(null, null, ct);
        var input = new PatientInput(name, null, dateOfBirth, string.IsNullOrWhiteSpace(gender) ? null : gender, string.IsNullOrWhiteSpace(phone) ? null : phone,
            null, null, null, null, null, null, null);
        var result = await care.AuditedAsync("patient.create", () => Modules.Care.Patients.Create(input, me, db, clock, audit, ct));
        if (CareConsole.TryOk<PatientResponse>(result, out var created, out var problem))
        {
            TempData["Message"] = $"Patient {created.Name} registered.";
            return Redirect($"/admin/care/patients/{created.Id}");
        }
        ModelState.AddProblem(problem!);
        return await OnGetAsync(null, null, ct);
    }
}
