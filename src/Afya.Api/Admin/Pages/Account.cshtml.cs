using Afya.Api.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages;

public sealed class AccountModel(StaffSessions staff, StaffTwoFactorStore twoFactor, CurrentUser me) : PageModel
{
    public int RecoveryCodesLeft { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        RecoveryCodesLeft = await twoFactor.FindAsync(me.Id, ct) is { } row ? StaffTwoFactorStore.RecoveryCodesLeft(row) : 0;

    public async Task<IActionResult> OnPostSignOutAsync(CancellationToken ct)
    {
        await staff.SignOutAsync(HttpContext, ct);
        return Redirect("/admin/signin");
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken ct)
    {
        await staff.SignOutEverywhereAsync(HttpContext, me.Id, ct);
        return Redirect("/admin/signin");
    }
}
