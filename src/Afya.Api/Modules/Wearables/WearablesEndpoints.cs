using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Afya.Api.Modules.Wearables;

public static class WearablesEndpoints
{
    // Sync takes a user's bearer token or a device's ingest token; every other route a user's token only.
    private static readonly AuthorizationPolicy UserOrDevice = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme, DeviceTokenHandler.SchemeName)
        .RequireAuthenticatedUser().Build();

    public static IEndpointRouteBuilder MapWearables(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/wearables").WithTags("Wearables").RequireAuthorization().RequireRateLimiting(RateLimits.PerClient);

        group.MapPost("/devices", Devices.Register).WithName("RegisterDevice")
            .WithSummary("A patient registers a device of theirs; the answer shows its ingest token once")
            .ProducesValidationProblem().ProducesProblem(404);
        group.MapGet("/devices", Devices.List).WithName("ListDevices").WithSummary("The caller's devices, retired ones included").ProducesProblem(404);
        group.MapPost("/devices/{id:guid}/token", Devices.RotateToken).WithName("RotateDeviceToken")
            .WithSummary("A new ingest token; the old one stops working").ProducesProblem(404);
        group.MapDelete("/devices/{id:guid}", Devices.Retire).WithName("RetireDevice")
            .WithSummary("Retire a device: its token stops working, its readings stay").ProducesProblem(404);

        group.MapPost("/sync", Sync.Handle).WithName("SyncReadings").RequireAuthorization(UserOrDevice)
            .WithSummary("Up to 5,000 readings (Bearer token, or X-Device-Token); counts accepted, duplicates and refused with reasons per index")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(413);

        group.MapGet("/metrics/recent", Readings.Recent).WithName("RecentReadings").AuditedAs("wearables.recent")
            .WithSummary("Latest readings, newest first (?metric=&since=&limit=&patient_id=)").ProducesValidationProblem().ProducesProblem(404);
        group.MapGet("/summary", Readings.Summary).WithName("WearablesSummary").AuditedAs("wearables.summary")
            .WithSummary("Per metric over a day, week or month: count, min, max, mean, latest; resting and peak heart rate; per-day buckets")
            .ProducesValidationProblem().ProducesProblem(404);
        group.MapGet("/metrics/series", Readings.Series).WithName("ReadingSeries").AuditedAs("wearables.series")
            .WithSummary("One metric in 5m, 1h or 1d buckets between from and to").ProducesValidationProblem().ProducesProblem(404);

        group.MapGet("/alerts", Alerts.List).WithName("ListWearableAlerts").AuditedAs("wearables.alerts")
            .WithSummary("Alerts of the patients whose wearables the caller may read, newest first (?status=open|acknowledged&patient_id=)")
            .ProducesValidationProblem();
        group.MapPost("/alerts/{id:guid}/acknowledge", Alerts.Acknowledge).WithName("AcknowledgeWearableAlert").AuditedAs("wearables.alert.acknowledge")
            .WithSummary("A doctor with access acknowledges an alert, with a note; re-sends stop")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }
}
