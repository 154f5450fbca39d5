using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Clinic;

// The Kuwait clinic's package routes, enveloped, thin over the native handlers. Failures are enveloped by the
// Kuwait problem writer (the /api/packages/ prefix is a Kuwait path).
public static class ClinicSurfaces
{
    public static IEndpointRouteBuilder MapClinicSurfaces(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Kuwait, "/api/packages") is not { } kuwait) return app;
        kuwait.MapGet("/available", Available).WithName("KuwaitAvailablePackages").AllowAnonymous();
        kuwait.MapPost("/purchase", Buy).WithName("KuwaitPurchasePackage").RequireAuthorization();
        kuwait.MapGet("/history", History).WithName("KuwaitPackageHistory").RequireAuthorization();
        return app;
    }

    private static async Task<Ok<Envelope<List<AvailablePackage>>>> Available(HttpRequest request, AfyaDb db, AfyaCache cache, CancellationToken ct) =>
        TypedResults.Ok(new Envelope<List<AvailablePackage>>(true, await Packages.AvailableAsync(Packages.Language(request), db, cache, ct),
            "Packages retrieved successfully"));

    private static async Task<Results<Created<Envelope<SubscriptionResponse>>, Ok<Envelope<SubscriptionResponse>>, ProblemHttpResult>> Buy(
        PurchaseRequest request, [AsParameters] PurchaseServices s, CancellationToken ct) =>
        await Purchase.Buy(request, s, ct) switch
        {
            { Result: Created<SubscriptionResponse> created } => TypedResults.Created(created.Location,
                new Envelope<SubscriptionResponse>(true, created.Value!, "Package purchased successfully")),
            { Result: Ok<SubscriptionResponse> ok } => TypedResults.Ok(new Envelope<SubscriptionResponse>(true, ok.Value!, "Package purchased successfully")),
            { Result: ProblemHttpResult problem } => problem,
            _ => throw new InvalidOperationException("Unexpected purchase result."),
        };

    private static async Task<Ok<Envelope<List<SubscriptionResponse>>>> History(Platform.Auth.CurrentUser me, AfyaDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(new Envelope<List<SubscriptionResponse>>(true, (await SubscriptionEndpoints.History(me, db, clock, ct)).Value!,
            "Package history retrieved successfully"));
}
