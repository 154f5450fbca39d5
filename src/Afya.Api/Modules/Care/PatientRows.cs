using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Afya.Api.Modules.Care;

// A page of patients as SQLite stepped them: every column's UTF-8 bytes copied into one buffer, no record or string per
// field. The Healthcare Backend's bare list is written from these bytes (Json, in HealthcareNumbers.NumberedJson); any
// other reader (the native page, the serializer) gets each PatientResponse built on demand, the same values EF reads.
// A list of fifty spent a fifth of its CPU in decoding, building and collecting those objects (docs/PERFORMANCE.md).
internal sealed class PatientRows(DateOnly today) : IReadOnlyList<PatientResponse>
{
    internal const int Columns = 20;

    private byte[] _data = new byte[8192];
    private int _used;
    // Per row and column: where its bytes start and how many there are (-1 for NULL).
    private readonly List<(int Start, int Length)> _cells = new(50 * Columns);

    public int Count => _cells.Count / Columns;

    internal void Add(ReadOnlySpan<byte> value)
    {
        if (_used + value.Length > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _used + value.Length));
        value.CopyTo(_data.AsSpan(_used));
        _cells.Add((_used, value.Length));
        _used += value.Length;
    }

    internal void AddNull() => _cells.Add((0, -1));

    private bool IsNull(int row, int column) => _cells[row * Columns + column].Length < 0;

    private ReadOnlySpan<byte> Cell(int row, int column)
    {
        var (start, length) = _cells[row * Columns + column];
        return _data.AsSpan(start, Math.Max(length, 0));
    }

    private string? Text(int row, int column) => IsNull(row, column) ? null : Encoding.UTF8.GetString(Cell(row, column));

    private int? Int(int row, int column) => IsNull(row, column) ? null : OwnPatientRows.Int(Cell(row, column));

    private DateOnly? Date(int row) => IsNull(row, 4) ? null : OwnPatientRows.Date(Cell(row, 4));

    // As PatientResponse.WithAge: the stored age, else the age from the date of birth.
    private int? Age(int row) => Int(row, 2) ?? PatientResponse.AgeOn(Date(row), today);

    public PatientResponse this[int row] => new(
        OwnPatientRows.Id(Cell(row, 0)), Text(row, 1)!, Age(row), Text(row, 3), Date(row),
        Text(row, 5), Text(row, 6), Text(row, 7), Text(row, 8), Text(row, 9), Text(row, 10), Text(row, 11), Text(row, 12), Text(row, 13), Text(row, 14),
        IsNull(row, 15) ? null : OwnPatientRows.Id(Cell(row, 15)), OwnPatientRows.Id(Cell(row, 16)),
        OwnPatientRows.Time(Cell(row, 17)), OwnPatientRows.Time(Cell(row, 18)), OwnPatientRows.Int(Cell(row, 19)));

    public IEnumerator<PatientResponse> GetEnumerator()
    {
        for (var row = 0; row < Count; row++) yield return this[row];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The bare list on the Healthcare Backend's contract, the bytes NumberedPatientJson writes for each patient.
    internal sealed class Json : JsonConverter<PatientRows>
    {
        public static readonly Json Instance = new();

        public override PatientRows Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A page of rows is written, never read.");

        public override void Write(Utf8JsonWriter w, PatientRows rows, JsonSerializerOptions options)
        {
            Span<byte> date = stackalloc byte[10];
            w.WriteStartArray();
            for (var row = 0; row < rows.Count; row++)
            {
                w.WriteStartObject();
                w.WriteNumber("id"u8, OwnPatientRows.Int(rows.Cell(row, 19)));
                Text(w, "name"u8, rows, row, 1);
                if (rows.Age(row) is { } age) w.WriteNumber("age"u8, age); else w.WriteNull("age"u8);
                Text(w, "gender"u8, rows, row, 3);
                if (rows.Date(row) is { } born)
                {
                    // As the serializer's DateOnly converter writes it.
                    born.TryFormat(date, out var length, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    w.WriteString("date_of_birth"u8, date[..length]);
                }
                else w.WriteNull("date_of_birth"u8);
                Text(w, "phone"u8, rows, row, 5);
                Text(w, "email"u8, rows, row, 6);
                Text(w, "address"u8, rows, row, 7);
                Text(w, "blood_group"u8, rows, row, 8);
                Text(w, "allergies"u8, rows, row, 9);
                Text(w, "conditions"u8, rows, row, 10);
                Text(w, "emergency_contact"u8, rows, row, 11);
                Text(w, "notes"u8, rows, row, 12);
                Text(w, "patient_uid"u8, rows, row, 13);
                Text(w, "aadhaar_last4"u8, rows, row, 14);
                if (rows.IsNull(row, 15)) w.WriteNull("user_id"u8); else w.WriteString("user_id"u8, OwnPatientRows.Id(rows.Cell(row, 15)));
                w.WriteString("created_by"u8, OwnPatientRows.Id(rows.Cell(row, 16)));
                w.WriteString("created_at"u8, OwnPatientRows.Time(rows.Cell(row, 17)));
                w.WriteString("updated_at"u8, OwnPatientRows.Time(rows.Cell(row, 18)));
                w.WriteString("uuid"u8, OwnPatientRows.Id(rows.Cell(row, 0)));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        // The stored UTF-8 escaped as the writer escapes a string; text that is not valid UTF-8 is decoded first, as
        // GetString would (each bad sequence a U+FFFD), which the writer would otherwise refuse.
        private static void Text(Utf8JsonWriter w, ReadOnlySpan<byte> name, PatientRows rows, int row, int column)
        {
            if (rows.IsNull(row, column)) w.WriteNull(name);
            else if (System.Text.Unicode.Utf8.IsValid(rows.Cell(row, column))) w.WriteString(name, rows.Cell(row, column));
            else w.WriteString(name, Encoding.UTF8.GetString(rows.Cell(row, column)));
        }
    }
}
