using Afya.Api.Admin.Care;
using Afya.Api.Admin.Clinic;
using Afya.Api.Modules.Clinic;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Clinic;

// One subscription: its services with what is used and remaining, confirming cash taken at the desk, recording a use, and
// its history (the staff audit log, from the console and the API alike).
public sealed class SubscriptionModel(Subscriptions subscriptions, TimeProvider clock, ClinicActions actions) : ConsolePageModel
{
    public SubscriptionResponse Subscription { get; private set; } = null!;
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public ClinicText Text { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Text = new ClinicText(Request);
        var result = await SubscriptionEndpoints.Get(id, subscriptions, clock, ct);
        if (!CareConsole.TryOk<SubscriptionResponse>(result, out var found, out _)) return NotFoundPage();
        Subscription = found;
        History = await ConsoleHistory.ForAsync(actions.Db, ClinicActions.SubscriptionType, id.ToString(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCashAsync(Guid id, CancellationToken ct) =>
        await Done(id, await actions.ConfirmCashAsync(id, ct), ct);

    public async Task<IActionResult> OnPostUseAsync(Guid id, string? service, string? note, CancellationToken ct) =>
        await Done(id, await actions.RecordUsageAsync(id, service, note, ct), ct);

    private async Task<IActionResult> Done(Guid id, ProblemHttpResult? problem, CancellationToken ct)
    {
        if (problem is null) return Redirect(new ClinicText(Request).Link($"/admin/clinic/subscriptions/{id}"));
        if (problem.StatusCode == StatusCodes.Status404NotFound) return NotFoundPage();
        ModelState.AddProblem(problem);
        return await OnGetAsync(id, ct);
    }
}
