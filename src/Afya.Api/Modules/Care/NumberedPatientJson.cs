using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Afya.Api.Modules.Care;

// A patient on the Healthcare Backend's surface, written field by field: the bytes the serializer wrote from the numbered
// contract (HealthcareNumbers.NumberedJson: `id` the number, the UUID last as `uuid`, snake_case, nulls written), without
// its per-property metadata walk and the boxing of the two added properties. A list of fifty spent 7 % of its CPU
// serializing (docs/PERFORMANCE.md). PatientListTests compares the two byte for byte.
internal sealed class NumberedPatientJson : JsonConverter<PatientResponse>
{
    public static readonly NumberedPatientJson Instance = new();

    // The names encoded once: a name given as bytes is checked for characters to escape on every write (50 rows x 20).
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Age = JsonEncodedText.Encode("age");
    private static readonly JsonEncodedText Gender = JsonEncodedText.Encode("gender");
    private static readonly JsonEncodedText DateOfBirth = JsonEncodedText.Encode("date_of_birth");
    private static readonly JsonEncodedText Phone = JsonEncodedText.Encode("phone");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText Address = JsonEncodedText.Encode("address");
    private static readonly JsonEncodedText BloodGroup = JsonEncodedText.Encode("blood_group");
    private static readonly JsonEncodedText Allergies = JsonEncodedText.Encode("allergies");
    private static readonly JsonEncodedText Conditions = JsonEncodedText.Encode("conditions");
    private static readonly JsonEncodedText EmergencyContact = JsonEncodedText.Encode("emergency_contact");
    private static readonly JsonEncodedText Notes = JsonEncodedText.Encode("notes");
    private static readonly JsonEncodedText PatientUid = JsonEncodedText.Encode("patient_uid");
    private static readonly JsonEncodedText AadhaarLast4 = JsonEncodedText.Encode("aadhaar_last4");
    private static readonly JsonEncodedText UserId = JsonEncodedText.Encode("user_id");
    private static readonly JsonEncodedText CreatedBy = JsonEncodedText.Encode("created_by");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");
    private static readonly JsonEncodedText Uuid = JsonEncodedText.Encode("uuid");

    // Only ever written: these options serialize answers and never read a body.
    public override PatientResponse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The numbered patient contract is written, never read.");

    public override void Write(Utf8JsonWriter w, PatientResponse p, JsonSerializerOptions options)
    {
        w.WriteStartObject();
        w.WriteNumber(Id, p.Number);
        w.WriteString(Name, p.Name);
        if (p.Age is { } age) w.WriteNumber(Age, age); else w.WriteNull(Age);
        w.WriteString(Gender, p.Gender);
        if (p.DateOfBirth is { } born)
        {
            // As the serializer's DateOnly converter writes it.
            Span<char> text = stackalloc char[10];
            born.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            w.WriteString(DateOfBirth, text[..length]);
        }
        else w.WriteNull(DateOfBirth);
        w.WriteString(Phone, p.Phone);
        w.WriteString(Email, p.Email);
        w.WriteString(Address, p.Address);
        w.WriteString(BloodGroup, p.BloodGroup);
        w.WriteString(Allergies, p.Allergies);
        w.WriteString(Conditions, p.Conditions);
        w.WriteString(EmergencyContact, p.EmergencyContact);
        w.WriteString(Notes, p.Notes);
        w.WriteString(PatientUid, p.PatientUid);
        w.WriteString(AadhaarLast4, p.AadhaarLast4);
        if (p.UserId is { } user) w.WriteString(UserId, user); else w.WriteNull(UserId);
        w.WriteString(CreatedBy, p.CreatedBy);
        w.WriteString(CreatedAt, p.CreatedAt);
        w.WriteString(UpdatedAt, p.UpdatedAt);
        w.WriteString(Uuid, p.Id);
        w.WriteEndObject();
    }
}
