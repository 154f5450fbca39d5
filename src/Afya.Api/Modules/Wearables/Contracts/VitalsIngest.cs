using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Authorization;

namespace Afya.Api.Modules.Wearables.Contracts;

/// <summary>
/// One reading as a client sends it, in any unit Afya maps (<c>POST /api/v1/wearables/sync</c>'s items, and what every phone or
/// FHIR payload is mapped to). <see cref="SourceId"/> is the sending platform's own sample id (a HealthKit UUID, a Health
/// Connect metadata id, an Open mHealth header id, a FHIR identifier): a resent sample with the same id is a duplicate.
/// </summary>
public sealed record SyncReadingInput(string? Metric, double? Value, double? Systolic, double? Diastolic, string? Unit, string? MeasuredAt,
    Guid? DeviceId, string? SourceId = null);

/// <summary>A payload item mapped to a reading, or refused before it became one (a type or unit Afya cannot map).</summary>
public sealed record MappedReading(SyncReadingInput? Reading, string? Reason = null, string? Detail = null)
{
    /// <summary>An item refused by its payload's mapping.</summary>
    public static MappedReading Refused(string reason, string detail) => new(null, reason, detail);
}

/// <summary>What happened to item <see cref="Index"/>: "accepted", "duplicate" or "refused" (with a reason).</summary>
public sealed record SyncOutcome(int Index, string Status, string? Reason, string? Detail);

/// <summary>What a sync did with a batch, item by item, and the alerts it opened.</summary>
public sealed record SyncReport(IReadOnlyList<SyncOutcome> Items, IReadOnlyList<Guid> AlertsOpened);

/// <summary>Stores readings for the caller (a patient's bearer token or a device's ingest token), under the sync route's rules.</summary>
public interface IVitalsIngest
{
    /// <summary>Stores what is new; <paramref name="deviceId"/> applies to items that name no device.</summary>
    Task<Result<SyncReport>> SyncAsync(IReadOnlyList<MappedReading> items, Guid? deviceId, CancellationToken ct);
}

/// <summary>Who may sync: a signed-in user (bearer token) or a device (X-Device-Token), as on the native sync route.</summary>
public static class VitalsIngestAuth
{
    /// <summary>The policy for routes that take readings.</summary>
    public static readonly AuthorizationPolicy UserOrDevice = new AuthorizationPolicyBuilder("WearableUserOrDevice").RequireAuthenticatedUser().Build();
}
