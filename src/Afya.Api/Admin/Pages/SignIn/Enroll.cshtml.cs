using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Afya.Api.Admin.Pages.SignIn;

public sealed class EnrollModel(StaffSessions staff, StaffTwoFactorStore twoFactor) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Code { get; set; }
    public string Secret { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await StaffSessions.PendingAsync(HttpContext) is not { } pending) return Redirect("/admin/signin");
        if (await twoFactor.FindAsync(pending.UserId, ct) is { ConfirmedAt: not null }) return Redirect("/admin/signin/code");
        await ShowSecretAsync(pending, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await StaffSessions.PendingAsync(HttpContext) is not { } pending) return Redirect("/admin/signin");
        if (!string.IsNullOrWhiteSpace(Code) && await twoFactor.ConfirmAsync(pending.UserId, Code, ct) is { } codes)
        {
            await staff.CompleteAsync(HttpContext, ct);
            RecoveryCodes = codes;
            ReturnUrl = IndexModel.LocalOrHome(ReturnUrl);
            return Page();
        }
        if (await staff.CountFailedCodeAsync(HttpContext, pending, ct))
        {
            TempData["Message"] = "Too many wrong codes: sign in again.";
            return Redirect("/admin/signin");
        }
        ModelState.AddModelError("code", "That code is not right; check the phone's clock and try the next code.");
        await ShowSecretAsync(pending, ct);
        return Page();
    }

    private async Task ShowSecretAsync(StaffSessions.PendingSignIn pending, CancellationToken ct)
    {
        Secret = await twoFactor.PendingSecretAsync(pending.UserId, ct);
        using var data = QRCodeGenerator.GenerateQrCode(StaffTwoFactorStore.OtpAuthUri(Secret, pending.Email), QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
