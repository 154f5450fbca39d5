using Afya.Api.Platform.Auth;

namespace Afya.Api.Admin;

// One part of the console: its navigation entry, the page folder it covers and the roles that may open it.
public sealed record ConsoleArea(string Title, string Path, string Folder, string Policy, string[] Roles);

// Who may open what in the console, decided here and only here: the page folders are authorized from this map
// (ConsoleSetup) and the navigation shows an entry only when the same policy lets the person in.
public static class ConsoleAccess
{
    public const string Scheme = "AfyaStaff";
    public const string TwoFactorScheme = "AfyaStaff.TwoFactor";
    public const string StaffPolicy = "console:staff";

    // Every role that may sign in to the console at all; part 2's clinic pages add areas for the clinical roles.
    public static readonly string[] StaffRoles = [Roles.Admin, Roles.HospitalAdmin, Roles.Doctor];

    // An area is listed once its pages exist.
    public static readonly ConsoleArea[] Areas =
    [
        new("Dashboard", "/admin/dashboard", "/Dashboard", "console:dashboard", [Roles.Admin]),
        new("Orders", "/admin/orders", "/Orders", "console:orders", [Roles.Admin]),
        new("Catalog", "/admin/catalog/products", "/Catalog", "console:catalog", [Roles.Admin]),
        new("Payments", "/admin/payments", "/Payments", "console:payments", [Roles.Admin]),
        new("Users", "/admin/users", "/Users", "console:users", [Roles.Admin]),
        // Care: every staff role opens it; which records each one reads is CareAccess's answer, page by page.
        // Clinic: the Kuwait clinic's desk, run by admins as its /api/v1/admin routes are.
        new("Clinic", "/admin/clinic", "/Clinic", "console:clinic", [Roles.Admin]),
        new("Care", "/admin/care", "/Care", "console:care", [Roles.Admin, Roles.HospitalAdmin, Roles.Doctor]),
        new("Operations", "/admin/operations", "/Operations", "console:operations", [Roles.Admin]),
        // Alerts: those who may read patients' wearables (admins read none without a grant, so the page would be empty).
        new("Alerts", "/admin/alerts", "/Alerts", "console:alerts", [Roles.HospitalAdmin, Roles.Doctor]),
    ];

    public static bool IsStaff(IEnumerable<string> roles) => roles.Any(r => StaffRoles.Contains(r, StringComparer.Ordinal));
}
