using System.Data;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Afya.Api.Platform.Data;

// Statements of several modules that must run one after another inside the caller's transaction, sent to PostgreSQL in
// one round trip: a DbBatch, which Npgsql pipelines and the server still runs in order, stopping at the first error.
// Checkout's stock take, cart emptying and order number were three round trips (docs/PERFORMANCE.md). PostgreSQL only:
// SQLite runs in process, where a round trip costs nothing, and keeps the EF statements. Parameters are $1, $2, ...
public sealed partial class StatementBatch
{
    public sealed class Statement(string sql, object?[] args, bool returnsRow)
    {
        internal string Sql { get; } = sql;
        internal object?[] Args { get; } = args;
        internal bool ReturnsRow { get; } = returnsRow;

        // Rows the statement changed (or returned); read after ExecuteAsync.
        public int Affected { get; internal set; }

        // The first column of the first row of a statement that returns one.
        public object? Value => Rows.Count > 0 ? Rows[0][0] : null;

        // The first column of every row it returned, in the order the server sent them (an INSERT's RETURNING id).
        public IEnumerable<object> Values => Rows.Select(r => r[0]!);

        // Every row it returned, each column's value in order, null for SQL NULL (a read of several columns).
        public List<object?[]> Rows { get; } = [];
    }

    // Text known only once the batch runs (an order number that nextval gives in the same batch): the token that stands
    // for it in values given to later statements, and the SQL expression those statements write in its place.
    public sealed record LateText(string Token, string Sql)
    {
        // Letters and digits only, so HTML encoding or a template leaves it as it is.
        public static LateText For(string sql) => new("late" + Guid.NewGuid().ToString("N"), sql);
    }

    private readonly List<Statement> statements = [];

    // A null argument is sent as SQL NULL.
    public Statement Add(string sql, params object?[] args) => Added(new Statement(sql, args, returnsRow: false));

    public Statement AddQuery(string sql, params object?[] args) => Added(new Statement(sql, args, returnsRow: true));

    private Statement Added(Statement statement)
    {
        statements.Add(statement);
        return statement;
    }

    public async Task ExecuteAsync(AfyaDb db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres) throw new InvalidOperationException("Statement batches are for PostgreSQL.");
        if (statements.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var started = Stopwatch.GetTimestamp();
        await using var batch = connection.CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var s in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = s.Sql;
            foreach (var arg in s.Args)
            {
                var parameter = command.CreateParameter();
                parameter.Value = arg ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
        }
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            // The statements that return rows have the result sets with columns, in the batch's order.
            using var queries = statements.Where(s => s.ReturnsRow).GetEnumerator();
            do
            {
                if (reader.FieldCount == 0 || !queries.MoveNext()) continue;
                while (await reader.ReadAsync(ct))
                {
                    var row = new object?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    queries.Current.Rows.Add(row);
                }
            }
            while (await reader.NextResultAsync(ct));
        }
        for (var i = 0; i < statements.Count; i++) statements[i].Affected = batch.BatchCommands[i].RecordsAffected;
        // Beside EF's own command log (same level, so CheckoutRoundTripTests counts it as the round trip it is).
        Executed(db.GetService<ILoggerFactory>().CreateLogger<StatementBatch>(), statements.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(LogLevel.Information, "Executed batch of {Count} statements in one round trip ({Elapsed} ms)")]
    private static partial void Executed(ILogger logger, int count, double elapsed);
}
