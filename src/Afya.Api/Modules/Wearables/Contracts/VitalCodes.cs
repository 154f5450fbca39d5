namespace Afya.Api.Modules.Wearables.Contracts;

/// <summary>A metric's LOINC code, display and UCUM unit, as FHIR's vital-signs profiles (and US Core) name them.</summary>
public sealed record VitalCode(string Metric, string Loinc, string Display, string Ucum, string UnitDisplay, string? ProfileCode);

/// <summary>
/// The one table between Afya's metrics and LOINC/UCUM: FHIR Observations are written from it and read into readings with it.
/// Blood pressure is a panel (85354-9) with systolic (8480-6) and diastolic (8462-4) components; SpO2 carries 2708-6 and 59408-5.
/// </summary>
public static class VitalCodes
{
    /// <summary>LOINC's system URI.</summary>
    public const string LoincSystem = "http://loinc.org";

    /// <summary>UCUM's system URI.</summary>
    public const string UcumSystem = "http://unitsofmeasure.org";

    /// <summary>Systolic component code.</summary>
    public const string Systolic = "8480-6";

    /// <summary>Diastolic component code.</summary>
    public const string Diastolic = "8462-4";

    /// <summary>Pulse oximetry code US Core adds beside 2708-6.</summary>
    public const string PulseOximetry = "59408-5";

    /// <summary>Per metric, the code written on Observations.</summary>
    public static readonly IReadOnlyList<VitalCode> All =
    [
        new("heart_rate", "8867-4", "Heart rate", "/min", "beats/minute", "heartrate"),
        new("spo2", "2708-6", "Oxygen saturation in Arterial blood", "%", "%", "oxygensat"),
        new("respiratory_rate", "9279-1", "Respiratory rate", "/min", "breaths/minute", "resprate"),
        new("temperature", "8310-5", "Body temperature", "Cel", "C", "bodytemp"),
        new("blood_pressure", "85354-9", "Blood pressure panel with all children optional", "mm[Hg]", "mmHg", "bp"),
        new("steps", "55423-8", "Number of steps in unspecified time Pedometer", "{steps}", "steps", null),
        new("glucose", "15074-8", "Glucose [Moles/volume] in Blood", "mmol/L", "mmol/L", null),
        new("sleep_minutes", "93832-4", "Sleep duration", "min", "min", null),
    ];

    /// <summary>Codes accepted on the way in, beyond <see cref="All"/>: other LOINC codes for the same measure.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PulseOximetry] = "spo2",
        ["2339-0"] = "glucose", // mg/dL glucose: the unit says which
        ["41950-7"] = "steps",
        ["8480-6"] = "blood_pressure", // a lone systolic is refused later for want of a diastolic
        ["55284-4"] = "blood_pressure", // the older BP panel code
    };

    /// <summary>The metric a LOINC code stands for.</summary>
    public static string? MetricOf(string? loinc) =>
        loinc is null ? null : All.FirstOrDefault(c => c.Loinc == loinc)?.Metric ?? (Aliases.TryGetValue(loinc, out var m) ? m : null);

    /// <summary>The code of a metric.</summary>
    public static VitalCode Of(string metric) => All.First(c => c.Metric == metric);
}
