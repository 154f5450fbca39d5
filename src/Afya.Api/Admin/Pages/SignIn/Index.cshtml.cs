using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.SignIn;

public sealed class IndexModel(StaffSessions staff) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await staff.CheckPasswordAsync(HttpContext, Email, Password, ct);
        if (!result.TryGet(out var pending, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        var next = LocalOrHome(ReturnUrl);
        return Redirect((pending.Enrolled ? "/admin/signin/code" : "/admin/signin/enroll") + "?returnUrl=" + Uri.EscapeDataString(next));
    }

    public static string LocalOrHome(string? url) =>
        url is { Length: > 1 } && url.StartsWith("/admin", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url : "/admin";
}
