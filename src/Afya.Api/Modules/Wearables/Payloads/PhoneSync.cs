using System.Text.Json;
using Afya.Api.Modules.Wearables.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Modules.Wearables.Payloads;

// The phone-platform sync routes: each maps its payload unchanged to readings, then runs the one sync path.
public static class PhoneSync
{
    public static Task<Results<Ok<SyncResponse>, ProblemHttpResult>> HealthKit(JsonElement body, [FromQuery(Name = "device_id")] Guid? deviceId,
        HttpContext http, CurrentUser me, [AsParameters] SyncServices s, CancellationToken ct) =>
        RunAsync(HealthKitPayload.Map(body), "samples", deviceId ?? body.DeviceId(), http, me, s, ct);

    public static Task<Results<Ok<SyncResponse>, ProblemHttpResult>> HealthConnect(JsonElement body, [FromQuery(Name = "device_id")] Guid? deviceId,
        HttpContext http, CurrentUser me, [AsParameters] SyncServices s, CancellationToken ct) =>
        RunAsync(HealthConnectPayload.Map(body), "records", deviceId ?? body.DeviceId(), http, me, s, ct);

    public static Task<Results<Ok<SyncResponse>, ProblemHttpResult>> OpenMHealth(JsonElement body, [FromQuery(Name = "device_id")] Guid? deviceId,
        HttpContext http, CurrentUser me, [AsParameters] SyncServices s, CancellationToken ct) =>
        RunAsync(OpenMHealthPayload.Map(body), "data_points", deviceId ?? body.DeviceId(), http, me, s, ct);

    private static async Task<Results<Ok<SyncResponse>, ProblemHttpResult>> RunAsync(IReadOnlyList<MappedReading>? items, string field, Guid? deviceId,
        HttpContext http, CurrentUser me, SyncServices s, CancellationToken ct)
    {
        if (items is not { Count: > 0 }) return ApiProblem.Field(field, $"Send at least one item in {field}.");
        return (await Sync.RunAsync(items, deviceId, http, me, s, ct)).Then(r => TypedResults.Ok(Sync.Response(r)));
    }
}

// What other modules (FHIR's POST Observation and transaction Bundles) call to store readings.
internal sealed class VitalsIngest(IHttpContextAccessor http, CurrentUser me, SyncServices s) : IVitalsIngest
{
    public Task<Result<SyncReport>> SyncAsync(IReadOnlyList<MappedReading> items, Guid? deviceId, CancellationToken ct) =>
        Sync.RunAsync(items, deviceId, http.HttpContext!, me, s, ct);
}
