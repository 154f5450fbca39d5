using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Afya.Api.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Afya.Api.Modules.Care;

// A page of a caller's own records on SQLite (CareAccess.Own: the two arms merged in index order), stepped by hand through
// SQLitePCL from a statement compiled once per connection (SqliteStatementCache.Statement) instead of through EF's shaper
// or Microsoft.Data.Sqlite's reader: each column is one type check (none for the NOT NULL ones) and its UTF-8 bytes, the
// GUIDs and times are parsed from those bytes without a string, and times from the one text form EF writes instead of by
// DateTime.Parse. PostgreSQL runs the same statement through Npgsql's reader. The same rows and values as EF reads
// through Patients.Response (PatientListTests compares them on both databases). docs/PERFORMANCE.md has the figures.
internal static class OwnPatientRows
{
    private const string Columns = "id, name, age, gender, date_of_birth, phone, email, address, blood_group, allergies, conditions, " +
        "emergency_contact, notes, patient_uid, aadhaar_last4, user_id, created_by, created_at, updated_at, public_number";

    // `LIMIT +?2`, not `LIMIT ?2`: SQLite (3.53) plans with a bound LIMIT's value, so binding it again expires the kept
    // statement and every step compiled it anew (17 % of the list's CPU in its profile); the unary plus keeps the
    // value out of the plan and the statement compiled. The plan is the same either way (docs/PERFORMANCE.md).
    internal const string Sql = $"SELECT {Columns} FROM (SELECT {Columns} FROM care_patients WHERE created_by = ?1 UNION ALL " +
        $"SELECT {Columns} FROM care_patients WHERE user_id = ?1 AND created_by <> ?1) ORDER BY created_at DESC, id DESC LIMIT +?2 OFFSET ?3";

