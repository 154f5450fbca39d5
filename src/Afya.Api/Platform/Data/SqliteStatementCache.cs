using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Afya.Api.Platform.Data;

// SQLite compiles a statement's text before it runs it, and Microsoft.Data.Sqlite keeps nothing compiled from one
// command to the next (dotnet/efcore#14044): compiling the product page's query took 100 µs of its 110. EF builds a
// new command for every query, so this hands it, per open connection, a command that already holds the compiled
// statements for the same text, with EF's parameters moved onto it. Only queries (SELECT) are kept: their texts
// repeat, while the batches SaveChanges writes vary with the number of rows. A text whose command is already in
// use on the connection (a query run while another with the same text is still being read) gets EF's own command.
internal sealed class SqliteStatementCache : DbCommandInterceptor
{
    public static readonly SqliteStatementCache Instance = new();
    private const int MaxPerConnection = 256;
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, KeptCommand>> Kept = new();
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, KeptStatement>> KeptRaw = new();

    // Microsoft.Data.Sqlite refuses to close a connection with statements still compiled on it.
    public static void Release(DbConnection connection)
    {
        if (KeptRaw.TryGetValue(connection, out var raw))
        {
            foreach (var statement in raw.Values) statement.Handle.Dispose();
            KeptRaw.Remove(connection);
        }
        if (!Kept.TryGetValue(connection, out var kept)) return;
        foreach (var command in kept.Values) command.Release();
        Kept.Remove(connection);
    }

    // A statement a module steps itself through SQLitePCL, reading columns as UTF-8 bytes without Microsoft.Data.Sqlite's
    // checks and strings per column (Care's own patient list): compiled once per connection and kept with its commands,
    // or a fresh one while that is being stepped. Disposing it resets it and hands it back.
    public static KeptStatement Statement(SqliteConnection connection, string text)
    {
        var kept = KeptRaw.GetOrCreateValue(connection);
        // A statement belongs to the native connection it was compiled on: one the SqliteConnection no longer holds
        // (closed and opened again without Release) is finalized and compiled afresh.
        if (kept.TryGetValue(text, out var statement) && !statement.InUse && !ReferenceEquals(statement.Db, connection.Handle))
        {
            statement.Handle.Dispose();
            kept.Remove(text);
            statement = null;
        }
        if (statement is null)
        {
            if (kept.Count >= MaxPerConnection) return new KeptStatement(Prepare(connection, text), connection.Handle, owned: true);
            statement = new KeptStatement(Prepare(connection, text), connection.Handle, owned: false);
            kept[text] = statement;
        }
        if (statement.InUse) return new KeptStatement(Prepare(connection, text), connection.Handle, owned: true);
        statement.InUse = true;
        return statement;
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, string text)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, text, out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return statement;
    }

    internal sealed class KeptStatement(sqlite3_stmt handle, sqlite3? db, bool owned) : IDisposable
    {
        public sqlite3_stmt Handle { get; } = handle;
        public sqlite3? Db { get; } = db;
        public bool InUse { get; set; }

        public void Dispose()
        {
            if (owned)
            {
                Handle.Dispose();
                return;
            }
            raw.sqlite3_reset(Handle);
            raw.sqlite3_clear_bindings(Handle);
            InUse = false;
        }
    }

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (result is not SqliteCommand { Connection: { State: System.Data.ConnectionState.Open } connection } fresh
            || !fresh.CommandText.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) return result;
        if (Free(connection, fresh.CommandText) is not { } command) return result;
        command.TakeOver(fresh);
        return command;
    }

    // A statement a module runs by hand rather than through EF (Care's own patient list reads its rows itself): the same
    // kept, compiled command per connection, or a fresh one while that is being read. Disposing it hands it back.
    public static SqliteCommand Command(SqliteConnection connection, string text)
    {
        if (Free(connection, text) is not { } command) return new SqliteCommand(text, connection);
        command.Take();
        return command;
    }

    // The connection's compiled command for this text, prepared on first use; null when it is being read or the
    // connection keeps as many as it may.
    private static KeptCommand? Free(SqliteConnection connection, string text)
    {
        var kept = Kept.GetOrCreateValue(connection);
        if (!kept.TryGetValue(text, out var command))
        {
            if (kept.Count >= MaxPerConnection) return null;
            command = new KeptCommand(text, connection);
            command.Prepare();
            kept[text] = command;
        }
        return command.InUse ? null : command;
    }

    private sealed class KeptCommand(string text, SqliteConnection connection) : SqliteCommand(text, connection)
    {
        public bool InUse { get; private set; }

        public void Take() => InUse = true;

        public void TakeOver(SqliteCommand fresh)
        {
            InUse = true;
            Transaction = fresh.Transaction;
            CommandTimeout = fresh.CommandTimeout;
            foreach (var parameter in fresh.Parameters.Cast<SqliteParameter>().ToList())
            {
                fresh.Parameters.Remove(parameter);
                Parameters.Add(parameter);
            }
            fresh.Dispose();
        }

        public void Release() => base.Dispose(true);

        // EF disposes a command once its reader is done; this one goes back to its connection, still compiled.
        // Its statements are finalized when the connection closes for good (SqliteConnection does that itself).
#pragma warning disable CA2215 // Not calling the base is the point: it would finalize the compiled statements.
        protected override void Dispose(bool disposing)
        {
            Parameters.Clear();
            Transaction = null;
            InUse = false;
        }
#pragma warning restore CA2215
    }
}
