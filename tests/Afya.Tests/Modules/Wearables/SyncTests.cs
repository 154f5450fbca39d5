using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Wearables;

public abstract class SyncTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : SyncTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : SyncTests(apps.Postgres);

    private readonly WearablesWorld _world = new(app);

    private static Dictionary<int, string> Refusals(JsonNode body) =>
        body["refusals"]!.AsArray().ToDictionary(r => r!["index"]!.GetValue<int>(), r => r!["reason"]!.GetValue<string>());

    private static int[] Duplicates(JsonNode body) => body["duplicate_indexes"]!.AsArray().Select(i => i!.GetValue<int>()).ToArray();

    [Fact]
    public async Task A_batch_answers_per_index_and_the_same_batch_again_is_all_duplicates()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var (device, _) = await WearablesWorld.DeviceAsync(patient);
        var t = _world.Now.AddMinutes(-30);
        object[] batch =
        [
            WearablesWorld.Hr(72, t, device),                                                                             // 0 accepted
            WearablesWorld.Hr(72, t, device),                                                                             // 1 duplicate of 0
            new { metric = "temperature", value = 98.6, unit = "[degF]", measured_at = WearablesWorld.At(t), device_id = device }, // 2 accepted, 37 C
            new { metric = "temperature", value = 37.0, unit = "kelvin", measured_at = WearablesWorld.At(t.AddMinutes(1)), device_id = device }, // 3 bad unit
            WearablesWorld.Hr(700, t.AddMinutes(2), device),                                                              // 4 impossible
            WearablesWorld.Hr(70, _world.Now.AddHours(2), device),                                                        // 5 future
            new { metric = "blood_pressure", systolic = 121.0, diastolic = 79.0, unit = "mmHg", measured_at = WearablesWorld.At(t), device_id = device }, // 6 accepted
            new { metric = "glucose", value = 108.0, unit = "mg/dL", measured_at = WearablesWorld.At(t), device_id = device }, // 7 accepted, 6.0 mmol/L
            new { metric = "mood", value = 3.0, measured_at = WearablesWorld.At(t) },                                      // 8 unknown metric
            new { metric = "spo2", value = 97.0, unit = "%", measured_at = WearablesWorld.At(t) },                          // 9 accepted, no device
        ];

        var first = await WearablesWorld.SyncAsync(patient.Client, batch);
        first["accepted"]!.GetValue<int>().ShouldBe(5);
        first["duplicates"]!.GetValue<int>().ShouldBe(1);
        first["refused"]!.GetValue<int>().ShouldBe(4);
        Duplicates(first).ShouldBe([1]);
        Refusals(first).ShouldBe(new Dictionary<int, string>
        {
            [3] = "unsupported_unit", [4] = "implausible_value", [5] = "future_time", [8] = "unknown_metric",
        });

        var again = await WearablesWorld.SyncAsync(patient.Client, batch);
        again["accepted"]!.GetValue<int>().ShouldBe(0);
        Duplicates(again).ShouldBe([0, 1, 2, 6, 7, 9]);
        again["refused"]!.GetValue<int>().ShouldBe(4);

        var recent = await (await patient.Client.GetAsync("/api/v1/wearables/metrics/recent?limit=50")).ShouldBe(HttpStatusCode.OK);
        var rows = recent["results"]!.AsArray();
        rows.Count.ShouldBe(5);
        rows.Single(r => r!["metric"]!.GetValue<string>() == "temperature")!["value"]!.GetValue<double>().ShouldBe(37.0, 0.001);
        rows.Single(r => r!["metric"]!.GetValue<string>() == "glucose")!["value"]!.GetValue<double>().ShouldBe(5.995, 0.01);
        var bp = rows.Single(r => r!["metric"]!.GetValue<string>() == "blood_pressure")!;
        (bp["systolic"]!.GetValue<double>(), bp["diastolic"]!.GetValue<double>()).ShouldBe((121.0, 79.0));
        rows.Single(r => r!["metric"]!.GetValue<string>() == "spo2")!["device_id"].ShouldBeNull();
    }

    [Fact]
    public async Task Recent_summary_and_series_agree_with_the_readings()
    {
        var (patient, _, _) = await _world.PatientAsync();
        // Two full hours back, six readings in each: 60..65 then 80..85 bpm, ten minutes apart.
        var hour = new DateTime(_world.Now.Year, _world.Now.Month, _world.Now.Day, _world.Now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-2);
        var readings = Enumerable.Range(0, 6).Select(i => WearablesWorld.Hr(60 + i, hour.AddMinutes(i * 10)))
            .Concat(Enumerable.Range(0, 6).Select(i => WearablesWorld.Hr(80 + i, hour.AddHours(1).AddMinutes(i * 10)))).ToArray();
        (await WearablesWorld.SyncAsync(patient.Client, readings))["accepted"]!.GetValue<int>().ShouldBe(12);

        var recent = await (await patient.Client.GetAsync("/api/v1/wearables/metrics/recent?metric=heart_rate&limit=3")).ShouldBe(HttpStatusCode.OK);
        recent["results"]!.AsArray().Select(r => r!["value"]!.GetValue<double>()).ShouldBe([85.0, 84.0, 83.0]);
        var since = WearablesWorld.At(hour.AddHours(1));
        var after = await (await patient.Client.GetAsync($"/api/v1/wearables/metrics/recent?metric=heart_rate&since={since}")).ShouldBe(HttpStatusCode.OK);
        after["results"]!.AsArray().Count.ShouldBe(6);

        var summary = await (await patient.Client.GetAsync("/api/v1/wearables/summary?period=day")).ShouldBe(HttpStatusCode.OK);
        var heart = summary["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == "heart_rate")!;
        heart["count"]!.GetValue<int>().ShouldBe(12);
        heart["min"]!.GetValue<double>().ShouldBe(60);
        heart["max"]!.GetValue<double>().ShouldBe(85);
        heart["mean"]!.GetValue<double>().ShouldBe(72.5);
        heart["latest"]!.GetValue<double>().ShouldBe(85);
        heart["resting"]!.GetValue<double>().ShouldBe(62.5);
        heart["peak"]!.GetValue<double>().ShouldBe(85);
        heart["days"]!.AsArray().Sum(d => d!["count"]!.GetValue<int>()).ShouldBe(12);

        var from = WearablesWorld.At(hour);
        var to = WearablesWorld.At(hour.AddHours(2));
        var hourly = await (await patient.Client.GetAsync($"/api/v1/wearables/metrics/series?metric=heart_rate&from={from}&to={to}&bucket=1h")).ShouldBe(HttpStatusCode.OK);
        hourly["points"]!.AsArray().Select(p => (p!["count"]!.GetValue<int>(), p["mean"]!.GetValue<double>())).ShouldBe([(6, 62.5), (6, 82.5)]);
        var fine = await (await patient.Client.GetAsync($"/api/v1/wearables/metrics/series?metric=heart_rate&from={from}&to={to}&bucket=5m")).ShouldBe(HttpStatusCode.OK);
        fine["points"]!.AsArray().Count.ShouldBe(12);
        fine["points"]!.AsArray().Sum(p => p!["count"]!.GetValue<int>()).ShouldBe(12);
        var daily = await (await patient.Client.GetAsync($"/api/v1/wearables/metrics/series?metric=heart_rate&from={from}&to={to}&bucket=1d")).ShouldBe(HttpStatusCode.OK);
        var days = daily["points"]!.AsArray();
        days.Sum(p => p!["count"]!.GetValue<int>()).ShouldBe(12);
        days.Max(p => p!["max"]!.GetValue<double>()).ShouldBe(85);
        days.Min(p => p!["min"]!.GetValue<double>()).ShouldBe(60);
        if (days.Count == 1) days[0]!["mean"]!.GetValue<double>().ShouldBe(72.5);
        days.All(p => p!["start"]!.GetValue<DateTime>().TimeOfDay == TimeSpan.Zero).ShouldBeTrue();
    }

    // The summary is folded by the database per metric and day: over several days and two metrics (one with diastolic
    // values), each figure equals the one computed from the readings themselves.
    [Fact]
    public async Task A_week_summary_over_several_days_and_metrics_equals_the_readings_folded_by_hand()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var today = _world.Now.Date;
        var heart = new List<(DateTime At, double Value)>();
        var pressure = new List<(DateTime At, double Systolic, double Diastolic)>();
        for (var day = 4; day >= 1; day--)
            for (var hour = 0; hour < 3; hour++)
                for (var minute = 0; minute < 4; minute++)
                {
                    var at = today.AddDays(-day).AddHours(6 + hour * 5).AddMinutes(minute * 7);
                    heart.Add((at, 50 + day * 3 + hour * 7 + minute));
                    if (minute % 2 == 0) pressure.Add((at, 110 + day + hour, 70 + minute + hour));
                }
        var readings = heart.Select(h => WearablesWorld.Hr(h.Value, h.At))
            .Concat(pressure.Select(p => (object)new { metric = "blood_pressure", systolic = p.Systolic, diastolic = p.Diastolic, unit = "mmHg", measured_at = WearablesWorld.At(p.At) }))
            .ToArray();
        (await WearablesWorld.SyncAsync(patient.Client, readings))["accepted"]!.GetValue<int>().ShouldBe(readings.Length);

        var summary = await (await patient.Client.GetAsync("/api/v1/wearables/summary?period=week")).ShouldBe(HttpStatusCode.OK);
        var metrics = summary["metrics"]!.AsArray();
        metrics.Select(m => m!["metric"]!.GetValue<string>()).ShouldBe(["heart_rate", "blood_pressure"]);

        var hr = metrics[0]!;
        hr["count"]!.GetValue<int>().ShouldBe(heart.Count);
        hr["min"]!.GetValue<double>().ShouldBe(heart.Min(h => h.Value));
        hr["max"]!.GetValue<double>().ShouldBe(heart.Max(h => h.Value));
        hr["mean"]!.GetValue<double>().ShouldBe(Math.Round(heart.Average(h => h.Value), 2));
        hr["latest"]!.GetValue<double>().ShouldBe(heart.MaxBy(h => h.At).Value);
        hr["latest_at"]!.GetValue<DateTime>().ToUniversalTime().ShouldBe(heart.Max(h => h.At));
        hr["resting"]!.GetValue<double>().ShouldBe(Math.Round(heart.GroupBy(h => h.At.Hour + h.At.Date.Ticks).Min(g => g.Average(h => h.Value)), 2));
        hr["peak"]!.GetValue<double>().ShouldBe(heart.Max(h => h.Value));
        hr["diastolic_mean"].ShouldBeNull();
        hr["days"]!.AsArray().Select(d => (d!["date"]!.GetValue<string>(), d["count"]!.GetValue<int>(), d["min"]!.GetValue<double>(), d["max"]!.GetValue<double>(), d["mean"]!.GetValue<double>()))
            .ShouldBe(heart.GroupBy(h => h.At.Date).OrderBy(g => g.Key)
                .Select(g => (g.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), g.Count(), g.Min(h => h.Value), g.Max(h => h.Value), Math.Round(g.Average(h => h.Value), 2))));

        var bp = metrics[1]!;
        bp["count"]!.GetValue<int>().ShouldBe(pressure.Count);
        bp["mean"]!.GetValue<double>().ShouldBe(Math.Round(pressure.Average(p => p.Systolic), 2));
        bp["diastolic_mean"]!.GetValue<double>().ShouldBe(Math.Round(pressure.Average(p => p.Diastolic), 2));
        bp["latest_diastolic"]!.GetValue<double>().ShouldBe(pressure.MaxBy(p => p.At).Diastolic);
        bp["resting"].ShouldBeNull();
        bp["days"]!.AsArray().Count.ShouldBe(4);

        var empty = await (await (await _world.PatientAsync()).User.Client.GetAsync("/api/v1/wearables/summary?period=month")).ShouldBe(HttpStatusCode.OK);
        empty["metrics"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_device_token_syncs_only_its_own_device()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var (mine, token) = await WearablesWorld.DeviceAsync(patient);
        var (other, _) = await WearablesWorld.DeviceAsync(patient, "ring");
        var gateway = app.Client();
        gateway.DefaultRequestHeaders.Add("X-Device-Token", token);
        var t = _world.Now.AddMinutes(-5);

        var body = await WearablesWorld.SyncAsync(gateway, WearablesWorld.Hr(70, t), WearablesWorld.Hr(71, t.AddSeconds(1), other), WearablesWorld.Hr(72, t.AddSeconds(2), mine));
        body["accepted"]!.GetValue<int>().ShouldBe(2);
        Refusals(body).ShouldBe(new Dictionary<int, string> { [1] = "other_device" });
        var recent = await (await patient.Client.GetAsync("/api/v1/wearables/metrics/recent?metric=heart_rate")).ShouldBe(HttpStatusCode.OK);
        recent["results"]!.AsArray().Select(r => r!["device_id"]!.GetValue<string>()).Distinct().ShouldBe([mine]);

        // The token reaches nothing but sync.
        (await gateway.GetAsync("/api/v1/wearables/metrics/recent")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Rotating ends the old token; retiring ends the new one.
        var rotated = await (await patient.Client.PostAsync($"/api/v1/wearables/devices/{mine}/token", null)).ShouldBe(HttpStatusCode.OK);
        (await gateway.PostJson("/api/v1/wearables/sync", new { readings = new[] { WearablesWorld.Hr(70, t.AddSeconds(5)) } })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var renewed = app.Client();
        renewed.DefaultRequestHeaders.Add("X-Device-Token", rotated["ingest_token"]!.GetValue<string>());
        (await WearablesWorld.SyncAsync(renewed, WearablesWorld.Hr(70, t.AddSeconds(6))))["accepted"]!.GetValue<int>().ShouldBe(1);
        (await patient.Client.DeleteAsync($"/api/v1/wearables/devices/{mine}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await renewed.PostJson("/api/v1/wearables/sync", new { readings = new[] { WearablesWorld.Hr(70, t.AddSeconds(7)) } })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var devices = await (await patient.Client.GetAsync("/api/v1/wearables/devices")).ShouldBe(HttpStatusCode.OK);
        devices.AsArray().Single(d => d!["id"]!.GetValue<string>() == mine)!["retired_at"].ShouldNotBeNull();
        // The patient's own token names only active devices of theirs.
        var byPatient = await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(70, t.AddSeconds(8), mine), WearablesWorld.Hr(70, t.AddSeconds(8), Guid.NewGuid().ToString()));
        Refusals(byPatient).ShouldBe(new Dictionary<int, string> { [0] = "device_retired", [1] = "unknown_device" });
        // Readings of the retired device stay.
        (await (await patient.Client.GetAsync("/api/v1/wearables/metrics/recent?metric=heart_rate")).ShouldBe(HttpStatusCode.OK))["results"]!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_rotated_or_retired_device_token_is_a_401_that_names_the_device_token()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var (device, token) = await WearablesWorld.DeviceAsync(patient);
        var gateway = app.Client();
        gateway.DefaultRequestHeaders.Add("X-Device-Token", token);
        var reading = new { readings = new[] { WearablesWorld.Hr(70, _world.Now.AddMinutes(-1)) } };

        var renewed = app.Client();
        renewed.DefaultRequestHeaders.Add("X-Device-Token",
            (await (await patient.Client.PostAsync($"/api/v1/wearables/devices/{device}/token", null)).ShouldBe(HttpStatusCode.OK))["ingest_token"]!.GetValue<string>());
        var rotated = await (await gateway.PostJson("/api/v1/wearables/sync", reading)).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_DEVICE_TOKEN");
        rotated["detail"]!.GetValue<string>().ShouldBe("The device token is not valid; it may have been rotated or retired.");

        (await patient.Client.DeleteAsync($"/api/v1/wearables/devices/{device}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await renewed.PostJson("/api/v1/wearables/sync", reading)).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_DEVICE_TOKEN");
        var unknown = app.Client();
        unknown.DefaultRequestHeaders.Add("X-Device-Token", "afd_made-up");
        await (await unknown.PostJson("/api/v1/wearables/sync", reading)).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_DEVICE_TOKEN");
        // Without a device token, the sync route still asks for the bearer token.
        await (await app.Client().PostJson("/api/v1/wearables/sync", reading)).ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
    }

    [Fact]
    public async Task Bad_batches_are_4xx_problems()
    {
        var (patient, _, _) = await _world.PatientAsync();
        await (await patient.Client.PostJson("/api/v1/wearables/sync", new { readings = Array.Empty<object>() })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var t = _world.Now.AddDays(-1);
        var tooMany = Enumerable.Range(0, 5001).Select(i => WearablesWorld.Hr(70, t.AddSeconds(i))).ToArray();
        await (await patient.Client.PostJson("/api/v1/wearables/sync", new { readings = tooMany })).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, "BATCH_TOO_LARGE");
        await (await patient.Client.PostRaw("/api/v1/wearables/sync", """{"readings": [{"metric": "heart_rate", "value": "fast"}]}""")).ShouldBeProblem(HttpStatusCode.BadRequest, "MALFORMED_JSON");
        await (await patient.Client.GetAsync("/api/v1/wearables/summary?period=year")).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await patient.Client.GetAsync("/api/v1/wearables/metrics/series?metric=heart_rate&bucket=5m&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "RANGE_TOO_LARGE");
        var customer = await _world.Care.UserAsync();
        await (await customer.Client.PostJson("/api/v1/wearables/devices", new { device_type = "watch", manufacturer = "A", model = "B", serial = "C" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await patient.Client.PostJson("/api/v1/wearables/devices", new { device_type = "toaster", manufacturer = "A", model = "B", serial = "C" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
    // A week's or month's whole past days come from the cache (SummaryCache): a reading synced into one of them, into
    // another past day or into today shows in the very next summary.
    [Fact]
    public async Task A_reading_synced_into_a_cached_past_day_shows_in_the_next_summary()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var now = _world.Now;
        var today = now.Date;
        async Task SyncAsync(double value, DateTime at) =>
            (await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(value, at)))["accepted"]!.GetValue<int>().ShouldBe(1);
        async Task<JsonNode> HeartAsync(string period) =>
            (await (await patient.Client.GetAsync($"/api/v1/wearables/summary?period={period}")).ShouldBe(HttpStatusCode.OK))["metrics"]!.AsArray().Single()!;

        await SyncAsync(60, today.AddDays(-3).AddHours(8));
        (await HeartAsync("month"))["count"]!.GetValue<int>().ShouldBe(1);
        (await HeartAsync("week"))["count"]!.GetValue<int>().ShouldBe(1);

        await SyncAsync(90, today.AddDays(-3).AddHours(9));
        var month = await HeartAsync("month");
        (month["count"]!.GetValue<int>(), month["max"]!.GetValue<double>(), month["latest"]!.GetValue<double>()).ShouldBe((2, 90, 90));
        (await HeartAsync("week"))["count"]!.GetValue<int>().ShouldBe(2);

        await SyncAsync(40, today.AddDays(-10).AddHours(1));
        month = await HeartAsync("month");
        (month["count"]!.GetValue<int>(), month["min"]!.GetValue<double>(), month["latest"]!.GetValue<double>()).ShouldBe((3, 40, 90));
        month["days"]!.AsArray().Count.ShouldBe(2);
        (await HeartAsync("week"))["count"]!.GetValue<int>().ShouldBe(2);

        await SyncAsync(75, now.AddMinutes(-1) < today ? today : now.AddMinutes(-1));
        month = await HeartAsync("month");
        (month["count"]!.GetValue<int>(), month["latest"]!.GetValue<double>()).ShouldBe((4, 75));
        month["days"]!.AsArray().Count.ShouldBe(3);
    }
}
