using Afya.Api.Admin.Payments;
using Afya.Api.Modules.Payments;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Payments;

// The M-Pesa settings in force, secrets masked as the API answers them; a secret field left empty keeps its value.
public sealed class SettingsModel(AfyaDb db, MpesaSettingsSource settings, PaymentActions actions) : PageModel
{
    public MpesaConfigResponse Current { get; private set; } = null!;
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Current = (await MpesaConfig.Get(db, settings, ct)).Value!;
        History = await ConsoleHistory.ForAsync(db, PaymentActions.SettingsType, "", ct);
    }

    public async Task<IActionResult> OnPostAsync(string? environment, string? consumerKey, string? consumerSecret, string? businessShortCode,
        string? passkey, string? callbackUrl, string? businessName, CancellationToken ct)
    {
        // Only what staff changed is sent: a value shown because it came from the environment (a callback URL worked out
        // from the server's address) is not pinned as an override by saving another field.
        var current = (await MpesaConfig.Get(db, settings, ct)).Value!;
        static string? Given(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        string? Changed(string? v, string now) => Given(v) is { } given && given != now ? given : null;
        var request = new MpesaConfigRequest(Changed(environment, current.Environment), Given(consumerKey), Given(consumerSecret),
            Changed(businessShortCode, current.BusinessShortCode), Given(passkey), Changed(callbackUrl, current.CallbackUrl), Changed(businessName, current.BusinessName));
        if (await actions.ConfigureAsync(request, ct) is { } problem)
        {
            ModelState.AddProblem(problem);
            await OnGetAsync(ct);
            return Page();
        }
        TempData["Message"] = "M-Pesa settings saved.";
        return Redirect("/admin/payments/settings");
    }
}
