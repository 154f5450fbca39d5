using System.Text.Json;
using Afya.Api.Modules.Wearables.Contracts;

namespace Afya.Api.Modules.Wearables.Payloads;

// Open mHealth data points: { "header": { "id", "schema_id": { "namespace": "omh", "name": "heart-rate" } }, "body": {
// "heart_rate": { "value": 72, "unit": "beats/min" }, "effective_time_frame": { "date_time" } } }, one, a list, or { "data_points": [...] }.
public static class OpenMHealthPayload
{
    public static IReadOnlyList<MappedReading>? Map(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Object && body.Get("header") is not null) return [One(body)];
        return body.Items("data_points", "dataPoints")?.Select(One).ToList();
    }

    private static MappedReading One(JsonElement point)
    {
        var header = point.Get("header");
        var name = header?.Get("schema_id")?.Text("name");
        if (name is null || !PayloadMaps.OpenMHealthSchemas.TryGetValue(name, out var map))
            return MappedReading.Refused("unknown_type", $"schema_id.name must be one of {PayloadMaps.Accepted(PayloadMaps.OpenMHealthSchemas.Keys)}.");
        var body = point.Get("body") ?? default;
        var frame = body.Get("effective_time_frame");
        var at = frame?.Text("date_time") ?? frame?.Get("time_interval")?.Text("start_date_time");
        var source = header?.Text("id");
        var device = point.DeviceId();
        if (map.Metric == "blood_pressure")
        {
            var sys = body.Get("systolic_blood_pressure");
            var dia = body.Get("diastolic_blood_pressure");
            return new MappedReading(new SyncReadingInput(map.Metric, null, sys?.Get("value").Number(), dia?.Get("value").Number(), sys?.Text("unit"), at, device, source));
        }
        var measure = body.Get(map.Property);
        // step_count is a bare number in schema 2.0 and { "value", "unit" } in 3.0.
        var value = measure is { ValueKind: JsonValueKind.Object } m ? m.Get("value").Number() : measure.Number();
        var unit = measure is { ValueKind: JsonValueKind.Object } mu ? mu.Text("unit") : null;
        return new MappedReading(new SyncReadingInput(map.Metric, value, null, null, unit, at, device, source));
    }
}
