using System.Globalization;
using Afya.Api.Admin.Clinic;
using Afya.Api.Modules.Clinic;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Clinic;

// The clinic's packages: every one with both names (GET /admin/packages' handler), a form to create one, and putting a
// package on sale or retiring it (the update handler; a retired package keeps its buyers' subscriptions).
public sealed class IndexModel(AfyaDb db, ClinicActions actions) : PageModel
{
    public IReadOnlyList<PackageResponse> Packages { get; private set; } = [];
    public ClinicText Text { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Text = new ClinicText(Request);
        Packages = (await Modules.Clinic.Packages.List(db, ct)).Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, [FromForm(Name = "name_ar")] string? nameAr, string? price, string? currency,
        [FromForm(Name = "duration_days")] int? days, string? services, [FromForm(Name = "display_order")] int? order, CancellationToken ct)
    {
        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(price))
        {
            if (decimal.TryParse(price, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) amount = parsed;
            else ModelState.AddModelError("price", "Enter the price as a number, e.g. 45.500.");
        }
        var included = ParseServices(services);
        if (included is null) ModelState.AddModelError("services", "Write one service a line as: service, times.");
        if (!ModelState.IsValid) return await OnGetAsync(ct);
        var (made, problem) = await actions.CreatePackageAsync(
            new PackageRequest(name, nameAr, null, null, amount, currency, days, included, false, order), ct);
        if (problem is not null)
        {
            ModelState.AddProblem(problem);
            return await OnGetAsync(ct);
        }
        TempData["Message"] = $"{made!.Name} created; put it on sale when it is ready.";
        return Redirect(new ClinicText(Request).Link("/admin/clinic"));
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        if (await actions.SetActiveAsync(id, active, ct) is { } problem)
        {
            ModelState.AddProblem(problem);
            return await OnGetAsync(ct);
        }
        return Redirect(new ClinicText(Request).Link("/admin/clinic"));
    }

    // "consultation, 4" a line; null when a line does not read so.
    private static List<IncludedService>? ParseServices(string? text)
    {
        var list = new List<IncludedService>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split([',', '،'], StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return null;
            list.Add(new IncludedService(parts[0], count));
        }
        return list;
    }
}
