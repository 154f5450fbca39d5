using System.Buffers.Binary;
using System.Globalization;
using Afya.Api.Modules.Wearables.Contracts;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// Hourly aggregates as Observations: the metric's LOINC code, UCUM unit and profiles as a reading's, the hour's mean as the
// value (blood pressure: mean systolic and diastolic components) over an effectivePeriod of the hour, told apart from raw
// readings by an id starting "hour-", a second category (urn:afya:observation-kind|hourly) and the method hourly-mean.
public static class FhirHourlyObservations
{
    public const string IdPrefix = "hour-";
    public const string KindSystem = "urn:afya:observation-kind";
    public const string MethodSystem = "urn:afya:observation-method";
    public const string Kind = "hourly";

    // An hour's id packs its key (patient, metric, hour): a version byte and 26 bytes, 36 characters after the prefix.
    public static string IdOf(VitalHour h)
    {
        var bytes = new byte[27];
        bytes[0] = 1;
        h.PatientId.TryWriteBytes(bytes.AsSpan(1, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(17), (short)Index(h.Metric));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(19), h.Hour.Ticks);
        return IdPrefix + Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '.');
    }

    public static bool TryKey(string id, out Guid patient, out string metric, out DateTime hour)
    {
        (patient, metric, hour) = (Guid.Empty, "", default);
        var bytes = new byte[27];
        if (!id.StartsWith(IdPrefix, StringComparison.Ordinal) || id.Length != IdPrefix.Length + 36
            || !Convert.TryFromBase64String(id[IdPrefix.Length..].Replace('-', '+').Replace('.', '/'), bytes, out var n) || n != 27 || bytes[0] != 1)
            return false;
        patient = new Guid(bytes.AsSpan(1, 16), bigEndian: true);
        var index = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(17));
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(19));
        if (index < 0 || index >= VitalCodes.All.Count || ticks < 0 || ticks > DateTime.MaxValue.Ticks) return false;
        metric = VitalCodes.All[index].Metric;
        hour = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    public static int Index(string metric) => VitalCodes.All.ToList().FindIndex(c => c.Metric == metric);

    // An hour still running is preliminary: its mean moves as readings arrive.
    public static Observation ToFhir(VitalHour h, DateTime now)
    {
        var o = FhirObservationMap.ToFhir(new VitalReading(h.PatientId, h.Metric, h.Hour, null, h.Mean, h.DiastolicMean, null));
        o.Id = IdOf(h);
        o.Status = h.Hour.AddHours(1) > now ? ObservationStatus.Preliminary : ObservationStatus.Final;
        o.Category.Add(new CodeableConcept(KindSystem, Kind, "Hourly aggregate"));
        o.Effective = new Period { StartElement = FhirRecordSearch.Instant(h.Hour), EndElement = FhirRecordSearch.Instant(h.Hour.AddHours(1)) };
        var unit = VitalCodes.Of(h.Metric).UnitDisplay;
        var text = string.Create(CultureInfo.InvariantCulture, $"Mean of {h.Count} readings over the hour; min {Math.Round(h.Min, 2)}, max {Math.Round(h.Max, 2)} {unit}");
        if (h.DiastolicMin is { } dMin && h.DiastolicMax is { } dMax)
            text += string.Create(CultureInfo.InvariantCulture, $"; diastolic min {Math.Round(dMin, 2)}, max {Math.Round(dMax, 2)} {unit}");
        o.Method = new CodeableConcept(MethodSystem, "hourly-mean", "Mean over one hour") { Text = text };
        return o;
    }

    // category=hourly (or urn:afya:observation-kind|hourly) selects hours; the value is taken out of the category list.
    public static bool Select(ref IQueryCollection q)
    {
        var categories = q["category"].ToString();
        if (categories.Length == 0) return false;
        var values = categories.Split(',');
        var rest = values.Where(c => c != Kind && c != KindSystem + "|" + Kind).ToList();
        if (rest.Count == values.Length) return false;
        var copy = q.ToDictionary(kv => kv.Key, kv => kv.Value);
        if (rest.Count == 0) copy.Remove("category");
        else copy["category"] = string.Join(',', rest);
        q = new QueryCollection(copy);
        return true;
    }
}
