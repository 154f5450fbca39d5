using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Wearables;

// The people of a wearables test, through the API: a patient with a device, doctors (assigned or consented).
public sealed class WearablesWorld(AfyaFactory app)
{
    public CareWorld Care { get; } = new(app);

    public AfyaFactory App => app;

    public DateTime Now => (app.Clock?.GetUtcNow() ?? TimeProvider.System.GetUtcNow()).UtcDateTime;

    public static string At(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public Task<(CareUser User, string PatientId, string Uid)> PatientAsync() => Care.PatientAsync();

    public static async Task<(string Id, string Token)> DeviceAsync(CareUser patient, string type = "watch")
    {
        var body = await (await patient.Client.PostJson("/api/v1/wearables/devices", new
        {
            device_type = type, manufacturer = "Acme", model = "Pulse 3", serial = "SN-" + Guid.NewGuid().ToString("N")[..10],
        })).ShouldBe(HttpStatusCode.Created);
        return (body["device"]!["id"]!.GetValue<string>(), body["ingest_token"]!.GetValue<string>());
    }

    // A doctor account with a directory entry (and an email, so alerts reach it), assigned to the patient when asked.
    public async Task<(CareUser User, string DoctorId, string Email)> DoctorAsync(CareUser? assignTo = null, string? patientId = null, string? phone = null)
    {
        var user = await Care.WithRoleAsync("doctor");
        var email = Calls.UniqueEmail("doctor");
        var doctorId = await Care.LinkDoctorAsync(null, user, new
        {
            name = "Dr. Wanjiku " + Guid.NewGuid().ToString("N")[..4], specialization = "Cardiology", experience = 9, email, phone,
        });
        if (assignTo is not null)
            await (await assignTo.Client.PostJson("/api/v1/mappings", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Created);
        return (user, doctorId, email);
    }

    public static object Hr(double value, DateTime at, string? deviceId = null) =>
        new { metric = "heart_rate", value, unit = "bpm", measured_at = At(at), device_id = deviceId };

    public static async Task<JsonNode> SyncAsync(HttpClient client, params object[] readings) =>
        await (await client.PostJson("/api/v1/wearables/sync", new { readings })).ShouldBe(HttpStatusCode.OK);
}
