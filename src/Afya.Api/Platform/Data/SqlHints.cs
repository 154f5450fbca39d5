using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Afya.Api.Platform.Data;

// Planner hints a query can carry. SQLite plans without statistics and takes a condition on an indexed column as
// selective: for `WHERE <broad filter> ORDER BY x LIMIT 20` it gathers every row the filter keeps through that
// column's index and sorts them all, where walking x's index would stop after a page. Its documented remedy is to
// write the column so no index applies (`+column`; sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_); `likely()`
// is not enough for SQLite 3.53. PostgreSQL keeps statistics, so there the column is left as it is.
public static class SqlHints
{
    public static int Unindexed(int column) => throw new InvalidOperationException("Only for use in queries.");

    public static long Unindexed(long column) => throw new InvalidOperationException("Only for use in queries.");

    // A condition no index serves, which PostgreSQL estimates as keeping half the rows: `COALESCE(condition, FALSE)`
    // (SQLite: the condition as it is). PostgreSQL estimates every prefix word (`word:*`) at 2 % of the rows and two at
    // 0.04 %, whatever they match (its statistics keep too few lexemes for a prefix estimate), so for words matching a
    // good share of the shop it gathers every match through the GIN index and sorts them for one page of 20; hidden, the
    // match is tested on each row of the order's index walked until the page is full. (Bitmap scans turned off in a
    // transaction leave the 0.04 % estimate, and the plan becomes a sequential scan.)
    public static bool Unindexed(bool condition) => throw new InvalidOperationException("Only for use in queries.");

    internal sealed class Model : IProviderModelConfiguration
    {
        public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
        {
            foreach (var type in (Type[])[typeof(int), typeof(long)])
                modelBuilder.HasDbFunction(typeof(SqlHints).GetMethod(nameof(Unindexed), [type])!).HasTranslation(args => provider == DatabaseProvider.Sqlite
                    // `column + 0`: the same value, which no index serves (the unary `+` has no expression in EF).
                    ? new SqlBinaryExpression(System.Linq.Expressions.ExpressionType.Add, args[0], new SqlConstantExpression(0, type, args[0].TypeMapping), type, args[0].TypeMapping)
                    : args[0]);
            modelBuilder.HasDbFunction(typeof(SqlHints).GetMethod(nameof(Unindexed), [typeof(bool)])!).HasTranslation(args => provider == DatabaseProvider.Sqlite
                ? args[0]
                : new SqlFunctionExpression("COALESCE", [args[0], new SqlConstantExpression(false, typeof(bool), args[0].TypeMapping)],
                    nullable: false, argumentsPropagateNullability: [false, false], typeof(bool), args[0].TypeMapping));
        }
    }
}
