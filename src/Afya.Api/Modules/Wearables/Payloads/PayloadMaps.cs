namespace Afya.Api.Modules.Wearables.Payloads;

// Every outside name Afya maps to one of its metrics, in one place (README "Phone and device payloads" shows them).
// Units are then converted by Metrics' unit table, which also knows each platform's unit spellings.
public static class PayloadMaps
{
    // HealthKit quantity and correlation type identifiers, as HKSampleType.identifier writes them.
    public static readonly IReadOnlyDictionary<string, string> HealthKitTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["HKQuantityTypeIdentifierHeartRate"] = "heart_rate",
        ["HKQuantityTypeIdentifierOxygenSaturation"] = "spo2",
        ["HKQuantityTypeIdentifierRespiratoryRate"] = "respiratory_rate",
        ["HKQuantityTypeIdentifierBodyTemperature"] = "temperature",
        ["HKQuantityTypeIdentifierBloodGlucose"] = "glucose",
        ["HKQuantityTypeIdentifierStepCount"] = "steps",
        ["HKCorrelationTypeIdentifierBloodPressure"] = "blood_pressure",
    };

    public const string HealthKitSystolic = "HKQuantityTypeIdentifierBloodPressureSystolic";
    public const string HealthKitDiastolic = "HKQuantityTypeIdentifierBloodPressureDiastolic";

    // Health Connect record types (with or without the "Record" suffix Kotlin class names carry) and the field holding the value.
    public static readonly IReadOnlyDictionary<string, (string Metric, string Field)> HealthConnectRecords =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["HeartRate"] = ("heart_rate", "beatsPerMinute"),
            ["OxygenSaturation"] = ("spo2", "percentage"),
            ["RespiratoryRate"] = ("respiratory_rate", "rate"),
            ["BodyTemperature"] = ("temperature", "temperature"),
            ["BloodGlucose"] = ("glucose", "level"),
            ["Steps"] = ("steps", "count"),
            ["BloodPressure"] = ("blood_pressure", "systolic"),
        };

    // Health Connect measures serialise as { "inCelsius": 37.0 } (the Kotlin getters) or { "value": 37.0, "unit": "CELSIUS" }.
    public static readonly IReadOnlyDictionary<string, string> HealthConnectUnits = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["inCelsius"] = "Cel", ["CELSIUS"] = "Cel",
        ["inFahrenheit"] = "[degF]", ["FAHRENHEIT"] = "[degF]",
        ["inMillimetersOfMercury"] = "mm[Hg]", ["MILLIMETERS_OF_MERCURY"] = "mm[Hg]",
        ["inMilligramsPerDeciliter"] = "mg/dL", ["MILLIGRAMS_PER_DECILITER"] = "mg/dL",
        ["inMillimolesPerLiter"] = "mmol/L", ["MILLIMOLES_PER_LITER"] = "mmol/L",
        ["PERCENT"] = "%",
    };

    // Health Connect's default unit when a measure is a bare number.
    public static readonly IReadOnlyDictionary<string, string> HealthConnectDefaultUnits = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["heart_rate"] = "/min", ["spo2"] = "%", ["respiratory_rate"] = "/min", ["temperature"] = "Cel", ["glucose"] = "mmol/L",
        ["steps"] = "{steps}", ["blood_pressure"] = "mm[Hg]",
    };

    // Open mHealth schema names (omh namespace) and the body property holding the measure.
    public static readonly IReadOnlyDictionary<string, (string Metric, string Property)> OpenMHealthSchemas =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["heart-rate"] = ("heart_rate", "heart_rate"),
            ["oxygen-saturation"] = ("spo2", "oxygen_saturation"),
            ["respiratory-rate"] = ("respiratory_rate", "respiratory_rate"),
            ["body-temperature"] = ("temperature", "body_temperature"),
            ["blood-glucose"] = ("glucose", "blood_glucose"),
            ["step-count"] = ("steps", "step_count"),
            ["blood-pressure"] = ("blood_pressure", "systolic_blood_pressure"),
        };

    public static string Accepted(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));
}
