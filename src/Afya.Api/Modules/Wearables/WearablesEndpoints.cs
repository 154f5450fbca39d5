using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables.Payloads;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Microsoft.AspNetCore.Authorization;

namespace Afya.Api.Modules.Wearables;

public static class WearablesEndpoints
{
    // Sync takes a user's bearer token or a device's ingest token; every other route a user's token only.
    private static readonly AuthorizationPolicy UserOrDevice = new AuthorizationPolicyBuilder(DeviceTokenHandler.UserOrDeviceScheme)
        .RequireAuthenticatedUser().Build();

    private const string OwnDevices = "the patient's own devices and readings, no one else's record";

    // Reads of a patient's data are audited by Care's filter on the group, refusals included.
    public static IEndpointRouteBuilder MapWearables(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/wearables").WithTags("Wearables").RequireAuthorization().RequireRateLimiting(RateLimits.PerClient)
            .WithCareAudit();

        group.MapPost("/devices", Devices.Register).WithName("RegisterDevice").Unaudited(OwnDevices)
            .WithSummary("A patient registers a device of theirs; the answer shows its ingest token once").Problem(404, "PATIENT_NOT_FOUND");
        group.MapGet("/devices", Devices.List).WithName("ListDevices").Unaudited(OwnDevices)
            .WithSummary("The caller's devices, retired ones included").Problem(404, "PATIENT_NOT_FOUND");
        group.MapPost("/devices/{id:guid}/token", Devices.RotateToken).WithName("RotateDeviceToken").Unaudited(OwnDevices)
            .WithSummary("A new ingest token; the old one stops working").Problem(404, "DEVICE_NOT_FOUND");
        group.MapDelete("/devices/{id:guid}", Devices.Retire).WithName("RetireDevice").Unaudited(OwnDevices)
            .WithSummary("Retire a device: its token stops working, its readings stay").Problem(404, "DEVICE_NOT_FOUND");

        // Batches carry thousands of items whose every rule ReadingRules checks (refusing per item, not per batch). Their
        // records declare no attribute rule, so the framework's filter, whose walk over each item was a third of a batch's
        // CPU, is off here as on every such route (ValidationWhereDeclared); ValidationTests keeps it so.
        group.MapPost("/sync", Sync.Handle).WithName("SyncReadings").RequireAuthorization(UserOrDevice).Unaudited(OwnDevices)
            .WithSummary("Up to 5,000 readings (Bearer token, or X-Device-Token); counts accepted, duplicates and refused with reasons per index")
            .Problem(401, "INVALID_DEVICE_TOKEN").Problem(404, "PATIENT_NOT_FOUND", "DEVICE_NOT_FOUND").Problem(413, "BATCH_TOO_LARGE");
        MapPhoneSync(group.MapPost("/sync/healthkit", PhoneSync.HealthKit).WithName("SyncHealthKit"),
            "HealthKit samples as a companion app forwards them ({samples: [{uuid, type, value, unit, startDate}]}, blood pressure as a correlation)");
        MapPhoneSync(group.MapPost("/sync/health-connect", PhoneSync.HealthConnect).WithName("SyncHealthConnect"),
            "Health Connect records as serialised by the platform ({records: [{recordType, time, metadata: {id}, ...}]})");
        MapPhoneSync(group.MapPost("/sync/open-mhealth", PhoneSync.OpenMHealth).WithName("SyncOpenMHealth"),
            "Open mHealth data points (one, a list, or {data_points: [...]})");

        group.MapGet("/metrics/recent", Readings.Recent).WithName("RecentReadings").AuditedAs("wearables.recent")
            .WithSummary("Latest readings, newest first (?metric=&since=&limit=&patient_id=)")
            .Problem(400, "UNKNOWN_METRIC", "VALIDATION_FAILED").Problem(404, "PATIENT_NOT_FOUND");
        group.MapGet("/summary", Readings.Summary).WithName("WearablesSummary").AuditedAs("wearables.summary")
            .WithSummary("Per metric over a day, week or month: count, min, max, mean, latest; resting and peak heart rate; per-day buckets")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "PATIENT_NOT_FOUND");
        group.MapGet("/metrics/series", Readings.Series).WithName("ReadingSeries").AuditedAs("wearables.series")
            .WithSummary("One metric in 5m, 1h or 1d buckets between from and to")
            .Problem(400, "UNKNOWN_METRIC", "VALIDATION_FAILED", "RANGE_TOO_LARGE").Problem(404, "PATIENT_NOT_FOUND");

        group.MapGet("/alerts", Alerts.List).WithName("ListWearableAlerts").AuditedAs("wearables.alerts")
            .WithSummary("Alerts of the patients whose wearables the caller may read, newest first (?status=open|acknowledged&patient_id=)")
            .Problem(400, "VALIDATION_FAILED", "INVALID_PAGE");
        group.MapPost("/alerts/{id:guid}/acknowledge", Alerts.Acknowledge).WithName("AcknowledgeWearableAlert").AuditedAs("wearables.alert.acknowledge")
            .WithSummary("A doctor with access acknowledges an alert, with a note; re-sends stop")
            .Problem(403, "FORBIDDEN").Problem(404, "ALERT_NOT_FOUND").Problem(409, "ALERT_ALREADY_ACKNOWLEDGED");
        return app;
    }

    private static void MapPhoneSync(RouteHandlerBuilder route, string summary) =>
        route.RequireAuthorization(UserOrDevice).Unaudited(OwnDevices).WithSummary(summary)
            .Problem(400, "VALIDATION_FAILED").Problem(401, "INVALID_DEVICE_TOKEN").Problem(404, "PATIENT_NOT_FOUND", "DEVICE_NOT_FOUND")
            .Problem(413, "BATCH_TOO_LARGE");
}
