using Afya.Api.Admin.Users;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Users;

public sealed class DetailsModel(AfyaDb db, UserActions actions) : PageModel
{
    public User Account { get; private set; } = null!;
    public List<RoleChange> RoleChanges { get; private set; } = [];
    public int OpenSessions { get; private set; }
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public string Tab { get; private set; } = "details";

    public async Task<IActionResult> OnGetAsync(Guid id, string? tab, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct) is not { } user) return NotFound();
        Account = user;
        Tab = tab == "history" ? "history" : "details";
        RoleChanges = await db.Set<RoleChange>().AsNoTracking().Where(c => c.UserId == id).OrderByDescending(c => c.Id).Take(20).ToListAsync(ct);
        OpenSessions = await db.Set<RefreshToken>().AsNoTracking().Where(t => t.UserId == id && t.RevokedAt == null).Select(t => t.FamilyId).Distinct().CountAsync(ct);
        if (Tab == "history") History = await ConsoleHistory.ForAsync(db, UserActions.ObjectType, id.ToString(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid id, string[] roles, CancellationToken ct) =>
        await Done(id, actions.UpdateAsync(id, roles, null, "user.roles", ct), "Roles saved; the person's sessions were ended so new ones carry them.", ct);

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken ct) =>
        await Done(id, actions.UpdateAsync(id, null, active, active ? "user.activate" : "user.deactivate", ct), active ? "Account activated." : "Account deactivated and signed out everywhere.", ct);

    public async Task<IActionResult> OnPostEndSessionsAsync(Guid id, CancellationToken ct) =>
        await Done(id, actions.EndSessionsAsync(id, ct), "Every session ended.", ct);

    private async Task<IActionResult> Done(Guid id, Task<ProblemHttpResult?> change, string message, CancellationToken ct)
    {
        if (await change is { } problem)
        {
            ModelState.AddProblem(problem);
            return await OnGetAsync(id, null, ct);
        }
        TempData["Message"] = message;
        return Redirect($"/admin/users/{id}");
    }

    public static IEnumerable<string> AllRoles => Roles.All.Order(StringComparer.Ordinal);
}
