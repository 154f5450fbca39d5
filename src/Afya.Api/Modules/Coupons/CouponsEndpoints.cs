using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Coupons;

public static class CouponsEndpoints
{
    // Buyers apply a code at the cart (Shopping: POST|DELETE /api/v1/cart/coupon); checkout counts the use (Orders).
    public static IEndpointRouteBuilder MapCoupons(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/coupons").WithTags("Admin: coupons").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit()
            .RequireRateLimiting(RateLimits.PerClient);
        admin.MapGet("/", AdminCoupons.List).WithName("AdminListCoupons").WithSummary("Coupons, newest first; ?search= matches codes").Problem(400, "INVALID_PAGE");
        admin.MapPost("/", AdminCoupons.Create).WithName("AdminCreateCoupon")
            .WithSummary("{code, kind: percent|amount, percent_off | amount_off, min_subtotal, starts_at, ends_at, usage_limit, per_user_limit, is_active}")
            .Problem(400, "VALIDATION_FAILED").Problem(409, "COUPON_CODE_TAKEN");
        admin.MapGet("/{id:guid}", AdminCoupons.Get).WithName("AdminGetCoupon").Problem(404, "COUPON_NOT_FOUND");
        admin.MapPatch("/{id:guid}", AdminCoupons.Update).WithName("AdminUpdateCoupon")
            .Problem(404, "COUPON_NOT_FOUND").Problem(400, "VALIDATION_FAILED").Problem(409, "COUPON_CODE_TAKEN");
        admin.MapDelete("/{id:guid}", AdminCoupons.Deactivate).WithName("AdminDeactivateCoupon")
            .WithSummary("Deactivate: no new uses; orders keep what it took off").Problem(404, "COUPON_NOT_FOUND");
        return app;
    }
}