    public static async Task<List<PatientResponse>> ReadAsync(AfyaDb db, Guid me, int skip, int take, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // SQLite reads synchronously; a statement stepped on the connection joins whatever transaction it has open.
            return Read((SqliteConnection)db.Database.GetDbConnection(), me, skip, take);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string PostgresSql = $"SELECT {Columns} FROM (SELECT {Columns} FROM care_patients WHERE created_by = $1 UNION ALL " +
        $"SELECT {Columns} FROM care_patients WHERE user_id = $1 AND created_by <> $1) AS own ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3";

    // The same statement on PostgreSQL, read with Npgsql's typed getters: EF's compiled query built its shaper's delegate
    // again on every execution (DynamicMethod.CreateDelegate in the profile). Npgsql prepares it after a few runs
    // (auto-prepare, DatabaseSetup.WithPoolDefaults).
    public static Task<List<PatientResponse>> ReadPostgresAsync(AfyaDb db, Guid me, int skip, int take, CancellationToken ct) =>
        NpgsqlReads.ReadAsync(db, PostgresSql, async command =>
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = me });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = skip });
            var rows = new List<PatientResponse>(Math.Min(take, 64));
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add(new PatientResponse(
                    r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.TextOrNull(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4),
                    r.TextOrNull(5), r.TextOrNull(6), r.TextOrNull(7), r.TextOrNull(8), r.TextOrNull(9), r.TextOrNull(10), r.TextOrNull(11), r.TextOrNull(12),
                    r.TextOrNull(13), r.TextOrNull(14), r.GuidOrNull(15), r.GetGuid(16), r.UtcTime(17), r.UtcTime(18), r.GetInt32(19)));
            return rows;
        }, ct);

    private static List<PatientResponse> Read(SqliteConnection connection, Guid me, int skip, int take)
    {
        using var statement = SqliteStatementCache.Statement(connection, Sql);
        var s = statement.Handle;
        // GUIDs as EF's SQLite provider stores and compares them: upper-case text.
        Check(raw.sqlite3_bind_text(s, 1, me.ToString().ToUpperInvariant()), connection);
        Check(raw.sqlite3_bind_int(s, 2, take), connection);
        Check(raw.sqlite3_bind_int(s, 3, skip), connection);
        var rows = new List<PatientResponse>(Math.Min(take, 64));
        while (true)
        {
            var rc = raw.sqlite3_step(s);
            if (rc == raw.SQLITE_DONE) return rows;
            if (rc != raw.SQLITE_ROW) Check(rc, connection);
            rows.Add(new PatientResponse(
                Id(s, 0), Text(s, 1)!, Null(s, 2) ? null : Int(s, 2), Text(s, 3), Null(s, 4) ? null : Date(raw.sqlite3_column_blob(s, 4)),
                Text(s, 5), Text(s, 6), Text(s, 7), Text(s, 8), Text(s, 9), Text(s, 10), Text(s, 11), Text(s, 12), Text(s, 13), Text(s, 14),
                Null(s, 15) ? null : Id(s, 15), Id(s, 16), Time(raw.sqlite3_column_blob(s, 17)), Time(raw.sqlite3_column_blob(s, 18)),
                Int(s, 19)));
        }
    }

    private static void Check(int rc, SqliteConnection connection) => SqliteException.ThrowExceptionForRC(rc, connection.Handle);

    private static bool Null(sqlite3_stmt s, int i) => raw.sqlite3_column_type(s, i) == raw.SQLITE_NULL;

    // As Microsoft.Data.Sqlite's GetString: the column's UTF-8 text decoded.
    private static string? Text(sqlite3_stmt s, int i) => Null(s, i) ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(s, i));

    // As GetInt32: the 64-bit integer, narrowed with a check.
    private static int Int(sqlite3_stmt s, int i) => checked((int)raw.sqlite3_column_int64(s, i));

    // A GUID as EF stores it ("D" form, upper case) is parsed from the bytes; anything else as Guid.Parse reads it.
    private static Guid Id(sqlite3_stmt s, int i)
    {
        var text = raw.sqlite3_column_blob(s, i);
        return Utf8Parser.TryParse(text, out Guid id, out var used, 'D') && used == text.Length ? id : Guid.Parse(Encoding.UTF8.GetString(text));
    }

    // EF Core's SQLite provider writes a DateOnly as "yyyy-MM-dd" and reads any other text as Microsoft.Data.Sqlite does.
    private static DateOnly Date(ReadOnlySpan<byte> s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-' && Digits(s, 0, 4, out var year) && Digits(s, 5, 2, out var month) && Digits(s, 8, 2, out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day) : Date(Encoding.UTF8.GetString(s));

    private static DateOnly Date(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : DateOnly.FromDateTime(DateTime.Parse(s, CultureInfo.InvariantCulture));

    // EF Core's SQLite provider writes a DateTime as "yyyy-MM-dd HH:mm:ss" with up to seven digits of fraction after a
    // dot, and reads it back with DateTime.Parse (AfyaDb stamps it UTC). That form is parsed here by position; anything
    // else goes the way EF reads it, so the value is the same either way.
    internal static DateTime Time(string s)
    {
        Span<byte> utf8 = stackalloc byte[32];
        return s.Length <= 27 && Encoding.UTF8.TryGetBytes(s, utf8, out var length) && TryTime(utf8[..length], out var time) ? time : Parsed(s);
    }

    private static DateTime Time(ReadOnlySpan<byte> s) => TryTime(s, out var time) ? time : Parsed(Encoding.UTF8.GetString(s));

    private static bool TryTime(ReadOnlySpan<byte> s, out DateTime time)
    {
        time = default;
        if (s.Length >= 19 && s.Length != 20 && s.Length <= 27 && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':' && s[16] == ':'
            && (s.Length == 19 || s[19] == '.')
            && Digits(s, 0, 4, out var year) && Digits(s, 5, 2, out var month) && Digits(s, 8, 2, out var day)
            && Digits(s, 11, 2, out var hour) && Digits(s, 14, 2, out var minute) && Digits(s, 17, 2, out var second)
            && Fraction(s, out var ticks)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
        {
            time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
            return true;
        }
        return false;
    }

    private static DateTime Parsed(string s) => DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static bool Digits(ReadOnlySpan<byte> s, int start, int length, out int value)
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
    private static bool Fraction(ReadOnlySpan<byte> s, out long ticks)
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
