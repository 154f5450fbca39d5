using System.Text.Json;
using Afya.Api.Modules.Wearables.Contracts;

namespace Afya.Api.Modules.Wearables.Payloads;

// Health Connect records as their Kotlin classes serialise: { "records": [ { "recordType": "HeartRate", "samples": [ { "time",
// "beatsPerMinute" } ], "metadata": { "id" } }, { "recordType": "BodyTemperature", "time", "temperature": { "inCelsius": 37 } } ] }.
// A HeartRate record's samples each become one item, so the answer's indexes count samples.
public static class HealthConnectPayload
{
    public static IReadOnlyList<MappedReading>? Map(JsonElement body)
    {
        if (body.Items("records", "data") is not { } records) return null;
        return records.SelectMany(Record).ToList();
    }

    private static IEnumerable<MappedReading> Record(JsonElement r)
    {
        var type = r.Text("recordType", "type") ?? "";
        if (type.EndsWith("Record", StringComparison.Ordinal)) type = type[..^"Record".Length];
        if (!PayloadMaps.HealthConnectRecords.TryGetValue(type, out var map))
        {
            yield return MappedReading.Refused("unknown_type", $"recordType must be one of {PayloadMaps.Accepted(PayloadMaps.HealthConnectRecords.Keys)}.");
            yield break;
        }
        var id = r.Get("metadata") is { } meta ? meta.Text("id", "clientRecordId") : r.Text("id");
        var device = r.DeviceId();
        if (r.Get("samples") is { ValueKind: JsonValueKind.Array } samples)
        {
            var i = 0;
            foreach (var sample in samples.EnumerateArray())
            {
                var (v, u) = Measure(sample.Get(map.Field), map.Metric);
                yield return new MappedReading(new SyncReadingInput(map.Metric, v, null, null, u, sample.Text("time"), device, id is null ? null : $"{id}#{i}"));
                i++;
            }
            yield break;
        }
        var at = r.Text("time", "startTime");
        if (map.Metric == "blood_pressure")
        {
            var (sys, unit) = Measure(r.Get("systolic"), map.Metric);
            var (dia, _) = Measure(r.Get("diastolic"), map.Metric);
            yield return new MappedReading(new SyncReadingInput(map.Metric, null, sys, dia, unit, at, device, id));
            yield break;
        }
        var (value, u2) = Measure(r.Get(map.Field), map.Metric);
        yield return new MappedReading(new SyncReadingInput(map.Metric, value, null, null, u2, at, device, id));
    }

    // A bare number in the record type's unit, { "inX": n }, or { "value": n, "unit": "CELSIUS" }.
    private static (double? Value, string? Unit) Measure(JsonElement? e, string metric)
    {
        var fallback = PayloadMaps.HealthConnectDefaultUnits[metric];
        if (e is not { ValueKind: JsonValueKind.Object } o) return (e.Number(), fallback);
        if (o.Get("value") is { } v)
        {
            var unit = o.Text("unit");
            return (Json.Number(v), unit is null ? fallback : PayloadMaps.HealthConnectUnits.GetValueOrDefault(unit, unit));
        }
        foreach (var p in o.EnumerateObject())
            if (PayloadMaps.HealthConnectUnits.TryGetValue(p.Name, out var unit)) return (Json.Number(p.Value), unit);
        var first = o.EnumerateObject().FirstOrDefault();
        return (null, first.Name ?? fallback);
    }
}
