using Microsoft.Data.Sqlite;
using Npgsql;

namespace Afya.Api.Platform.Data;

public static class DbErrors
{
    // True when the save failed on a unique index; hint narrows it to a column or index name.
    public static bool IsUniqueViolation(DbUpdateException exception, string? hint = null) => IsUniqueViolation((Exception)exception, hint);

    // The same for ExecuteUpdate/ExecuteDelete, which throw the provider's exception itself.
    public static bool IsUniqueViolation(Exception exception, string? hint = null) => ((exception as DbUpdateException)?.InnerException ?? exception) switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation
            && (hint is null || (pg.ConstraintName ?? "").Contains(hint, StringComparison.OrdinalIgnoreCase)),
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal)
            && (hint is null || sqlite.Message.Contains(hint, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };
}
