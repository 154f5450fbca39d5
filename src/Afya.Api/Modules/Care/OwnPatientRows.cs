using System.Globalization;
using Afya.Api.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Afya.Api.Modules.Care;

// A page of a caller's own records on SQLite (CareAccess.Own: the two arms merged in index order), read by hand from
// the kept, compiled statement instead of through EF's shaper: no IsDBNull for the NOT NULL columns, times parsed from
// the one text form EF writes instead of by DateTime.Parse, and no asynchronous step per row (Microsoft.Data.Sqlite
// reads synchronously whatever the call). The same rows and values as Patients' compiled query, which PostgreSQL keeps
// (PatientListTests runs both). docs/PERFORMANCE.md has the figures.
internal static class OwnPatientRows
{
    private const string Columns = "id, name, age, gender, date_of_birth, phone, email, address, blood_group, allergies, conditions, " +
        "emergency_contact, notes, patient_uid, aadhaar_last4, user_id, created_by, created_at, updated_at, public_number";

    private const string Sql = $"SELECT {Columns} FROM (SELECT {Columns} FROM care_patients WHERE created_by = $me UNION ALL " +
        $"SELECT {Columns} FROM care_patients WHERE user_id = $me AND created_by <> $me) ORDER BY created_at DESC, id DESC LIMIT $take OFFSET $skip";

    public static async Task<List<PatientResponse>> ReadAsync(AfyaDb db, Guid me, int skip, int take, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            using var command = SqliteStatementCache.Command((SqliteConnection)db.Database.GetDbConnection(), Sql);
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
            // GUIDs as EF's SQLite provider stores and compares them: upper-case text.
            command.Parameters.AddWithValue("$me", me.ToString().ToUpperInvariant());
            command.Parameters.AddWithValue("$take", take);
            command.Parameters.AddWithValue("$skip", skip);
            var rows = new List<PatientResponse>(Math.Min(take, 64));
            using var r = command.ExecuteReader();
            while (r.Read())
                rows.Add(new PatientResponse(
                    Guid.Parse(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2), Text(r, 3),
                    r.IsDBNull(4) ? null : Date(r.GetString(4)),
                    Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11), Text(r, 12), Text(r, 13), Text(r, 14),
                    r.IsDBNull(15) ? null : Guid.Parse(r.GetString(15)), Guid.Parse(r.GetString(16)), Time(r.GetString(17)), Time(r.GetString(18)),
                    r.GetInt32(19)));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    // EF Core's SQLite provider writes a DateOnly as "yyyy-MM-dd" and reads any other text as Microsoft.Data.Sqlite does.
    private static DateOnly Date(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : DateOnly.FromDateTime(DateTime.Parse(s, CultureInfo.InvariantCulture));

    // EF Core's SQLite provider writes a DateTime as "yyyy-MM-dd HH:mm:ss" with up to seven digits of fraction after a
    // dot, and reads it back with DateTime.Parse (AfyaDb stamps it UTC). That form is parsed here by position; anything
    // else goes the way EF reads it, so the value is the same either way.
    internal static DateTime Time(string s)
    {
        if (s.Length >= 19 && s.Length != 20 && s.Length <= 27 && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':' && s[16] == ':'
            && (s.Length == 19 || s[19] == '.')
            && Digits(s, 0, 4, out var year) && Digits(s, 5, 2, out var month) && Digits(s, 8, 2, out var day)
            && Digits(s, 11, 2, out var hour) && Digits(s, 14, 2, out var minute) && Digits(s, 17, 2, out var second)
            && Fraction(s, out var ticks)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
            return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture), DateTimeKind.Utc);
    }

    private static bool Digits(string s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    // The digits after the dot (one to seven), as ticks: ".5" is 5,000,000.
    private static bool Fraction(string s, out long ticks)
    {
        ticks = 0;
        if (s.Length == 19) return true;
        var digits = s.Length - 20;
        if (!Digits(s, 20, digits, out var value)) return false;
        ticks = value;
        for (var i = digits; i < 7; i++) ticks *= 10;
        return true;
    }
}
