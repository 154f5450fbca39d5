using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.SignIn;

public sealed class CodeModel(StaffSessions staff, StaffTwoFactorStore twoFactor) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await StaffSessions.PendingAsync(HttpContext) is null ? Redirect("/admin/signin") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await StaffSessions.PendingAsync(HttpContext) is not { } pending) return Redirect("/admin/signin");
        if (!await staff.TryTakeCodeAttemptAsync(pending, ct))
        {
            await staff.AbandonAsync(HttpContext, ct);
            TempData["Message"] = "Too many codes tried: wait a quarter of an hour, then sign in again.";
            return Redirect("/admin/signin");
        }
        if (!string.IsNullOrWhiteSpace(Code) && await twoFactor.VerifyAsync(pending.UserId, Code, ct))
        {
            await staff.CompleteAsync(HttpContext, ct);
            return Redirect(IndexModel.LocalOrHome(ReturnUrl));
        }
        if (await staff.CountFailedCodeAsync(HttpContext, pending, ct))
        {
            TempData["Message"] = "Too many wrong codes: sign in again.";
            return Redirect("/admin/signin");
        }
        ModelState.AddModelError("code", "That code is not right, or it was already used.");
        return Page();
    }
}
