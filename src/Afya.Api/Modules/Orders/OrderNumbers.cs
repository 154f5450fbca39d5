using Afya.Api.Platform.Data;

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

    // The number Next gave, for later statements of the same batch (currval is the session's latest nextval): the text
    // Format makes of it, so the order's row, its mail and the answer agree. Only after Next in the same batch: pooled
    // connections are not reset (DatabaseSetup.WithPoolDefaults), so a currval without it would quietly read the
    // number of an earlier checkout that used the same connection.
    public static StatementBatch.LateText Late(string prefix) => StatementBatch.LateText.For(
        $"'{prefix.Replace("'", "''", StringComparison.Ordinal)}' || lpad(currval('{Sequence}')::text, greatest(6, length(currval('{Sequence}')::text)), '0')");

    // AFY-2026- and 123: AFY-2026-000123 (at least six digits).
    public static string Format(string prefix, long number) => $"{prefix}{number:D6}";

    // SQLite's counter row, moved inside the checkout's transaction; PostgreSQL's number comes from Next in the batch.
    public static Task<long> NextAsync(AfyaDb db, int year, CancellationToken ct) => OrderFlow.NextAsync(db, $"order-{year}", ct);
}

internal sealed class OrderNumberSequence : IProviderModelConfiguration
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres) modelBuilder.HasSequence<long>(OrderNumbers.Sequence);
    }
}
