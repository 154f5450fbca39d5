using Afya.Api.Platform.Operations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Pages.Operations;

// The platform's own state: nodes by their heartbeats (version, alive or silent), periodic jobs by their claims (who ran
// each last and whether that run still holds it), and the cache with this node's view of Redis. Read-only.
public sealed class PlatformModel(PlatformStatus status) : PageModel
{
    public IReadOnlyList<NodeRow> Nodes { get; private set; } = [];
    public IReadOnlyList<JobRow> Jobs { get; private set; } = [];
    public CacheState Cache { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Nodes = await status.NodesAsync(ct);
        Jobs = await status.JobsAsync(ct);
        Cache = await status.CacheAsync(ct);
    }
}
