using System.Net;
using System.Text.RegularExpressions;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Orders;

public abstract partial class OrdersTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : OrdersTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : OrdersTests(apps.Postgres);

    [GeneratedRegex(@"^AFY-\d{4}-\d{6}$")]
    private static partial Regex OrderNumber();

    [Fact]
    public async Task Checkout_with_the_Amazon_Kenya_body_snapshots_the_cart_adds_flat_shipping_and_empties_the_cart()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 1_999.50m, stock: 10);
        var customer = await OrdersWorld.CustomerAsync(app);
        var order = await OrdersWorld.OrderAsync(app, customer, product, quantity: 2);

        OrderNumber().IsMatch(order["order_number"]!.GetValue<string>()).ShouldBeTrue(order["order_number"]!.ToString());
        order["status"]!.GetValue<string>().ShouldBe("pending");
        order["payment_status"]!.GetValue<string>().ShouldBe("unpaid");
        order["payment_method"]!.GetValue<string>().ShouldBe("mpesa");
        order["mpesa_phone"]!.GetValue<string>().ShouldBe("+254712345678");
        order["items"]!.AsArray().Count.ShouldBe(1);
        order["items"]![0]!["product_name"]!.GetValue<string>().ShouldBe(product.Name);
        order["items"]![0]!["unit_price"]!.GetValue<decimal>().ShouldBe(1_999.50m);
        order["subtotal"]!.GetValue<decimal>().ShouldBe(3_999m);
        order["shipping_cost"]!.GetValue<decimal>().ShouldBe(200m);
        order["total"]!.GetValue<decimal>().ShouldBe(4_199m);
        order["timeline"]![0]!["to"]!.GetValue<string>().ShouldBe("pending");
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(8);

        (await (await customer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(0);
        var id = order["id"]!.GetValue<string>();
        var list = await (await customer.GetAsync("/api/v1/orders/")).ShouldBe(HttpStatusCode.OK);
        list["results"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ShouldBe([id]);
        (await (await customer.GetAsync($"/api/v1/orders/{id}/")).ShouldBe(HttpStatusCode.OK))["order_number"]!.GetValue<string>()
            .ShouldBe(order["order_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_users_order_is_not_found()
    {
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var order = await OrdersWorld.OrderAsync(app, await OrdersWorld.CustomerAsync(app), product);
        var stranger = await OrdersWorld.CustomerAsync(app);
        var id = order["id"]!.GetValue<string>();
        await (await stranger.GetAsync($"/api/v1/orders/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "ORDER_NOT_FOUND");
        await (await stranger.PostJson($"/api/v1/orders/{id}/cancel", new { })).ShouldBeProblem(HttpStatusCode.NotFound, "ORDER_NOT_FOUND");
        await (await stranger.GetAsync($"/api/v1/orders/{id}/invoice")).ShouldBeProblem(HttpStatusCode.NotFound, "ORDER_NOT_FOUND");
        (await (await stranger.GetAsync("/api/v1/orders")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Checkout_with_the_Dira_body_keeps_structured_addresses_and_prices_shipping_itself()
    {
        var (_, product) = await OrdersWorld.StockedAsync(app, price: 500m);
        var customer = await OrdersWorld.CustomerAsync(app);
        var order = await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.DiraBody());
        order["payment_method"]!.GetValue<string>().ShouldBe("cash_on_delivery");
        order["full_name"]!.GetValue<string>().ShouldBe("Wanjiru Mwangi");
        order["shipping_address"]!.GetValue<string>().ShouldBe("Ngong Road 45, Apartment 3");
        order["city"]!.GetValue<string>().ShouldBe("Nairobi");
        order["shipping_address_detail"]!["postal_code"]!.GetValue<string>().ShouldBe("00100");
        order["billing_address"]!["address_line1"]!.GetValue<string>().ShouldBe("Ngong Road 45");
        order["shipping_cost"]!.GetValue<decimal>().ShouldBe(200m);
        order["total"]!.GetValue<decimal>().ShouldBe(700m);
    }

    [Theory]
    [InlineData("credit_card")]
    [InlineData("bank_transfer")]
    public async Task Payment_methods_Afya_cannot_take_are_refused(string method)
    {
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        await (await customer.PostJson("/api/v1/orders", OrdersWorld.DiraBody(method))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "PAYMENT_METHOD_UNSUPPORTED");
        (await (await customer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Checkout_with_an_empty_cart_is_refused()
    {
        var customer = await OrdersWorld.CustomerAsync(app);
        await (await customer.PostJson("/api/v1/orders", OrdersWorld.AmazonBody())).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "CART_EMPTY");
    }

    [Fact]
    public async Task Checkout_with_missing_fields_names_them()
    {
        var customer = await OrdersWorld.CustomerAsync(app);
        var problem = await (await customer.PostJson("/api/v1/orders", new { payment_method = "mpesa", phone = "12" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["phone", "shipping_address", "city", "mpesa_phone"], ignoreOrder: true);
        await (await app.Client().PostJson("/api/v1/orders", OrdersWorld.AmazonBody())).ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
    }

    [Fact]
    public async Task A_retried_checkout_with_the_same_Idempotency_Key_returns_the_first_order()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        customer.DefaultRequestHeaders.Add("Idempotency-Key", "checkout-" + Guid.NewGuid());

        var first = await (await customer.PostJson("/api/v1/orders", OrdersWorld.AmazonBody())).ShouldBe(HttpStatusCode.Created);
        var again = await (await customer.PostJson("/api/v1/orders", OrdersWorld.AmazonBody())).ShouldBe(HttpStatusCode.Created);
        again["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(9);
        (await (await customer.GetAsync("/api/v1/orders")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(1);

        await (await customer.PostJson("/api/v1/orders", OrdersWorld.AmazonBody(method: "cash_on_delivery")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task Concurrent_checkouts_with_one_Idempotency_Key_make_one_order()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        customer.DefaultRequestHeaders.Add("Idempotency-Key", "same-" + Guid.NewGuid());
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => customer.PostJson("/api/v1/orders", OrdersWorld.AmazonBody())));
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        created.ShouldNotBeEmpty();
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            await refused.ShouldBeProblem(HttpStatusCode.Conflict, "IDEMPOTENCY_IN_PROGRESS");
        var ids = new HashSet<string>();
        foreach (var a in created) ids.Add((await a.Body())["id"]!.GetValue<string>());
        ids.Count.ShouldBe(1);
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(9);
    }

    [Fact]
    public async Task Twenty_buyers_racing_for_five_units_make_exactly_five_orders()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, stock: 5);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var c = await OrdersWorld.CustomerAsync(app);
            await (await c.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
            return c;
        }));
        var answers = await Task.WhenAll(buyers.Select(b => b.PostJson("/api/v1/orders", OrdersWorld.AmazonBody(method: "cash_on_delivery"))));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(5);
        foreach (var lost in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            var problem = await lost.ShouldBeProblem(HttpStatusCode.Conflict, "OUT_OF_STOCK");
            problem["item"]!.GetValue<string>().ShouldBe(product.Name);
            problem["product_id"]!.GetValue<string>().ShouldBe(product.Id);
        }
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(0);
    }

    // The total is counted for a full page and told by a page that ends the list; every page of three orders by two says 3.
    [Fact]
    public async Task Every_page_of_the_own_order_list_tells_the_same_total()
    {
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 10);
        var customer = await OrdersWorld.CustomerAsync(app);
        for (var i = 0; i < 3; i++) await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody(method: "cash_on_delivery"));
        foreach (var (page, size, shown, hasNext) in new[] { (1, 2, 2, true), (2, 2, 1, false), (3, 2, 0, false), (1, 3, 3, false), (2, 3, 0, false), (1, 5, 3, false) })
        {
            var body = await (await customer.GetAsync($"/api/v1/orders/?page={page}&page_size={size}")).ShouldBe(HttpStatusCode.OK);
            body["count"]!.GetValue<int>().ShouldBe(3, $"page {page} of {size}");
            body["results"]!.AsArray().Count.ShouldBe(shown, $"page {page} of {size}");
            (body["next"] is not null).ShouldBe(hasNext, $"page {page} of {size}");
        }
    }

    // A cart of a product and a variant of another: checkout takes each from its own row, and a second buyer short of the
    // variant gets nothing, the plain product's stock included.
    [Fact]
    public async Task Checkout_takes_a_variants_stock_beside_a_products_and_all_or_nothing()
    {
        var (shop, plain) = await OrdersWorld.StockedAsync(app, stock: 5);
        var sized = await shop.ProductAsync($"Brace {shop.Tag}", (await shop.CategoryAsync("Orders")).Id, 500m, stock: 7);
        var large = await shop.VariantAsync(sized.Id, 600m, 2, size: "L");
        async Task<HttpClient> BuyerAsync(int variantQuantity)
        {
            var c = await OrdersWorld.CustomerAsync(app);
            await (await c.PostJson("/api/v1/cart/", new { product_id = plain.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
            await (await c.PostJson("/api/v1/cart/", new { product_id = sized.Id, variant_id = large, quantity = variantQuantity })).ShouldBe(HttpStatusCode.Created);
            return c;
        }
        var first = await BuyerAsync(2);
        var second = await BuyerAsync(1);
        var order = await (await first.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody(method: "cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        order["items"]!.AsArray().Count.ShouldBe(2);
        (await (await second.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody(method: "cash_on_delivery"))).ShouldBeProblem(HttpStatusCode.Conflict, "OUT_OF_STOCK"))
            ["variant_id"]!.GetValue<int>().ShouldBe(large);

        (await OrdersWorld.StockAsync(shop, plain)).ShouldBe(4, "the second buyer's line of it was given back with the short variant");
        var product = await (await shop.Admin.GetAsync($"/api/v1/admin/products/{sized.Id}")).ShouldBe(HttpStatusCode.OK);
        product["variants"]!.AsArray().Single(v => v!["id"]!.GetValue<int>() == large)!["stock_quantity"]!.GetValue<int>().ShouldBe(0);
        (await (await second.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(2, "a refused checkout keeps the cart");
    }

    // Checkout prices the cart's lines from the catalog as it reads the cart (one batch on PostgreSQL): a variant taken off
    // sale after it went in the cart is refused as a line not for sale, and nothing is taken or emptied.
    [Fact]
    public async Task A_line_taken_off_sale_after_the_add_is_refused_at_checkout_and_nothing_is_taken()
    {
        var (shop, plain) = await OrdersWorld.StockedAsync(app, stock: 5);
        var sized = await shop.ProductAsync($"Sling {shop.Tag}", (await shop.CategoryAsync("Orders")).Id, 500m, stock: 7);
        var large = await shop.VariantAsync(sized.Id, 600m, 3, size: "L");
        var buyer = await OrdersWorld.CustomerAsync(app);
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = plain.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = sized.Id, variant_id = large, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        await (await shop.Admin.PatchJson($"/api/v1/admin/variants/{large}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);

        var problem = await (await buyer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody(method: "cash_on_delivery"))).ShouldBeProblem(HttpStatusCode.Conflict, "OUT_OF_STOCK");
        (problem["product_id"]!.GetValue<string>(), problem["variant_id"]!.GetValue<int>(), problem["item"]!.GetValue<string>(), problem["available_quantity"]!.GetValue<int>())
            .ShouldBe((sized.Id, large, "An item in the cart", 0));
        (await OrdersWorld.StockAsync(shop, plain)).ShouldBe(5);
        // The cart view leaves out a line not for sale; the plain line is still there to buy.
        (await (await buyer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(i => i!["product"]!["id"]!.GetValue<string>()).ShouldBe([plain.Id], "a refused checkout keeps the cart");
    }

    [Fact]
    public async Task The_owner_cancels_a_pending_order_and_the_stock_comes_back()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, stock: 3);
        var customer = await OrdersWorld.CustomerAsync(app);
        var order = await OrdersWorld.OrderAsync(app, customer, product, quantity: 2);
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(1);
        var id = order["id"]!.GetValue<string>();
        var cancelled = await (await customer.PostJson($"/api/v1/orders/{id}/cancel", new { reason = "Changed my mind" })).ShouldBe(HttpStatusCode.OK);
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["timeline"]!.AsArray().Last()!["note"]!.GetValue<string>().ShouldBe("Changed my mind");
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(3);
        await (await customer.PostJson($"/api/v1/orders/{id}/cancel", new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "INVALID_ORDER_TRANSITION");
    }

    // Every (from, to) pair of the seven statuses that the state machine does not allow for an unpaid order, plus every
    // move out of refunded (reached by paying and refunding): pending -> confirmed | cancelled, confirmed -> processing |
    // cancelled, processing -> shipped, shipped -> delivered are the only legal ones; refunded needs a paid order.
    public static TheoryData<string, string> IllegalMoves()
    {
        string[] all = ["pending", "confirmed", "processing", "shipped", "delivered", "cancelled", "refunded"];
        HashSet<(string, string)> legal = [("pending", "confirmed"), ("pending", "cancelled"), ("confirmed", "processing"), ("confirmed", "cancelled"),
            ("processing", "shipped"), ("shipped", "delivered")];
        var data = new TheoryData<string, string>();
        foreach (var from in all)
            foreach (var to in all)
                if (!legal.Contains((from, to))) data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public async Task Illegal_status_moves_are_refused(string from, string to)
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app);
        var order = await OrdersWorld.OrderAsync(app, await OrdersWorld.CustomerAsync(app), product, body: OrdersWorld.AmazonBody("cash_on_delivery"));
        var id = order["id"]!.GetValue<string>();
        string[] forward = ["confirmed", "processing", "shipped", "delivered"];
        if (from == "refunded")
            await (await shop.Admin.PostJson($"/api/v1/admin/orders/{id}/mark-paid", new { reference = "CASH-R" })).ShouldBe(HttpStatusCode.OK);
        var path = from switch
        {
            "pending" => [],
            "cancelled" => ["cancelled"],
            "refunded" => ["refunded"],
            _ => forward[..(Array.IndexOf(forward, from) + 1)],
        };
        foreach (var step in path)
            await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{id}/status", new { status = step })).ShouldBe(HttpStatusCode.OK);
        var problem = await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{id}/status", new { status = to }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "INVALID_ORDER_TRANSITION");
        problem["from"]!.GetValue<string>().ShouldBe(from);
    }

    [Fact]
    public async Task Staff_ship_with_a_carrier_and_tracking_number_that_the_order_keeps_and_its_customer_reads()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        var id = (await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody("cash_on_delivery")))["id"]!.GetValue<string>();
        await (await shop.Admin.PostJson($"/api/v1/admin/orders/{id}/mark-paid", new { reference = "CASH-S" })).ShouldBe(HttpStatusCode.OK);
        await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{id}/status", new { status = "processing", carrier = "G4S" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{id}/status", new { status = "processing" })).ShouldBe(HttpStatusCode.OK);
        await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{id}/status", new { status = "shipped", tracking_number = new string('9', 101) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var shipped = await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{id}/status",
            new { status = "shipped", carrier = " Sendy ", tracking_number = "SENDY-4411", note = "Two boxes" })).ShouldBe(HttpStatusCode.OK);
        shipped["carrier"]!.GetValue<string>().ShouldBe("Sendy");
        shipped["tracking_number"]!.GetValue<string>().ShouldBe("SENDY-4411");
        var read = await (await customer.GetAsync($"/api/v1/orders/{id}/")).ShouldBe(HttpStatusCode.OK);
        read["carrier"]!.GetValue<string>().ShouldBe("Sendy");
        read["tracking_number"]!.GetValue<string>().ShouldBe("SENDY-4411");
        read["timeline"]!.AsArray().Last()!["note"]!.GetValue<string>().ShouldBe("Two boxes");
    }

    [Fact]
    public async Task Cash_on_delivery_goes_through_every_state_with_a_timeline_and_an_invoice()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 2_500m);
        var customer = await OrdersWorld.CustomerAsync(app);
        var order = await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody("cash_on_delivery"));
        var id = order["id"]!.GetValue<string>();
        await (await customer.GetAsync($"/api/v1/orders/{id}/invoice")).ShouldBeProblem(HttpStatusCode.Conflict, "INVOICE_NOT_READY");
        foreach (var step in new[] { "confirmed", "processing", "shipped", "delivered" })
            await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{id}/status", new { status = step, note = $"now {step}" })).ShouldBe(HttpStatusCode.OK);
        var paid = await (await shop.Admin.PostJson($"/api/v1/admin/orders/{id}/mark-paid", new { reference = "CASH-001" })).ShouldBe(HttpStatusCode.OK);
        paid["payment_status"]!.GetValue<string>().ShouldBe("paid");
        paid["invoice_number"]!.GetValue<string>().ShouldStartWith("INV-");
        paid["timeline"]!.AsArray().Select(e => e!["to"]!.GetValue<string>())
            .ShouldBe(["pending", "confirmed", "processing", "shipped", "delivered", "paid"]);
        await (await shop.Admin.PostJson($"/api/v1/admin/orders/{id}/mark-paid", new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "INVALID_ORDER_TRANSITION");

        var pdf = await customer.GetAsync($"/api/v1/orders/{id}/invoice");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = Invoices.Text(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain(order["order_number"]!.GetValue<string>());
        text.ShouldContain("KES 2,700.00");
        text.ShouldContain("CASH-001");

        var found = await (await shop.Admin.GetAsync($"/api/v1/admin/orders?order_number={order["order_number"]}&payment_status=paid&status=delivered"))
            .ShouldBe(HttpStatusCode.OK);
        found["results"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(id);
        await (await shop.Admin.GetAsync("/api/v1/admin/orders?status=lost")).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_FILTER");
        await (await customer.GetAsync("/api/v1/admin/orders")).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");

        var refunded = await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{id}/status", new { status = "refunded" })).ShouldBe(HttpStatusCode.OK);
        refunded["payment_status"]!.GetValue<string>().ShouldBe("refunded");
    }

    [Fact]
    public async Task Buyers_reviews_are_verified_and_ordered_products_are_archived_with_the_real_purchase_records()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        var order = await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody("cash_on_delivery"));
        var browser = await OrdersWorld.CustomerAsync(app);
        (await (await browser.PostJson($"/api/v1/products/{product.Slug}/reviews", new { rating = 4 })).ShouldBe(HttpStatusCode.Created))
            ["verified_purchase"]!.GetValue<bool>().ShouldBeFalse();
        (await (await customer.PostJson($"/api/v1/products/{product.Slug}/reviews", new { rating = 5 })).ShouldBe(HttpStatusCode.Created))
            ["verified_purchase"]!.GetValue<bool>().ShouldBeFalse();

        await (await shop.Admin.PostJson($"/api/v1/admin/orders/{order["id"]}/mark-paid", new { })).ShouldBe(HttpStatusCode.OK);
        (await (await customer.PostJson($"/api/v1/products/{product.Slug}/reviews", new { rating = 5 })).ShouldBe(HttpStatusCode.OK))
            ["verified_purchase"]!.GetValue<bool>().ShouldBeTrue();

        var archived = await (await shop.Admin.DeleteAsync($"/api/v1/admin/products/{product.Id}")).ShouldBe(HttpStatusCode.OK);
        archived["archived"]!.GetValue<bool>().ShouldBeTrue();
        var unordered = await shop.ProductAsync($"Never ordered {shop.Tag}", (await shop.CategoryAsync("Unordered")).Id, 10);
        (await shop.Admin.DeleteAsync($"/api/v1/admin/products/{unordered.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
