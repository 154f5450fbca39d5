using System.Buffers.Binary;
using Afya.Api.Modules.Wearables.Contracts;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// Readings as Observations: LOINC code and UCUM unit from VitalCodes, the vital-signs profile of each, blood pressure as a
// panel with systolic and diastolic components, SpO2 with both codes US Core asks for.
public static class FhirObservationMap
{
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string SourceSystem = "urn:afya:source-sample";
    public const string DeviceSystem = "urn:afya:device";

    // A reading's id packs its key (patient, device, metric, time): 42 bytes, 56 characters of FHIR's id alphabet.
    public static string IdOf(VitalReading r)
    {
        var bytes = new byte[42];
        r.PatientId.TryWriteBytes(bytes.AsSpan(0, 16), bigEndian: true, out _);
        (r.DeviceId ?? Guid.Empty).TryWriteBytes(bytes.AsSpan(16, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(32), (short)VitalCodes.All.ToList().FindIndex(c => c.Metric == r.Metric));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(34), r.MeasuredAt.Ticks);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '.');
    }

    public static bool TryKey(string id, out Guid patient, out Guid? device, out string metric, out DateTime at)
    {
        (patient, device, metric, at) = (Guid.Empty, null, "", default);
        var bytes = new byte[42];
        if (id.Length != 56 || !Convert.TryFromBase64String(id.Replace('-', '+').Replace('.', '/'), bytes, out var n) || n != 42) return false;
        patient = new Guid(bytes.AsSpan(0, 16), bigEndian: true);
        var d = new Guid(bytes.AsSpan(16, 16), bigEndian: true);
        device = d == Guid.Empty ? null : d;
        var index = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(32));
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(34));
        if (index < 0 || index >= VitalCodes.All.Count || ticks < 0 || ticks > DateTime.MaxValue.Ticks) return false;
        metric = VitalCodes.All[index].Metric;
        at = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    public static string CategoryOf(string metric) => metric switch
    {
        "steps" or "sleep_minutes" => "activity",
        "glucose" => "laboratory",
        _ => "vital-signs",
    };

    public static Observation ToFhir(VitalReading r)
    {
        var code = VitalCodes.Of(r.Metric);
        var category = CategoryOf(r.Metric);
        var at = new DateTimeOffset(DateTime.SpecifyKind(r.MeasuredAt, DateTimeKind.Utc));
        var o = new Observation
        {
            Id = IdOf(r),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(CategorySystem, category, category == "vital-signs" ? "Vital Signs" : category == "activity" ? "Activity" : "Laboratory")],
            Code = new CodeableConcept { Coding = [new Coding(VitalCodes.LoincSystem, code.Loinc, code.Display)], Text = code.Display },
            Subject = new ResourceReference("Patient/" + r.PatientId),
            Effective = new FhirDateTime(at),
        };
        if (code.ProfileCode is { } profile)
            o.Meta = new Meta { Profile = ["http://hl7.org/fhir/StructureDefinition/vitalsigns", "http://hl7.org/fhir/StructureDefinition/" + profile] };
        if (r.Metric == "spo2") o.Code.Coding.Add(new Coding(VitalCodes.LoincSystem, VitalCodes.PulseOximetry, "Oxygen saturation in Arterial blood by Pulse oximetry"));
        if (r.SourceId is { } source) o.Identifier.Add(new Identifier(SourceSystem, source));
        if (r.DeviceId is { } device) o.Device = new ResourceReference { Identifier = new Identifier(DeviceSystem, device.ToString()), Display = "Wearable device" };
        if (r.Metric == "blood_pressure")
        {
            o.Component.Add(Component(VitalCodes.Systolic, "Systolic blood pressure", r.Value, code));
            o.Component.Add(Component(VitalCodes.Diastolic, "Diastolic blood pressure", r.Diastolic ?? 0, code));
        }
        else o.Value = Quantity(r.Value, code);
        return o;
    }

    private static Observation.ComponentComponent Component(string loinc, string display, double value, VitalCode code) => new()
    {
        Code = new CodeableConcept { Coding = [new Coding(VitalCodes.LoincSystem, loinc, display)], Text = display },
        Value = Quantity(value, code),
    };

    private static Quantity Quantity(double value, VitalCode code) =>
        new() { Value = (decimal)Math.Round(value, 2), Unit = code.UnitDisplay, System = VitalCodes.UcumSystem, Code = code.Ucum };
}
