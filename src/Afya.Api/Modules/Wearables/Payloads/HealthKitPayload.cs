using System.Text.Json;
using Afya.Api.Modules.Wearables.Contracts;

namespace Afya.Api.Modules.Wearables.Payloads;

// HKQuantitySample and HKCorrelation as companion apps forward them: { "samples": [ { "uuid", "type", "value", "unit",
// "startDate", "endDate" } ] }; blood pressure is a correlation whose "objects" are a systolic and a diastolic sample.
public static class HealthKitPayload
{
    public static IReadOnlyList<MappedReading>? Map(JsonElement body)
    {
        if (body.Items("samples", "data") is not { } samples) return null;
        return samples.Select(One).ToList();
    }

    private static MappedReading One(JsonElement s)
    {
        var type = s.Text("type", "quantityType", "sampleType", "identifier");
        if (type is null || !PayloadMaps.HealthKitTypes.TryGetValue(type, out var metric))
            return MappedReading.Refused("unknown_type", $"type must be one of {PayloadMaps.Accepted(PayloadMaps.HealthKitTypes.Keys)}.");
        var at = s.Text("startDate", "start_date", "date");
        var source = s.Text("uuid", "id");
        var device = s.DeviceId();
        if (metric == "blood_pressure")
        {
            var parts = s.Items("objects", "samples") ?? [];
            var sys = parts.FirstOrDefault(p => p.Text("type", "quantityType") == PayloadMaps.HealthKitSystolic);
            var dia = parts.FirstOrDefault(p => p.Text("type", "quantityType") == PayloadMaps.HealthKitDiastolic);
            var unit = sys.ValueKind == JsonValueKind.Object ? sys.Text("unit") : null;
            return new MappedReading(new SyncReadingInput(metric, null, sys.ValueKind == JsonValueKind.Object ? sys.Get("value", "quantity").Number() : null,
                dia.ValueKind == JsonValueKind.Object ? dia.Get("value", "quantity").Number() : null, unit, at, device, source));
        }
        var value = s.Get("value", "quantity").Number();
        var unitText = s.Text("unit");
        // HealthKit's percent unit holds a fraction (0.97); some exporters multiply it out first.
        if (metric == "spo2" && unitText == "%" && value is <= 1) unitText = "1";
        return new MappedReading(new SyncReadingInput(metric, value, null, null, unitText, at, device, source));
    }
}
