using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Afya.Api.Platform.Data;

// Work that must wait until a context's transaction has committed (and is dropped if it rolls back), for writes the change
// tracker never sees, so SavedChanges never fires for them: the outbox row a StatementBatch inserts wakes the delivery
// worker only once the row can be read. Outside a transaction the write has committed already: the action runs at once.
public sealed partial class CommitCallbacks : DbTransactionInterceptor
{
    public static readonly CommitCallbacks Instance = new();

    private readonly ConditionalWeakTable<DbTransaction, List<Action>> _waiting = new();

    private CommitCallbacks() { }

    public static void AfterCommit(DbContext db, Action action)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is { } transaction)
        {
            var actions = Instance._waiting.GetValue(transaction, _ => []);
            lock (actions) actions.Add(action);
        }
        else action();
    }

    // Npgsql hands out the same transaction object again: a new transaction starts with nothing waiting.
    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        _waiting.Remove(result);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _waiting.Remove(result);
        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(transaction, eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Run(transaction, eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _waiting.Remove(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _waiting.Remove(transaction);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _waiting.Remove(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => _waiting.Remove(transaction);

    private void Run(DbTransaction transaction, DbContext? context)
    {
        if (!_waiting.TryGetValue(transaction, out var actions)) return;
        _waiting.Remove(transaction);
        foreach (var action in actions)
        {
            // The transaction has committed: a failing follow-up (a wake at shutdown) must not make the caller see an error.
            try { action(); }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (context?.GetService<ILoggerFactory>() is { } loggers) LogActionFailed(loggers.CreateLogger<CommitCallbacks>(), ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "An action waiting for a commit failed after the commit")]
    private static partial void LogActionFailed(ILogger logger, Exception exception);
}
