using System.Security.Cryptography;
using System.Text;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Wearables;

public sealed record DeviceInput([DocumentedRequired] string? DeviceType, [DocumentedRequired] string? Manufacturer, [DocumentedRequired] string? Model, string? Serial, string? ExternalId);

public sealed record DeviceResponse(Guid Id, Guid PatientId, string DeviceType, string Manufacturer, string Model, string? Serial,
    string? ExternalId, DateTime CreatedAt, DateTime TokenIssuedAt, DateTime? LastSyncAt, DateTime? RetiredAt)
{
    public static DeviceResponse From(Device d) => new(d.Id, d.PatientId, d.DeviceType, d.Manufacturer, d.Model, d.Serial, d.ExternalId,
        d.CreatedAt, d.TokenIssuedAt, d.LastSyncAt, d.RetiredAt);
}

// The ingest token appears in this answer only; the database keeps its hash.
public sealed record DeviceWithToken(DeviceResponse Device, string IngestToken);

public static class Devices
{
    public static readonly string[] Types = ["watch", "band", "ring", "bp_cuff", "oximeter", "glucometer", "other"];

    // A patient registers a device of their own record.
    public static async Task<Results<Created<DeviceWithToken>, ProblemHttpResult>> Register(
        DeviceInput input, CurrentUser me, ICareRecords care, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await care.PatientOfUserAsync(me.Id, ct) is not { } patientId) return NoPatientRecord();
        var errors = new Dictionary<string, string[]>();
        if (input.DeviceType is null || !Types.Contains(input.DeviceType)) errors["device_type"] = [$"device_type must be one of {string.Join(", ", Types)}."];
        if (string.IsNullOrWhiteSpace(input.Manufacturer) || input.Manufacturer.Trim().Length > 100) errors["manufacturer"] = ["Give the manufacturer (up to 100 characters)."];
        if (string.IsNullOrWhiteSpace(input.Model) || input.Model.Trim().Length > 100) errors["model"] = ["Give the model (up to 100 characters)."];
        if (input.Serial is { Length: > 100 }) errors["serial"] = ["serial is at most 100 characters."];
        if (input.ExternalId is { Length: > 200 }) errors["external_id"] = ["external_id is at most 200 characters."];
        if (string.IsNullOrWhiteSpace(input.Serial) && string.IsNullOrWhiteSpace(input.ExternalId)) errors["serial"] = ["Give the serial or an external id."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var token = NewToken();
        var device = new Device
        {
            PatientId = patientId, DeviceType = input.DeviceType!, Manufacturer = input.Manufacturer!.Trim(), Model = input.Model!.Trim(),
            Serial = Blank(input.Serial), ExternalId = Blank(input.ExternalId), TokenHash = Hash(token), TokenIssuedAt = now, CreatedAt = now,
        };
        db.Add(device);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/wearables/devices/{device.Id}", new DeviceWithToken(DeviceResponse.From(device), token));
    }

    public static async Task<Results<Ok<List<DeviceResponse>>, ProblemHttpResult>> List(CurrentUser me, ICareRecords care, AfyaDb db, CancellationToken ct)
    {
        if (await care.PatientOfUserAsync(me.Id, ct) is not { } patientId) return NoPatientRecord();
        var devices = await db.Set<Device>().AsNoTracking().Where(d => d.PatientId == patientId)
            .OrderByDescending(d => d.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(devices.Select(DeviceResponse.From).ToList());
    }

    // A new token; the old one stops working with this statement.
    public static async Task<Results<Ok<DeviceWithToken>, ProblemHttpResult>> RotateToken(
        Guid id, CurrentUser me, ICareRecords care, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await care.PatientOfUserAsync(me.Id, ct) is not { } patientId) return DeviceNotFound();
        var token = NewToken();
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Device>().Where(d => d.Id == id && d.PatientId == patientId && d.RetiredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.TokenHash, hash).SetProperty(d => d.TokenIssuedAt, now), ct);
        if (rows == 0) return DeviceNotFound();
        var device = await db.Set<Device>().AsNoTracking().FirstAsync(d => d.Id == id, ct);
        return TypedResults.Ok(new DeviceWithToken(DeviceResponse.From(device), token));
    }

    // Retired: its token stops working and it takes no more readings; the readings it sent stay.
    public static async Task<Results<NoContent, ProblemHttpResult>> Retire(Guid id, CurrentUser me, ICareRecords care, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await care.PatientOfUserAsync(me.Id, ct) is not { } patientId) return DeviceNotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Device>().Where(d => d.Id == id && d.PatientId == patientId && d.RetiredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.RetiredAt, now).SetProperty(d => d.TokenHash, (string?)null), ct);
        return rows == 0 ? DeviceNotFound() : TypedResults.NoContent();
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string NewToken() => "afd_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static ProblemHttpResult NoPatientRecord() =>
        ApiProblem.Of(StatusCodes.Status404NotFound, "PATIENT_NOT_FOUND", "No patient record is linked to this account.",
            "Devices and readings belong to a patient record: register with POST /api/v1/auth/register/patient.");

    public static ProblemHttpResult DeviceNotFound() => ApiProblem.NotFound("device", "DEVICE_NOT_FOUND");
}
