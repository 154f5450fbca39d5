using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Afya.Api.Modules.Orders;

// The running number in AFY-2026-000123. On PostgreSQL it comes from a sequence: nextval never waits for another
// checkout's transaction, so numbering is no longer a point every checkout queues on (a rolled-back checkout leaves a
// gap, which order numbers may have; invoice numbers may not and keep their counter row). SQLite lets one writer in at
// a time anyway, so there the counter row (one UPDATE ... RETURNING inside the checkout) costs nothing extra.
public static class OrderNumbers
{
    public const string Sequence = "orders_number_seq";

    // nextval as a statement of checkout's batch (PostgreSQL), so the number comes in the round trip that takes the stock.
    public static Func<long> Next(StatementBatch batch)
    {
        var next = batch.AddQuery($"SELECT nextval('{Sequence}')");
        return () => Convert.ToInt64(next.Value ?? throw new InvalidOperationException("The batch gave no order number."),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<long> NextAsync(AfyaDb db, int year, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Sqlite) return await OrderFlow.NextAsync(db, $"order-{year}", ct);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT nextval('{Sequence}')";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

internal sealed class OrderNumberSequence : IProviderModelConfiguration
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres) modelBuilder.HasSequence<long>(OrderNumbers.Sequence);
    }
}
