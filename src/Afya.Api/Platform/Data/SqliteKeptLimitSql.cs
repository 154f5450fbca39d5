using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Sqlite.Query.Internal;

namespace Afya.Api.Platform.Data;

// EF's SQL for SQLite exactly as its own generator writes it, but a paged query's `LIMIT @p` written `LIMIT +@p`.
// SQLite plans with the value bound to a bare LIMIT parameter and marks the statement to be compiled again whenever that
// parameter is bound anew, so every statement SqliteStatementCache keeps for a Skip/Take query was recompiled on each
// run (the patient list's own statement did the same: docs/PERFORMANCE.md, sixth pass). A unary plus on an integer is
// the same integer, so the rows are the same; it only keeps the value out of the plan. Constants (`LIMIT 1`) and OFFSET
// (which SQLite does not plan with) are written as before. EF's Sqlite generator is internal API (EF1001): the
// subclass only adds a character around the base's own output, and PagedQueryTests pins the text and the rows.
#pragma warning disable EF1001
internal sealed class SqliteKeptLimitSql(QuerySqlGeneratorDependencies dependencies) : SqliteQuerySqlGenerator(dependencies)
{
    private SqlParameterExpression? _limit;

    protected override void GenerateLimitOffset(SelectExpression selectExpression)
    {
        _limit = selectExpression.Limit as SqlParameterExpression;
        try
        {
            base.GenerateLimitOffset(selectExpression);
        }
        finally
        {
            _limit = null;
        }
    }

    protected override Expression VisitSqlParameter(SqlParameterExpression sqlParameterExpression)
    {
        if (ReferenceEquals(sqlParameterExpression, _limit))
        {
            // Once: Skip(n).Take(n) may hand OFFSET the same parameter.
            _limit = null;
            Sql.Append("+");
        }
        return base.VisitSqlParameter(sqlParameterExpression);
    }
}

internal sealed class SqliteKeptLimitSqlFactory(QuerySqlGeneratorDependencies dependencies) : IQuerySqlGeneratorFactory
{
    public QuerySqlGenerator Create() => new SqliteKeptLimitSql(dependencies);
}
#pragma warning restore EF1001
