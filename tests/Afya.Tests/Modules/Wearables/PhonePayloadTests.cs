using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Wearables;

public abstract class PhonePayloadTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : PhonePayloadTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : PhonePayloadTests(apps.Postgres);

    private readonly WearablesWorld _world = new(app);

    public static TheoryData<string> Kinds => ["healthkit", "health-connect", "open-mhealth", "fhir"];

    private static (string Url, object Body, string ContentType) Payload(string kind, DateTime t, string tag) => kind switch
    {
        "healthkit" => ("/api/v1/wearables/sync/healthkit", PhonePayloads.HealthKit(t, tag), "application/json"),
        "health-connect" => ("/api/v1/wearables/sync/health-connect", PhonePayloads.HealthConnect(t, tag), "application/json"),
        "open-mhealth" => ("/api/v1/wearables/sync/open-mhealth", PhonePayloads.OpenMHealth(t, tag), "application/json"),
        _ => ("/fhir", PhonePayloads.FhirTransaction(t, tag), "application/fhir+json"),
    };

    private static readonly System.Text.Json.JsonSerializerOptions AsSent = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static async Task<HttpResponseMessage> Send(HttpClient client, (string Url, object Body, string ContentType) p)
    {
        var response = await client.PostRaw(p.Url, System.Text.Json.JsonSerializer.Serialize(p.Body, AsSent), p.ContentType);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_platform_payload_of_the_same_vitals_stores_the_same_readings_and_opens_the_same_news2_alert(string kind)
    {
        var (patient, _, _) = await _world.PatientAsync();
        var t = _world.Now.AddMinutes(-10);
        var tag = Guid.NewGuid().ToString("N");
        (await Send(patient.Client, Payload(kind, t, tag))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var recent = await (await patient.Client.GetAsync("/api/v1/wearables/metrics/recent?limit=50")).ShouldBe(HttpStatusCode.OK);
        var rows = recent["results"]!.AsArray().Select(r => (Metric: r!["metric"]!.GetValue<string>(), Value: r["value"]!.GetValue<double>(),
            At: r["measured_at"]!.GetValue<DateTime>().ToUniversalTime())).OrderBy(r => r.Metric, StringComparer.Ordinal).ToList();
        rows.Select(r => r.Metric).ShouldBe(PhonePayloads.Expected.Select(e => e.Metric));
        for (var i = 0; i < rows.Count; i++) rows[i].Value.ShouldBe(PhonePayloads.Expected[i].Value, 0.01, rows[i].Metric);
        rows.ShouldAllBe(r => r.At == DateTime.Parse(WearablesWorld.At(t), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());
        var bp = recent["results"]!.AsArray().Single(r => r!["metric"]!.GetValue<string>() == "blood_pressure")!;
        bp["diastolic"]!.GetValue<double>().ShouldBe(70);

        var alerts = await (await patient.Client.GetAsync("/api/v1/wearables/alerts?status=open")).ShouldBe(HttpStatusCode.OK);
        var alert = alerts["results"]!.AsArray().Single()!;
        alert["condition"]!.GetValue<string>().ShouldBe("news2_emergency");
        alert["score"]!.GetValue<int>().ShouldBe(8);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_resent_sample_is_a_duplicate_by_its_source_id_even_from_another_device(string kind)
    {
        var (patient, _, _) = await _world.PatientAsync();
        var (device, token) = await WearablesWorld.DeviceAsync(patient);
        var t = _world.Now.AddMinutes(-10);
        var tag = Guid.NewGuid().ToString("N");
        (await Send(patient.Client, Payload(kind, t, tag))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The same samples again through the device's token: another device id, same source ids, nothing new stored.
        var deviceClient = app.Client();
        deviceClient.DefaultRequestHeaders.Add("X-Device-Token", token);
        (await Send(deviceClient, Payload(kind, t, tag))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var recent = await (await patient.Client.GetAsync("/api/v1/wearables/metrics/recent?limit=50")).ShouldBe(HttpStatusCode.OK);
        recent["results"]!.AsArray().Count.ShouldBe(5);
        recent["results"]!.AsArray().ShouldAllBe(r => r!["device_id"] == null);
        device.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Types_and_units_no_one_can_map_are_refused_per_item_with_what_is_accepted()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var t = WearablesWorld.At(_world.Now.AddMinutes(-5));
        var body = await (await patient.Client.PostJson("/api/v1/wearables/sync/healthkit", new
        {
            samples = new object[]
            {
                new { uuid = Guid.NewGuid(), type = "HKQuantityTypeIdentifierBodyTemperature", value = 310.0, unit = "K", startDate = t },
                new { uuid = Guid.NewGuid(), type = "HKQuantityTypeIdentifierDietaryCaffeine", value = 80.0, unit = "mg", startDate = t },
                new { uuid = Guid.NewGuid(), type = "HKQuantityTypeIdentifierBodyTemperature", value = 37.0, unit = "degC", startDate = t },
            },
        })).ShouldBe(HttpStatusCode.OK);
        body["accepted"]!.GetValue<int>().ShouldBe(1);
        var refusals = body["refusals"]!.AsArray();
        refusals[0]!["reason"]!.GetValue<string>().ShouldBe("unsupported_unit");
        refusals[0]!["detail"]!.GetValue<string>().ShouldContain("degF");
        refusals[1]!["reason"]!.GetValue<string>().ShouldBe("unknown_type");
        refusals[1]!["detail"]!.GetValue<string>().ShouldContain("HKQuantityTypeIdentifierHeartRate");
    }

    [Theory]
    [InlineData("temperature", 98.6, "degF", 37.0)]
    [InlineData("temperature", 37.0, "degC", 37.0)]
    [InlineData("temperature", 37.0, "℃", 37.0)]
    [InlineData("heart_rate", 64, "count/min", 64)]
    [InlineData("spo2", 0.97, "1", 97)]
    [InlineData("glucose", 5.5, "mmol<180.1558800000541>/L", 5.5)]
    public async Task The_native_sync_takes_phone_platform_unit_spellings(string metric, double value, string unit, double stored)
    {
        var (patient, _, _) = await _world.PatientAsync();
        var body = await WearablesWorld.SyncAsync(patient.Client, new { metric, value, unit, measured_at = WearablesWorld.At(_world.Now.AddMinutes(-1)) });
        body["accepted"]!.GetValue<int>().ShouldBe(1, body.ToJsonString());
        var recent = await (await patient.Client.GetAsync($"/api/v1/wearables/metrics/recent?metric={metric}")).ShouldBe(HttpStatusCode.OK);
        recent["results"]![0]!["value"]!.GetValue<double>().ShouldBe(stored, 0.01);
    }

    [Fact]
    public async Task An_empty_or_shapeless_payload_is_a_400()
    {
        var (patient, _, _) = await _world.PatientAsync();
        await (await patient.Client.PostJson("/api/v1/wearables/sync/health-connect", new { something = 1 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        (await patient.Client.PostRaw("/api/v1/wearables/sync/open-mhealth", "{not json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse("{}").ShouldNotBeNull();
    }
}
