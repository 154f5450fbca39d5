using Afya.Api.Admin.Care;
using Afya.Api.Admin.Clinic;
using Afya.Api.Modules.Clinic;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Clinic;

// Every subscription, filtered by AdminSubscriptions.Filter (the API list's filters: status, customer, package, purchase
// dates, ending soon); a customer is named by email here and by id on the API.
public sealed class SubscriptionsModel(AfyaDb db, TimeProvider clock) : ConsolePageModel
{
    public IReadOnlyList<SubscriptionResponse> Rows { get; private set; } = [];
    public IReadOnlyList<PackageResponse> Packages { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Emails { get; private set; } = new Dictionary<Guid, string>();
    public int Total { get; private set; }
    public ClinicText Text { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Text = new ClinicText(Request);
        Packages = (await Modules.Clinic.Packages.List(db, ct)).Value!;
        var filter = SubscriptionFilter.Of(Request.Query);
        if (Request.Query["user"].ToString() is { Length: > 0 } user && !Guid.TryParse(user, out _))
        {
            var id = await ConsoleAccounts.IdByEmailAsync(db, user, ct);
            if (id is null)
            {
                ModelState.AddModelError("user", "No account has this email.");
                return Page();
            }
            filter = filter with { UserId = id.ToString() };
        }
        else if (Request.Query["user"].ToString() is { Length: > 0 } userId) filter = filter with { UserId = userId };
        var result = await AdminSubscriptions.List(Request, db, clock, filter, ct);
        if (CareConsole.TryOk<Platform.Http.Page<SubscriptionResponse>>(result, out var page, out var problem))
        {
            (Rows, Total) = (page.Results, page.Count);
            var users = Rows.Select(r => r.UserId!.Value).Distinct().ToList();
            Emails = await db.Set<Modules.Identity.Data.User>().AsNoTracking().Where(u => users.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.PhoneNumber ?? u.Id.ToString(), ct);
        }
        else ModelState.AddProblem(problem!);
        return Page();
    }
}
