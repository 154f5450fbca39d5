using System.Text.RegularExpressions;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Dira;

// Every one of the 91 operations the Dira backend serves (shared/reference/dira.md) is mapped on Afya, by method and
// path (parameter names and constraints aside; a trailing slash is the same route).
public sealed partial class DiraCoverageTests(Apps apps)
{
    // Every operation is built; an operation listed here would be one the coverage test still expects unmapped.
    public static readonly string[] NotBuiltYet = [];

    public static readonly string[] Operations =
    [
        "DELETE /admin/batch-products", "GET /admin/dashboard", "GET /admin/get-products/{product_id}", "GET /admin/list-categories",
        "GET /admin/list-products", "POST /admin/setup-initial-admin",
        "POST /admin/categories", "DELETE /admin/categories/{category_id}", "PATCH /admin/categories/{category_id}",
        "GET /admin/orders", "POST /admin/orders/delivery-zones/configure", "GET /admin/orders/{order_id}", "POST /admin/orders/{order_id}/complete",
        "POST /admin/orders/{order_id}/email/send", "POST /admin/orders/{order_id}/payment/verify", "POST /admin/orders/{order_id}/shipping/assign",
        "PATCH /admin/orders/{order_id}/status",
        "POST /admin/products", "PATCH /admin/products/batch/update-status", "DELETE /admin/products/{product_id}", "PATCH /admin/products/{product_id}",
        "POST /admin/users", "GET /admin/users/", "GET /admin/users/stats", "DELETE /admin/users/{user_id}", "GET /admin/users/{user_id}",
        "POST /admin/users/{user_id}/ban", "GET /admin/users/{user_id}/orders", "PATCH /admin/users/{user_id}/role", "POST /admin/users/{user_id}/unban",
        "GET /appointments/", "POST /appointments/schedule-appointment", "GET /appointments/technician", "GET /appointments/technician/{appointment_id}",
        "PATCH /appointments/technician/{appointment_id}", "DELETE /appointments/{appointment_id}", "GET /appointments/{appointment_id}",
        "PATCH /appointments/{appointment_id}",
        "POST /auth/confirm-reset-password/{user_private_key}", "POST /auth/login", "POST /auth/logout", "GET /auth/refresh-token",
        "POST /auth/request-verification-link", "POST /auth/reset-password", "POST /auth/signup", "GET /auth/user/me",
        "GET /auth/verify-account/{user_private_key}",
        "DELETE /cart/", "GET /cart/", "POST /cart/apply-coupon/{coupon_code}", "DELETE /cart/coupon", "POST /cart/items",
        "DELETE /cart/items/{item_id}", "PATCH /cart/items/{item_id}", "POST /cart/services", "DELETE /cart/services/{item_id}",
        "GET /homepage-sections/", "POST /homepage-sections/admin", "DELETE /homepage-sections/admin/{section_id}",
        "PATCH /homepage-sections/admin/{section_id}", "DELETE /homepage-sections/admin/{section_id}/products",
        "POST /homepage-sections/admin/{section_id}/products", "GET /homepage-sections/{section_id}",
        "GET /orders/", "POST /orders/", "GET /orders/status/{status}", "GET /orders/summary/stats", "GET /orders/{order_id}",
        "POST /orders/{order_id}/cancel",
        "POST /payments/mpesa/callback", "GET /payments/mpesa/config", "POST /payments/mpesa/config", "POST /payments/mpesa/order-payment",
        "GET /payments/mpesa/orders/{order_id}/transactions", "GET /payments/mpesa/status/{checkout_request_id}", "POST /payments/mpesa/stk-push",
        "GET /payments/mpesa/transactions/{transaction_id}",
        "POST /reviews/", "GET /reviews/my-reviews", "GET /reviews/product/{product_id}", "DELETE /reviews/{review_id}", "PATCH /reviews/{review_id}",
        "POST /reviews/{review_id}/vote",
        "GET /suppliers/", "POST /suppliers/add-supplier", "DELETE /suppliers/{id}/delete-supplier", "GET /suppliers/{id}/supplier",
        "PATCH /suppliers/{id}/update-supplier",
        "GET /user/activity/homepage", "GET /user/activity/product/{slug}", "GET /user/activity/top-picks",
    ];

    [Fact]
    public void The_list_is_the_reference_list()
    {
        Operations.Length.ShouldBe(91);
        Operations.Distinct().Count().ShouldBe(91);
        NotBuiltYet.ShouldBeSubsetOf(Operations);
    }

    [Fact]
    public void Every_dira_operation_is_mapped()
    {
        _ = apps.Sqlite.Client(); // starts the host, so every route is mapped
        var mapped = apps.Sqlite.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Shape(e.RoutePattern.RawText ?? "")}"))
            .ToHashSet(StringComparer.Ordinal);
        var missing = Operations.Where(o => !mapped.Contains(Key(o))).ToList();
        missing.ShouldBe(NotBuiltYet, ignoreOrder: true);
    }

    private static string Key(string operation)
    {
        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        return $"{operation[..space]} {Shape("/api/v1" + operation[(space + 1)..])}";
    }

    private static string Shape(string pattern) => Parameter().Replace(pattern, "{}").TrimEnd('/');

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
