using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Clinic;

public static class ClinicEndpoints
{
    public static IEndpointRouteBuilder MapClinic(this IEndpointRouteBuilder app)
    {
        var packages = app.MapGroup("/api/v1/packages").WithTags("Clinic packages").RequireRateLimiting(RateLimits.PerClient);
        packages.MapGet("/available", Packages.Available).WithName("AvailablePackages").AllowAnonymous()
            .WithSummary("Active packages in display order; Accept-Language: ar answers in Arabic");
        var mine = packages.MapGroup("").RequireAuthorization();
        mine.MapPost("/purchase", Purchase.Buy).WithName("PurchasePackage").WithIdempotency<PurchaseRequest>(Purchase.IdempotencyScope)
            .WithSummary("{package_id, user_info? {name, national_id}, payment_method (cash | mpesa | free), phone_number?}; honours Idempotency-Key")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(422).ProducesProblem(502);
        mine.MapGet("/active", SubscriptionEndpoints.Active).WithName("ActivePackage").WithSummary("The package in force, remaining services and days")
            .ProducesProblem(401).ProducesProblem(404);
        mine.MapGet("/history", SubscriptionEndpoints.History).WithName("PackageHistory").WithSummary("Every purchase, newest first, with usage")
            .ProducesProblem(401);

        var admin = app.MapGroup("/api/v1/admin").WithTags("Clinic packages").RequireAuthorization(Roles.AdminPolicy).RequireRateLimiting(RateLimits.PerClient);
        admin.MapGet("/packages", Packages.List).WithName("AdminPackages").ProducesProblem(401).ProducesProblem(403);
        admin.MapPost("/packages", Packages.Create).WithName("AdminCreatePackage").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        admin.MapGet("/packages/{id:guid}", Packages.Get).WithName("AdminPackage").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        admin.MapPut("/packages/{id:guid}", Packages.Update).WithName("AdminUpdatePackage").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        admin.MapPatch("/packages/{id:guid}", Packages.Update).WithName("AdminPatchPackage").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        admin.MapDelete("/packages/{id:guid}", Packages.Delete).WithName("AdminDeletePackage")
            .WithSummary("Deletes an unsold package; a sold one is deactivated").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        admin.MapGet("/subscriptions", AdminSubscriptions.List).WithName("AdminSubscriptions")
            .WithSummary("Every subscription, newest first, paged; ?status= and ?user_id= filter").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        admin.MapGet("/subscriptions/{id:guid}", SubscriptionEndpoints.Get).WithName("AdminSubscription").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        admin.MapPost("/subscriptions/{id:guid}/confirm", SubscriptionEndpoints.Confirm).WithName("AdminConfirmSubscription")
            .WithSummary("Cash received: the subscription starts or queues").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        admin.MapPost("/subscriptions/{id:guid}/usage", SubscriptionEndpoints.Use).WithName("AdminRecordUsage")
            .WithSummary("{service, note}: one use; over the included count is 422").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        admin.MapPost("/subscriptions/{id:guid}/cancel", SubscriptionEndpoints.Cancel).WithName("AdminCancelSubscription")
            .WithSummary("{refund, reason?}").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        // The Kuwait clinic's paths: the native handlers; the surface group's filter puts them in its envelope.
        if (app.MapSurface(SeedSurfaces.Kuwait, "/api/packages") is { } kuwait)
        {
            kuwait.MapGet("/available", Packages.Available).WithName("KuwaitAvailablePackages").AllowAnonymous()
                .WithEnvelopeMessage("Packages retrieved successfully");
            kuwait.MapPost("/purchase", Purchase.Buy).WithName("KuwaitPurchasePackage").RequireAuthorization()
                .WithIdempotency<PurchaseRequest>(Purchase.IdempotencyScope)
                .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(422).ProducesProblem(502)
                .WithEnvelopeMessage("Package purchased successfully");
            kuwait.MapGet("/history", SubscriptionEndpoints.History).WithName("KuwaitPackageHistory").RequireAuthorization()
                .ProducesProblem(401).WithEnvelopeMessage("Package history retrieved successfully");
        }
        return app;
    }
}
