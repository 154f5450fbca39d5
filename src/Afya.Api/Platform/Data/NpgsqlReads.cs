using Npgsql;

namespace Afya.Api.Platform.Data;

// A read written by hand on PostgreSQL, on the context's own connection, for hot reads where EF's compiled query rebuilt
// its shaper on every run (the patient list, the doctor by number: docs/PERFORMANCE.md). Npgsql prepares the statement
// after a few runs (auto-prepare, DatabaseSetup.WithPoolDefaults).
internal static class NpgsqlReads
{
    // Runs `read` with a command for `sql`; the connection is opened for it and closed after, unless EF already held it open.
    public static async Task<T> ReadAsync<T>(AfyaDb db, string sql, Func<NpgsqlCommand, Task<T>> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
            return await read(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static string? TextOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static Guid? GuidOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

    // As AfyaDb's converter reads every time: stamped UTC (Npgsql already reads a timestamptz so).
    public static DateTime UtcTime(this NpgsqlDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);
}
