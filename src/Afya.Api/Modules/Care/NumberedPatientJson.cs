using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Afya.Api.Modules.Care;

// A patient on the Healthcare Backend's surface, written field by field: the bytes the serializer wrote from the numbered
// contract (HealthcareNumbers.NumberedJson: `id` the number, the UUID last as `uuid`, snake_case, nulls written), without
// its per-property metadata walk and the boxing of the two added properties. A list of fifty spent 7 % of its CPU
// serializing (docs/PERFORMANCE.md). HealthcareNumbersTests compares the two byte for byte.
internal sealed class NumberedPatientJson : JsonConverter<PatientResponse>
{
    public static readonly NumberedPatientJson Instance = new();

    // Only ever written: these options serialize answers and never read a body.
    public override PatientResponse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The numbered patient contract is written, never read.");

    public override void Write(Utf8JsonWriter w, PatientResponse p, JsonSerializerOptions options)
    {
        w.WriteStartObject();
        w.WriteNumber("id"u8, p.Number);
        w.WriteString("name"u8, p.Name);
        if (p.Age is { } age) w.WriteNumber("age"u8, age); else w.WriteNull("age"u8);
        w.WriteString("gender"u8, p.Gender);
        if (p.DateOfBirth is { } born)
        {
            // As the serializer's DateOnly converter writes it.
            Span<char> text = stackalloc char[10];
            born.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            w.WriteString("date_of_birth"u8, text[..length]);
        }
        else w.WriteNull("date_of_birth"u8);
        w.WriteString("phone"u8, p.Phone);
        w.WriteString("email"u8, p.Email);
        w.WriteString("address"u8, p.Address);
        w.WriteString("blood_group"u8, p.BloodGroup);
        w.WriteString("allergies"u8, p.Allergies);
        w.WriteString("conditions"u8, p.Conditions);
        w.WriteString("emergency_contact"u8, p.EmergencyContact);
        w.WriteString("notes"u8, p.Notes);
        w.WriteString("patient_uid"u8, p.PatientUid);
        w.WriteString("aadhaar_last4"u8, p.AadhaarLast4);
        if (p.UserId is { } user) w.WriteString("user_id"u8, user); else w.WriteNull("user_id"u8);
        w.WriteString("created_by"u8, p.CreatedBy);
        w.WriteString("created_at"u8, p.CreatedAt);
        w.WriteString("updated_at"u8, p.UpdatedAt);
        w.WriteString("uuid"u8, p.Id);
        w.WriteEndObject();
    }
}
