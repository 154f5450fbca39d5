using System.Text.RegularExpressions;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Cli;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afya.Tests.Console;

// `afya bench-orders` on both databases: the orders it writes are whole (items, totals, paid M-Pesa orders with their
// transaction) and the console lists and counts them.
public partial class BenchOrdersTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bench_orders_adds_whole_orders_with_items_and_payments_that_the_console_lists(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        (await AfyaCli.RunAsync(app.Services, environment, ["bench-seed", "--products", "50"], output)).ShouldBe(0, output.ToString());
        (await AfyaCli.RunAsync(app.Services, environment, ["bench-orders", "--orders", "2500"], output)).ShouldBe(0, output.ToString());
        var prefix = Numbers().Match(output.ToString()).Groups[1].Value;

        var orders = await app.WithDbAsync(db => db.Set<Order>().AsNoTracking().Include(o => o.Items).Where(o => o.Number.StartsWith(prefix)).ToListAsync());
        orders.Count.ShouldBe(2500);
        orders.ShouldAllBe(o => o.Items.Count >= 1 && o.TotalMinor == o.Items.Sum(i => i.LineTotalMinor) + o.ShippingMinor);
        var paidMpesa = orders.Where(o => o.PaymentMethod == PaymentMethod.Mpesa && o.PaymentStatus == PaymentStatus.Paid).Select(o => o.Id).ToList();
        paidMpesa.ShouldNotBeEmpty();
        var settled = await app.WithDbAsync(db => db.Set<MpesaTransaction>().AsNoTracking()
            .Where(t => t.Status == MpesaStatus.Succeeded && t.OrderId != null && paidMpesa.Contains(t.OrderId.Value)).CountAsync());
        settled.ShouldBe(paidMpesa.Count);

        var one = orders[1234];
        (await staff.GetPageAsync($"/admin/orders?order_number={one.Number}")).ShouldContain($"/admin/orders/{one.Id}");
    }

    // The order list pages ids over its indexes and counts up to Console__ListCountCap (here 1,000 of 2,500): every
    // filter and sort still gives exactly the database's rows in the database's order, on the first page, a deep
    // one, and past the count's cap; the pager says "more than" only when the count stopped.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_order_list_pages_and_filters_2500_orders_exactly_with_a_capped_count(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Console:ListCountCap"] = "1000" });
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        (await AfyaCli.RunAsync(app.Services, environment, ["bench-seed", "--products", "20"], output)).ShouldBe(0, output.ToString());
        (await AfyaCli.RunAsync(app.Services, environment, ["bench-orders", "--orders", "2500"], output)).ShouldBe(0, output.ToString());
        var all = await app.WithDbAsync(db => db.Set<Order>().AsNoTracking().ToListAsync());
        var some = all[700];
        var from = all.Min(o => o.CreatedAt).Date.AddDays(30);
        var to = from.AddDays(40);

        async Task Check(string query, Func<IQueryable<Order>, IQueryable<Order>> expected, int page, string? found = null)
        {
            var html = await staff.GetPageAsync($"/admin/orders?{query}&page={page}");
            var shown = OrderLinks().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
            var rows = await app.WithDbAsync(db => expected(db.Set<Order>().AsNoTracking()).Skip((page - 1) * 50).Take(50).Select(o => o.Id).ToListAsync());
            shown.ShouldBe(rows, $"{query} page {page}");
            // The pager's middle dot is written as a character reference.
            foreach (var part in (found ?? "").Split(" · ", StringSplitOptions.RemoveEmptyEntries)) html.ShouldContain(part, customMessage: query);
        }

        IQueryable<Order> Newest(IQueryable<Order> q) => q.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id);
        await Check("x=1", Newest, 1, "More than 1,000 found · page 1");
        await Check("x=1", Newest, 7, "More than 1,000 found · page 7");
        // Past the cap: the count runs to this page's rows, and the next page is still linked.
        await Check("x=1", Newest, 30, "More than 1,500 found · page 30");
        await Check("x=1", Newest, 50, "2,500 found · page 50 of 50");
        var pending = all.Count(o => o.Status == OrderStatus.Pending);
        await Check("status=pending", q => Newest(q.Where(o => o.Status == OrderStatus.Pending)), 3, $"{pending:N0} found · page 3 of {(pending + 49) / 50}");
        await Check("status=delivered&payment_status=paid", q => Newest(q.Where(o => o.Status == OrderStatus.Delivered && o.PaymentStatus == PaymentStatus.Paid)), 2);
        await Check("payment_status=refunded", q => Newest(q.Where(o => o.PaymentStatus == PaymentStatus.Refunded)), 1);
        await Check($"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", q => Newest(q.Where(o => o.CreatedAt >= from && o.CreatedAt < to.AddDays(1))), 2);
        await Check($"customer={Uri.EscapeDataString(some.FullName)}", q => Newest(q.Where(o => o.FullName.Contains(some.FullName))), 1);
        await Check($"customer={some.UserId}&status=cancelled", q => Newest(q.Where(o => o.UserId == some.UserId && o.Status == OrderStatus.Cancelled)), 1);
        await Check($"order_number={some.Number.ToLowerInvariant()}", q => q.Where(o => o.Number == some.Number), 1, "1 found · page 1 of 1");
        await Check("sort=total&dir=asc", q => q.OrderBy(o => o.TotalMinor).ThenBy(o => o.Id), 12);
        await Check("sort=number", q => q.OrderByDescending(o => o.Number).ThenByDescending(o => o.Id), 4);
        await Check("sort=status&dir=asc&status=shipped", q => q.Where(o => o.Status == OrderStatus.Shipped).OrderBy(o => o.Status).ThenBy(o => o.Id), 2);
        // A page past the end of an exact count shows the last page.
        var refunded = all.Count(o => o.Status == OrderStatus.Refunded);
        var last = (refunded + 49) / 50;
        await Check("status=refunded", q => Newest(q.Where(o => o.Status == OrderStatus.Refunded)), last, $"{refunded:N0} found · page {last} of {last}");
        (await staff.GetPageAsync("/admin/orders?status=refunded&page=900")).ShouldContain($"page {last} of {last}");
    }

    [GeneratedRegex(@"<td><a href=""/admin/orders/([0-9a-f-]{36})"">")]
    private static partial Regex OrderLinks();

    [GeneratedRegex(@"numbered (BEN-\d+-)\*")]
    private static partial Regex Numbers();
}
