using Afya.Api.Admin.Clinic;
using Afya.Api.Modules.Identity;
using Afya.Api.Platform.Phone;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Clinic;

// Support's view of phone sign-in: the codes sent (never a code), what became of each, and the numbers at the sending limit.
public sealed class OtpModel(OtpCodes codes, TimeProvider clock, PhoneNormalizer phones) : PageModel
{
    public IReadOnlyList<OtpSendRow> Sends { get; private set; } = [];
    public IReadOnlyList<(string Phone, int Count)> Limited { get; private set; } = [];
    public int Hours { get; private set; } = 24;
    public ClinicText Text { get; private set; } = null!;
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? phone, int? hours, CancellationToken ct)
    {
        Text = new ClinicText(Request);
        Now = clock.GetUtcNow().UtcDateTime;
        Hours = hours is >= 1 and <= 24 * 30 ? hours.Value : 24;
        string? number = null;
        if (!string.IsNullOrWhiteSpace(phone) && (number = phones.Normalize(phone)) is null)
        {
            ModelState.AddModelError("phone", "Enter a phone number, e.g. +96550012345.");
            return Page();
        }
        Sends = await codes.Sends(Now.AddHours(-Hours), number).Take(200).ToListAsync(ct);
        var lastHour = await codes.Sends(Now.AddHours(-1), number).Select(s => s.PhoneNumber).ToListAsync(ct);
        Limited = lastHour.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() >= codes.MaxSendsPerNumberPerHour)
            .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();
        return Page();
    }

    public string StateOf(OtpSendRow s) =>
        s.Attempts >= codes.MaxAttempts ? "out of tries" : s.ConsumedAt is not null ? "used or replaced" : s.ExpiresAt <= Now ? "expired" : "waiting";
}
