using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Care;

// One patient: the record (GET /patients/{id}'s handler), its doctors and the assign form (the mappings handlers), its
// documents (GET /documents?patient_id=) and its audit trail (GET /audit's handler: the record's managers and admins).
// A record the caller may not read is the 404 page, and that refusal is in the care audit like the API's.
public sealed class PatientModel(CareConsole care, CareGate gate, CareAccess access, CurrentUser me, AfyaDb db, TimeProvider clock, AuditTrail audit,
    ICareDirectory directory) : ConsolePageModel
{
    public PatientResponse Patient { get; private set; } = null!;
    public string Tab { get; private set; } = "record";
    public IReadOnlyList<MappingResponse> Doctors { get; private set; } = [];
    public IReadOnlyList<DocumentResponse> Documents { get; private set; } = [];
    public IReadOnlyList<AuditEntryResponse> Trail { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Assignable { get; private set; } = [];
    public bool Manages { get; private set; }
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? tab, CancellationToken ct)
    {
        var record = await care.AuditedAsync("patient.read", () => Modules.Care.Patients.Get(id, gate, db, clock, audit, ct));
        if (!CareConsole.TryOk<PatientResponse>(record, out var patient, out _)) return NotFoundPage();
        Patient = patient;
        Tab = tab is "doctors" or "documents" or "audit" ? tab : "record";
        Manages = await gate.CanAsync(id, PatientOperation.Manage);
        switch (Tab)
        {
            case "doctors":
                var doctors = await care.AuditedAsync("mapping.read", () => Mappings.ForPatient(id, Request, gate, db, clock, audit, ct));
                if (CareConsole.TryOk<Page<MappingResponse>>(doctors, out var mapped, out var refused)) (Doctors, Total) = (mapped.Results, mapped.Count);
                else ModelState.AddProblem(refused!);
                if (Manages) Assignable = await AssignableAsync(ct);
                break;
            case "documents":
                var documents = await care.AuditedAsync("document.list", () => Modules.Care.Documents.List(Request, id, gate, db, audit, ct));
                if (CareConsole.TryOk<Page<DocumentResponse>>(documents, out var held, out _)) (Documents, Total) = (held.Results, held.Count);
                else ModelState.AddModelError("", "You may read this patient's record but not their documents.");
                break;
            case "audit":
                // As on the API, reading the trail writes no entry of its own.
                var trail = await CareConsole.UnauditedAsync(() => AuditLog.List(Request, id, null, null, null, null, me, access, db, ct));
                if (CareConsole.TryOk<Page<AuditEntryResponse>>(trail, out var entries, out var problem)) (Trail, Total) = (entries.Results, entries.Count);
                else ModelState.AddProblem(problem!);
                break;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? doctor, CancellationToken ct)
    {
        var result = await care.AuditedAsync("mapping.create", () => Mappings.Create(MappingInput.Of(id, doctor), me, gate, db, clock, audit, ct));
        if (CareConsole.TryOk<MappingResponse>(result, out var made, out var problem))
        {
            TempData["Message"] = $"{made.DoctorDetails.Name} assigned.";
            return Redirect($"/admin/care/patients/{id}?tab=doctors");
        }
        if (problem!.StatusCode == StatusCodes.Status404NotFound) return NotFoundPage();
        ModelState.AddProblem(problem);
        return await OnGetAsync(id, "doctors", ct);
    }

    public async Task<IActionResult> OnPostUnassignAsync(Guid id, Guid mapping, CancellationToken ct)
    {
        var result = await care.AuditedAsync("mapping.delete", () => Mappings.Delete(mapping, gate, db, audit, ct));
        if (AuditRecorder.StatusOf(result) == StatusCodes.Status404NotFound) return NotFoundPage();
        TempData["Message"] = "Assignment removed.";
        return Redirect($"/admin/care/patients/{id}?tab=doctors");
    }

    // The doctors a manager may pick: those of the hospital the caller acts for, else the whole directory (the API accepts any).
    private async Task<IReadOnlyList<(Guid, string)>> AssignableAsync(CancellationToken ct)
    {
        var hospital = await access.HospitalOfAsync(me.Id, ct);
        var (doctors, _, _) = await directory.DoctorsAsync(new DirectorySearch(null, null, null, 500, HospitalId: hospital), ct);
        return doctors.OrderBy(d => d.Name, StringComparer.CurrentCulture).Select(d => (d.Id, $"{d.Name} ({d.Specialization})")).ToList();
    }
}
