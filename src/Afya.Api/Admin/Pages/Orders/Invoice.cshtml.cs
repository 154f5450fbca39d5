using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Orders;

// The printable invoice and packing slip: one page model, the route says which.
public sealed class InvoiceModel(AfyaDb db, IOptions<OrderOptions> options) : PageModel
{
    public Order Order { get; private set; } = null!;
    public OrderOptions Shop => options.Value;
    public bool PackingSlip { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string kind, CancellationToken ct)
    {
        if (await OrderQueries.LoadAsync(db, id, ct) is not { } order) return NotFound();
        Order = order;
        PackingSlip = kind == "packing-slip";
        return Page();
    }
}
