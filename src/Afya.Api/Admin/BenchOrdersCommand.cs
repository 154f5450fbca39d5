using System.CommandLine;
using System.Globalization;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;

namespace Afya.Api.Admin;

// `afya bench-orders --orders 100000`: realistic orders for the console's benchmark (bench/console.sh), written straight
// to the tables in batches of 2,000 (placing 100,000 orders through the API takes hours on a small machine). Each order
// has one to three items of existing products, a status and payment status that fit together (the state machine's
// pairs), M-Pesa or cash, and for a paid M-Pesa order a succeeded transaction. Stock is not touched: these orders
// exist to be listed, filtered, exported and counted, not fulfilled.
internal sealed class BenchOrdersCommand : ICliCommand
{
    private static readonly (OrderStatus Status, PaymentStatus Payment)[] States =
    [
        (OrderStatus.Pending, PaymentStatus.Unpaid), (OrderStatus.Pending, PaymentStatus.Pending), (OrderStatus.Confirmed, PaymentStatus.Paid),
        (OrderStatus.Processing, PaymentStatus.Paid), (OrderStatus.Shipped, PaymentStatus.Paid), (OrderStatus.Delivered, PaymentStatus.Paid),
        (OrderStatus.Delivered, PaymentStatus.Paid), (OrderStatus.Cancelled, PaymentStatus.Unpaid), (OrderStatus.Refunded, PaymentStatus.Refunded),
    ];

    private static readonly string[] Cities = ["Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Thika", "Machakos"];

    public Command Build(IServiceProvider services)
    {
        var count = new Option<int>("--orders") { Description = "How many orders to add.", DefaultValueFactory = _ => 100_000 };
        var command = new Command("bench-orders", "Add generated orders (with items and M-Pesa payments) for benchmarks.") { count };
        command.SetAction(async (parse, ct) =>
        {
            var total = parse.GetValue(count);
            if (total is < 1 or > 10_000_000)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync("--orders must be 1 to 10,000,000.");
                return 2;
            }
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var run = now.Ticks.ToString(CultureInfo.InvariantCulture)[^6..];
            var products = await db.Set<Product>().AsNoTracking().OrderByDescending(p => p.CreatedAt).Take(5_000)
                .Select(p => new { p.Id, p.Name, p.BasePrice }).ToListAsync(ct);
            var buyers = await db.Set<User>().AsNoTracking().OrderBy(u => u.Id).Take(500).Select(u => new { u.Id, Email = u.Email ?? "bench@example.com" }).ToListAsync(ct);
            if (products.Count == 0 || buyers.Count == 0)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync("Add products (afya bench-seed) and at least one account first.");
                return 2;
            }
            var random = new Random(7);
            for (var done = 0; done < total;)
            {
                var batch = Math.Min(2_000, total - done);
                for (var i = 0; i < batch; i++, done++)
                {
                    var buyer = buyers[random.Next(buyers.Count)];
                    var (status, payment) = States[random.Next(States.Length)];
                    var mpesa = random.Next(4) != 0;
                    var placed = now.AddMinutes(-random.Next(0, 180 * 24 * 60));
                    var order = new Order
                    {
                        Number = $"BEN-{run}-{done:D7}", UserId = buyer.Id, Status = status, PaymentStatus = payment,
                        PaymentMethod = mpesa ? PaymentMethod.Mpesa : PaymentMethod.CashOnDelivery, FullName = $"Bench Buyer {done % 997}", Email = buyer.Email,
                        Phone = "+2547" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture), ShippingAddress = $"{done % 500 + 1} Bench Road",
                        City = Cities[random.Next(Cities.Length)], County = "Kenya", CreatedAt = placed, UpdatedAt = placed.AddHours(random.Next(0, 72)),
                        Carrier = status is OrderStatus.Shipped or OrderStatus.Delivered ? "G4S" : null,
                        TrackingNumber = status is OrderStatus.Shipped or OrderStatus.Delivered ? $"G4S-{run}-{done}" : null,
                    };
                    foreach (var _ in Enumerable.Range(0, random.Next(1, 4)))
                    {
                        var p = products[random.Next(products.Count)];
                        var quantity = random.Next(1, 4);
                        order.Items.Add(new OrderItem { ProductId = p.Id, Name = p.Name, UnitPriceMinor = p.BasePrice, Quantity = quantity, LineTotalMinor = p.BasePrice * quantity });
                    }
                    order.SubtotalMinor = order.Items.Sum(x => x.LineTotalMinor);
                    order.ShippingMinor = 20_000;
                    order.TotalMinor = order.SubtotalMinor + order.ShippingMinor;
                    order.Timeline.Add(new OrderEvent { At = placed, Kind = "status", To = "pending", By = buyer.Id.ToString() });
                    if (payment is PaymentStatus.Paid or PaymentStatus.Refunded)
                    {
                        order.PaidAt = placed.AddMinutes(2);
                        order.PaymentReference = mpesa ? $"BEN{run}{done:D7}" : $"CASH-{order.Number}";
                    }
                    db.Add(order);
                    if (mpesa && payment is not PaymentStatus.Unpaid)
                        db.Add(new MpesaTransaction
                        {
                            OrderId = order.Id, UserId = buyer.Id, Phone = order.Phone[1..], Amount = order.TotalMinor / 100, AccountReference = $"B{done:D7}",
                            Description = "Bench order", CheckoutRequestId = $"ws_CO_BEN{run}{done:D7}", CreatedAt = placed, UpdatedAt = placed.AddMinutes(2),
                            Status = payment == PaymentStatus.Pending ? MpesaStatus.Pending : MpesaStatus.Succeeded,
                            ResultCode = payment == PaymentStatus.Pending ? null : 0, ReceiptNumber = order.PaymentReference,
                            CompletedAt = payment == PaymentStatus.Pending ? null : order.PaidAt,
                        });
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Added {total} orders numbered BEN-{run}-*.");
            return 0;
        });
        return command;
    }
}
