using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Care;

// Hospitals: an admin lists, creates and staffs them (POST /hospitals and /hospitals/{id}/staff, admin-only on the API too);
// a hospital's administrators and doctors see only the hospital they act for.
public sealed class HospitalsModel(CareAccess access, CurrentUser me, AfyaDb db, TimeProvider clock, ICareDirectory directory) : ConsolePageModel
{
    public IReadOnlyList<HospitalResponse> Hospitals { get; private set; } = [];
    public int Total { get; private set; }
    public bool IsAdmin => me.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsAdmin)
        {
            var result = await CareConsole.UnauditedAsync(() => Modules.Care.Hospitals.List(Request, db, ct));
            if (CareConsole.TryOk<Page<HospitalResponse>>(result, out var page, out var problem)) (Hospitals, Total) = (page.Results, page.Count);
            else ModelState.AddProblem(problem!);
        }
        else if (await access.HospitalOfAsync(me.Id, ct) is { } mine && await directory.HospitalAsync(mine, ct) is { } h)
        {
            Hospitals = [new HospitalResponse(h.Id, h.Name, h.RegistrationNumber, h.Address, h.County, h.Phone, h.Email, h.CreatedAt)];
            Total = 1;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, [FromForm(Name = "registration_number")] string? registrationNumber, string? county,
        string? address, string? phone, string? email, CancellationToken ct)
    {
        if (!IsAdmin) return NotFoundPage();
        var input = new HospitalInput(name, registrationNumber, Blank(address), Blank(county), Blank(phone), Blank(email));
        var result = await Modules.Care.Hospitals.Create(input, db, clock, ct);
        if (CareConsole.TryOk<HospitalResponse>(result, out var made, out var problem))
        {
            TempData["Message"] = $"Hospital {made.Name} created.";
            return Redirect("/admin/care/hospitals");
        }
        ModelState.AddProblem(problem!);
        return await OnGetAsync(ct);
    }

    public async Task<IActionResult> OnPostStaffAsync(Guid hospital, [FromForm(Name = "staff_email")] string? email, CancellationToken ct)
    {
        if (!IsAdmin) return NotFoundPage();
        var userId = await ConsoleAccounts.IdByEmailAsync(db, email, ct);
        if (userId is null)
        {
            ModelState.AddModelError("staff_email", "No account has this email.");
            return await OnGetAsync(ct);
        }
        var result = await Modules.Care.Hospitals.AddStaff(hospital, new StaffInput(userId), me, db, clock, ct);
        if (result.Result is ProblemHttpResult problem)
        {
            ModelState.AddProblem(problem);
            return await OnGetAsync(ct);
        }
        TempData["Message"] = $"{email!.Trim()} now administers the hospital.";
        return Redirect("/admin/care/hospitals");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
