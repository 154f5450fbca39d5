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

    [GeneratedRegex(@"numbered (BEN-\d+-)\*")]
    private static partial Regex Numbers();
}
