namespace Afya.Api.Modules.Coupons;

public static class CouponsModule
{
    public static WebApplicationBuilder AddCoupons(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Contracts.ICouponBook, CouponBook>();
        return builder;
    }
}
