using Afya.Api.Platform.Operations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Operations;

// The configuration in force on this node (environment, .env, appsettings; the seeds' names as Afya's keys), secrets
// masked by the same rule as the staff audit log. Read-only: settings change where they are set, and a restart applies them.
public sealed class SettingsModel(PlatformStatus status) : PageModel
{
    public IReadOnlyList<SettingRow> Settings { get; private set; } = [];

    public void OnGet(string? q)
    {
        Settings = status.Settings();
        if (!string.IsNullOrWhiteSpace(q)) Settings = Settings.Where(s => s.Key.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
