using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
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
            .PurchaseProblems();
        mine.MapGet("/active", SubscriptionEndpoints.Active).WithName("ActivePackage").WithSummary("The package in force, remaining services and days")
            .Problem(404, "NO_ACTIVE_PACKAGE");
        mine.MapGet("/history", SubscriptionEndpoints.History).WithName("PackageHistory").WithSummary("Every purchase, newest first, with usage");
        mine.MapPost("/{id:guid}/cancel", SubscriptionEndpoints.CancelMine).WithName("CancelPackage")
            .WithSummary("Cancel your purchase while it waits for money or is under review; money that arrived goes back by M-Pesa")
            .Problem(404, "SUBSCRIPTION_NOT_FOUND").Problem(409, "NOT_CANCELLABLE", "SUBSCRIPTION_CHANGED").Problem(422, "PAYMENT_PENDING");

        var admin = app.MapGroup("/api/v1/admin").WithTags("Clinic packages").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit().RequireRateLimiting(RateLimits.PerClient);
        admin.MapGet("/packages", Packages.List).WithName("AdminPackages");
        admin.MapPost("/packages", Packages.Create).WithName("AdminCreatePackage").Problem(400, "VALIDATION_FAILED");
        admin.MapGet("/packages/{id:guid}", Packages.Get).WithName("AdminPackage").Problem(404, "PACKAGE_NOT_FOUND");
        admin.MapPut("/packages/{id:guid}", Packages.Update).WithName("AdminUpdatePackage").Problem(400, "VALIDATION_FAILED").Problem(404, "PACKAGE_NOT_FOUND");
        admin.MapPatch("/packages/{id:guid}", Packages.Update).WithName("AdminPatchPackage").Problem(400, "VALIDATION_FAILED").Problem(404, "PACKAGE_NOT_FOUND");
        admin.MapDelete("/packages/{id:guid}", Packages.Delete).WithName("AdminDeletePackage")
            .WithSummary("Deletes an unsold package; a sold one is deactivated").Problem(404, "PACKAGE_NOT_FOUND");
        admin.MapGet("/subscriptions", AdminSubscriptions.List).WithName("AdminSubscriptions")
            .WithSummary("Every subscription, newest first, paged; ?status= and ?user_id= filter").Problem(400, "INVALID_PAGE", "INVALID_FILTER");
        admin.MapGet("/subscriptions/{id:guid}", SubscriptionEndpoints.Get).WithName("AdminSubscription").Problem(404, "SUBSCRIPTION_NOT_FOUND");
        admin.MapPost("/subscriptions/{id:guid}/confirm", SubscriptionEndpoints.Confirm).WithName("AdminConfirmSubscription")
            .WithSummary("Cash received: the subscription starts or queues")
            .Problem(404, "SUBSCRIPTION_NOT_FOUND").Problem(409, "NOT_PENDING_PAYMENT").Problem(422, "NOT_CASH");
        admin.MapPost("/subscriptions/{id:guid}/usage", SubscriptionEndpoints.Use).WithName("AdminRecordUsage")
            .WithSummary("{service, note}: one use; over the included count is 422")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "SUBSCRIPTION_NOT_FOUND")
            .Problem(422, "SUBSCRIPTION_NOT_ACTIVE", "SERVICE_NOT_INCLUDED", "SERVICE_LIMIT_REACHED");
        admin.MapPost("/subscriptions/{id:guid}/cancel", SubscriptionEndpoints.Cancel).WithName("AdminCancelSubscription")
            .WithSummary("{refund, reason?}: refund sends M-Pesa money back (always for a payment under review); cash is recorded")
            .Problem(404, "SUBSCRIPTION_NOT_FOUND").Problem(409, "NOT_CANCELLABLE", "SUBSCRIPTION_CHANGED");

        // The Kuwait clinic's paths: the native handlers; the surface group's filter puts them in its envelope.
        if (app.MapSurface(SeedSurfaces.Kuwait, "/api/packages") is { } kuwait)
        {
            kuwait.MapGet("/available", Packages.Available).WithName("KuwaitAvailablePackages").AllowAnonymous()
                .WithEnvelopeMessage("Packages retrieved successfully");
            kuwait.MapPost("/purchase", Purchase.Buy).WithName("KuwaitPurchasePackage").RequireAuthorization()
                .WithIdempotency<PurchaseRequest>(Purchase.IdempotencyScope)
                .PurchaseProblems()
                .WithEnvelopeMessage("Package purchased successfully");
            kuwait.MapGet("/history", SubscriptionEndpoints.History).WithName("KuwaitPackageHistory").RequireAuthorization()
                .WithEnvelopeMessage("Package history retrieved successfully");
        }
        return app;
    }

    // What a purchase can answer, on the native and the Kuwait route alike (idempotency's codes come with WithIdempotency).
    private static RouteHandlerBuilder PurchaseProblems(this RouteHandlerBuilder route) =>
        route.Problem(400, "VALIDATION_FAILED", "INVALID_PHONE").Problem(404, "PACKAGE_NOT_FOUND")
            .Problem(422, "PACKAGE_NOT_FREE", "PAYMENT_METHOD_CURRENCY").Problem(502, "MPESA_REJECTED");
}
