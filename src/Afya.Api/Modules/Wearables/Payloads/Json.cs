using System.Globalization;
using System.Text.Json;

namespace Afya.Api.Modules.Wearables.Payloads;

// Lenient reads of outside JSON: companion apps differ in case (startDate, start_date) and send numbers as strings.
internal static class Json
{
    public static JsonElement? Get(this JsonElement e, params string[] names)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in names)
            foreach (var p in e.EnumerateObject())
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null) return p.Value;
        return null;
    }

    public static string? Text(this JsonElement e, params string[] names) => e.Get(names) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    public static double? Number(this JsonElement? e) => e switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) => d,
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    // A list at the top, or under one of the names.
    public static IReadOnlyList<JsonElement>? Items(this JsonElement e, params string[] names)
    {
        if (e.ValueKind == JsonValueKind.Array) return e.EnumerateArray().ToList();
        return e.Get(names) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : null;
    }

    public static Guid? DeviceId(this JsonElement e) => Guid.TryParse(e.Text("device_id", "deviceId"), out var id) ? id : null;
}
