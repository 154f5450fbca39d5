using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Alerts;

// A patient's vitals over a chosen range from the hourly aggregates (GET /wearables/metrics/series' handler with 1h or
// 1d buckets, so Care's wearables rule decides and the read is audited), drawn as a server-side SVG.
public sealed class VitalsModel(CareConsole care, ICareRecords records, AfyaDb db, CurrentUser me, TimeProvider clock, AfyaCache cache) : ConsolePageModel
{
    public Guid PatientId { get; private set; }
    public string Metric { get; private set; } = "heart_rate";
    public SeriesResponse? Series { get; private set; }
    public int Days { get; private set; } = 7;

    public async Task<IActionResult> OnGetAsync(Guid id, string? metric, int? days, CancellationToken ct)
    {
        PatientId = id;
        Metric = Metrics.All.Any(m => m.Name == metric) ? metric! : "heart_rate";
        Days = days is >= 1 and <= 90 ? days.Value : 7;
        var now = clock.GetUtcNow().UtcDateTime;
        var bucket = Days <= 3 ? "1h" : "1d";
        var result = await care.AuditedAsync("wearables.series",
            () => Readings.Series(Metric, now.AddDays(-Days), now, bucket, id, new ReadQuery(records, db, me, clock, cache), ct));
        if (!CareConsole.TryOk<SeriesResponse>(result, out var series, out var problem))
        {
            if (problem?.StatusCode == StatusCodes.Status404NotFound) return NotFoundPage();
            ModelState.AddProblem(problem!);
            return Page();
        }
        Series = series;
        return Page();
    }
}
