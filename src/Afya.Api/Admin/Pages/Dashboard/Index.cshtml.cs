using Afya.Api.Platform;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Dashboard;

// How the shop is doing: the figures of ShopFiguresCache, at most Console__DashboardSeconds old.
public sealed class IndexModel(ShopFiguresCache figures) : PageModel
{
    public ShopFigures Figures { get; private set; } = null!;
    public IReadOnlyList<DayTotal> Days => Figures.Days;
    public IReadOnlyList<WeekTotal> Weeks => Figures.Weeks;
    public IReadOnlyList<CountRow> ByStatus => Figures.ByStatus;
    public IReadOnlyList<CountRow> MpesaOutcomes => Figures.MpesaOutcomes;
    public int MpesaSucceeded => Figures.MpesaSucceeded;
    public int MpesaFinished => Figures.MpesaFinished;
    public IReadOnlyList<CountRow> TopProducts => Figures.TopProducts;
    public IReadOnlyList<LowStockRow> LowStock => Figures.LowStock;
    public IReadOnlyList<ExpiringRow> Expiring => Figures.Expiring;

    public async Task OnGetAsync(CancellationToken ct) => Figures = await figures.GetAsync(ct);

    public static string Kes(long minor) => Money.Format(minor, "KES");
}
