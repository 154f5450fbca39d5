using Afya.Api.Modules.Wearables.Data;

namespace Afya.Api.Modules.Wearables;

// What a body can show, per metric, in its one stored unit; other units are converted on the way in.
public sealed record MetricSpec(Metric Metric, string Name, string Unit, double Min, double Max, IReadOnlyDictionary<string, Func<double, double>> Units);

public static class Metrics
{
    private static readonly Func<double, double> Same = v => v;

    private static Dictionary<string, Func<double, double>> UnitsOf(params (string Name, Func<double, double> Convert)[] units) =>
        units.ToDictionary(u => u.Name, u => u.Convert, StringComparer.OrdinalIgnoreCase);

    // Unit spellings as clients write them: UCUM, HealthKit's (count/min, degC, mmol<180.1558800000541>/L), Open mHealth's
    // (beats/min, C, F), and common hand-typed forms. Matching ignores case. SpO2 "1" or "fraction" is 0-1.
    public static readonly IReadOnlyList<MetricSpec> All =
    [
        new(Metric.HeartRate, "heart_rate", "bpm", 20, 300, UnitsOf(("bpm", Same), ("/min", Same), ("beats/min", Same), ("count/min", Same),
            ("{beats}/min", Same), ("beats/minute", Same), ("1/min", Same))),
        new(Metric.Spo2, "spo2", "%", 40, 100, UnitsOf(("%", Same), ("percent", Same), ("1", v => v * 100), ("fraction", v => v * 100))),
        new(Metric.RespiratoryRate, "respiratory_rate", "/min", 2, 80, UnitsOf(("/min", Same), ("breaths/min", Same), ("brpm", Same),
            ("count/min", Same), ("{breaths}/min", Same), ("breaths/minute", Same), ("1/min", Same))),
        new(Metric.Temperature, "temperature", "Cel", 25, 45, UnitsOf(("Cel", Same), ("C", Same), ("°C", Same), ("℃", Same), ("degC", Same),
            ("deg C", Same), ("celsius", Same), ("[degF]", Fahrenheit), ("F", Fahrenheit), ("°F", Fahrenheit), ("℉", Fahrenheit),
            ("degF", Fahrenheit), ("deg F", Fahrenheit), ("fahrenheit", Fahrenheit))),
        // Systolic bounds; diastolic has its own (DiastolicMin/Max) and must be below systolic.
        new(Metric.BloodPressure, "blood_pressure", "mm[Hg]", 40, 300, UnitsOf(("mm[Hg]", Same), ("mmHg", Same), ("kPa", v => v * 7.50062))),
        new(Metric.Steps, "steps", "{steps}", 0, 100_000, UnitsOf(("{steps}", Same), ("steps", Same), ("count", Same), ("{count}", Same), ("1", Same))),
        new(Metric.Glucose, "glucose", "mmol/L", 0.5, 60, UnitsOf(("mmol/L", Same), ("mg/dL", v => v / 18.016),
            ("mmol<180.1558800000541>/L", Same), ("mg/100mL", v => v / 18.016))),
        new(Metric.SleepMinutes, "sleep_minutes", "min", 0, 1440, UnitsOf(("min", Same), ("minutes", Same), ("h", v => v * 60), ("s", v => v / 60))),
    ];

    public const double DiastolicMin = 20;
    public const double DiastolicMax = 200;

    private static readonly Dictionary<string, MetricSpec> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);
    private static readonly Dictionary<Metric, MetricSpec> ByMetric = All.ToDictionary(m => m.Metric);

    public static bool TryParse(string? name, out MetricSpec spec) => ByName.TryGetValue(name ?? "", out spec!);

    public static MetricSpec Of(Metric metric) => ByMetric[metric];

    public static string NameOf(Metric metric) => ByMetric[metric].Name;

    private static double Fahrenheit(double f) => (f - 32) * 5 / 9;
}
