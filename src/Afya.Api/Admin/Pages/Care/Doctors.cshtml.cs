using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Care;

// The doctor directory of a hospital. A hospital's staff see their own hospital's doctors; an admin picks any hospital.
// New entries go through POST /doctors' handler, so only the hospital's administrator links one to an account.
public sealed class DoctorsModel(CareConsole care, CareGate gate, CareAccess access, CurrentUser me, AuditTrail audit, AfyaDb db, TimeProvider clock,
    ICareDirectory directory) : ConsolePageModel
{
    public IReadOnlyList<DoctorSummary> Doctors { get; private set; } = [];
    public Guid? Hospital { get; private set; }
    public string? HospitalName { get; private set; }
    public bool More { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? hospital, DateTime? after, CancellationToken ct)
    {
        Hospital = me.IsInRole(Roles.Admin) ? hospital : await access.HospitalOfAsync(me.Id, ct);
        if (Hospital is { } h) HospitalName = (await directory.HospitalAsync(h, ct))?.Name;
        if (Hospital is null && !me.IsInRole(Roles.Admin)) return Page();
        (Doctors, More, _) = await directory.DoctorsAsync(new DirectorySearch(null, Request.Query["search"], after, 50, HospitalId: Hospital), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? specialization, int? experience, [FromForm(Name = "license_number")] string? license,
        string? phone, string? email, [FromForm(Name = "account_email")] string? account, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await OnGetAsync(null, null, ct);
        Guid? userId = null;
        if (!string.IsNullOrWhiteSpace(account) && (userId = await ConsoleAccounts.IdByEmailAsync(db, account, ct)) is null)
        {
            ModelState.AddModelError("account_email", "No account has this email.");
            return await OnGetAsync(null, null, ct);
        }
        var hospital = await access.HospitalOfAsync(me.Id, ct);
        var input = new DoctorInput(name, specialization, experience, Blank(license), Blank(phone), Blank(email), hospital, userId);
        var result = await care.AuditedAsync("doctor.create", () => Modules.Care.Doctors.Create(input, new DoctorServices(me, gate, access, audit, db, clock), ct));
        if (CareConsole.TryOk<DoctorResponse>(result, out var made, out var problem))
        {
            TempData["Message"] = $"{made.Name} added to the directory.";
            return Redirect("/admin/care/doctors");
        }
        ModelState.AddProblem(problem!);
        return await OnGetAsync(null, null, ct);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
