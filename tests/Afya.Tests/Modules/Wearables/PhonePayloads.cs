namespace Afya.Tests.Modules.Wearables;

// The same five vitals (NEWS2 8: emergency) as each platform writes them, and the readings they should become.
public static class PhonePayloads
{
    // Heart rate 125/min, SpO2 93 %, respiration 22/min, temperature 101.3 F (38.5 C), blood pressure 105/70 mmHg.
    public static readonly (string Metric, double Value)[] Expected =
        [("blood_pressure", 105), ("heart_rate", 125), ("respiratory_rate", 22), ("spo2", 93), ("temperature", 38.5)];

    public static object HealthKit(DateTime t, string tag) => new
    {
        samples = new object[]
        {
            new { uuid = $"{tag}-hr", type = "HKQuantityTypeIdentifierHeartRate", value = 125, unit = "count/min", startDate = WearablesWorld.At(t), endDate = WearablesWorld.At(t) },
            new { uuid = $"{tag}-spo2", type = "HKQuantityTypeIdentifierOxygenSaturation", value = 0.93, unit = "%", startDate = WearablesWorld.At(t), endDate = WearablesWorld.At(t) },
            new { uuid = $"{tag}-rr", type = "HKQuantityTypeIdentifierRespiratoryRate", value = 22, unit = "count/min", startDate = WearablesWorld.At(t), endDate = WearablesWorld.At(t) },
            new { uuid = $"{tag}-temp", type = "HKQuantityTypeIdentifierBodyTemperature", value = 101.3, unit = "degF", startDate = WearablesWorld.At(t), endDate = WearablesWorld.At(t) },
            new
            {
                uuid = $"{tag}-bp", type = "HKCorrelationTypeIdentifierBloodPressure", startDate = WearablesWorld.At(t), endDate = WearablesWorld.At(t),
                objects = new object[]
                {
                    new { type = "HKQuantityTypeIdentifierBloodPressureSystolic", value = 105, unit = "mmHg" },
                    new { type = "HKQuantityTypeIdentifierBloodPressureDiastolic", value = 70, unit = "mmHg" },
                },
            },
        },
    };

    public static object HealthConnect(DateTime t, string tag) => new
    {
        records = new object[]
        {
            new { recordType = "HeartRateRecord", metadata = new { id = $"{tag}-hr" }, startTime = WearablesWorld.At(t), endTime = WearablesWorld.At(t),
                samples = new[] { new { time = WearablesWorld.At(t), beatsPerMinute = 125 } } },
            new { recordType = "OxygenSaturation", metadata = new { id = $"{tag}-spo2" }, time = WearablesWorld.At(t), percentage = new { value = 93.0 } },
            new { recordType = "RespiratoryRate", metadata = new { id = $"{tag}-rr" }, time = WearablesWorld.At(t), rate = 22.0 },
            new { recordType = "BodyTemperatureRecord", metadata = new { id = $"{tag}-temp" }, time = WearablesWorld.At(t), temperature = new { inCelsius = 38.5 } },
            new { recordType = "BloodPressure", metadata = new { id = $"{tag}-bp" }, time = WearablesWorld.At(t),
                systolic = new { inMillimetersOfMercury = 105.0 }, diastolic = new { inMillimetersOfMercury = 70.0 } },
        },
    };

    private static object Omh(string tag, string schema, object body) =>
        new { header = new { id = tag, schema_id = new { @namespace = "omh", name = schema, version = "2.0" } }, body };

    public static object OpenMHealth(DateTime t, string tag)
    {
        var frame = new { date_time = WearablesWorld.At(t) };
        return new
        {
            data_points = new[]
            {
                Omh($"{tag}-hr", "heart-rate", new { heart_rate = new { value = 125, unit = "beats/min" }, effective_time_frame = frame }),
                Omh($"{tag}-spo2", "oxygen-saturation", new { oxygen_saturation = new { value = 93, unit = "%" }, effective_time_frame = frame }),
                Omh($"{tag}-rr", "respiratory-rate", new { respiratory_rate = new { value = 22, unit = "breaths/min" }, effective_time_frame = frame }),
                Omh($"{tag}-temp", "body-temperature", new { body_temperature = new { value = 38.5, unit = "C" }, effective_time_frame = frame }),
                Omh($"{tag}-bp", "blood-pressure", new
                {
                    systolic_blood_pressure = new { value = 105, unit = "mmHg" }, diastolic_blood_pressure = new { value = 70, unit = "mmHg" },
                    effective_time_frame = frame,
                }),
            },
        };
    }

    private static object Quantity(double value, string unit, string code) => new { value, unit, system = "http://unitsofmeasure.org", code };

    private static object Loinc(string code, string display) => new { coding = new[] { new { system = "http://loinc.org", code, display } } };

    private static object Entry(string tag, object code, DateTime t, object? valueQuantity = null, object[]? component = null) => new
    {
        fullUrl = $"urn:uuid:{Guid.NewGuid()}",
        resource = new
        {
            resourceType = "Observation", status = "final",
            identifier = new[] { new { system = "urn:afya:test-gateway", value = tag } },
            category = new[] { new { coding = new[] { new { system = "http://terminology.hl7.org/CodeSystem/observation-category", code = "vital-signs" } } } },
            code, effectiveDateTime = WearablesWorld.At(t), valueQuantity, component,
        },
        request = new { method = "POST", url = "Observation" },
    };

    public static object FhirTransaction(DateTime t, string tag) => new
    {
        resourceType = "Bundle", type = "transaction",
        entry = new[]
        {
            Entry($"{tag}-hr", Loinc("8867-4", "Heart rate"), t, Quantity(125, "beats/minute", "/min")),
            Entry($"{tag}-spo2", Loinc("59408-5", "Oxygen saturation"), t, Quantity(93, "%", "%")),
            Entry($"{tag}-rr", Loinc("9279-1", "Respiratory rate"), t, Quantity(22, "breaths/minute", "/min")),
            Entry($"{tag}-temp", Loinc("8310-5", "Body temperature"), t, Quantity(101.3, "F", "[degF]")),
            Entry($"{tag}-bp", Loinc("85354-9", "Blood pressure panel"), t, null,
            [
                new { code = Loinc("8480-6", "Systolic"), valueQuantity = Quantity(105, "mmHg", "mm[Hg]") },
                new { code = Loinc("8462-4", "Diastolic"), valueQuantity = Quantity(70, "mmHg", "mm[Hg]") },
            ]),
        },
    };
}
