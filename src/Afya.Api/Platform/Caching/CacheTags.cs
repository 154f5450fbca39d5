using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Afya.Api.Platform.Caching;

// Which cached answers a changed row shows up in, declared once per entity type by the module that owns it
// (services.AddCacheTags<Product>(...)). Wide is the tag every such answer also carries: when one commit would
// evict more than CacheEvictions.MaxNarrowTags narrow tags of a rule, the wide one is evicted instead.
public sealed record CacheTagRule(Type EntityType, string Wide, Func<EntityEntry, IEnumerable<string>> Tags);

public static class CacheTagRules
{
    public static IServiceCollection AddCacheTags<TEntity>(this IServiceCollection services, string wide,
        Func<TEntity, EntityEntry, IEnumerable<string>> tags) where TEntity : class =>
        services.AddSingleton(new CacheTagRule(typeof(TEntity), wide, entry => tags((TEntity)entry.Entity, entry)));
}

// Evicts cache tags after the write that changed what they show has committed, never before and never for a
// write that rolled back. Two ways in, one way out:
// - SaveChanges: the tags of every added, modified or deleted entity with a rule (AddCacheTags) are collected
//   before the save;
// - AfterCommit(db, tags): for statements the change tracker never sees (ExecuteUpdate, ExecuteDelete).
// Outside a transaction the write has committed when it returns, so the tags go at once; inside one they wait
// for its commit and are dropped with its rollback. Eviction goes through AfyaCache, which also tells the other
// nodes over Redis.
public sealed partial class CacheEvictions(IEnumerable<CacheTagRule> rules, AfyaCache cache, ILogger<CacheEvictions> logger)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public const int MaxNarrowTags = 32;

    private readonly Dictionary<Type, CacheTagRule[]> _rules = rules.GroupBy(r => r.EntityType).ToDictionary(g => g.Key, g => g.ToArray());

    // Tags of a save in flight, and tags waiting for a transaction's commit.
    private readonly ConditionalWeakTable<DbContext, PendingTags> _saving = new();
    private readonly ConditionalWeakTable<DbTransaction, PendingTags> _waiting = new();

    // Tags a bulk statement (ExecuteUpdate, ExecuteDelete) made stale, with the wide tag to evict instead of too many.
    public void AfterCommit(DbContext db, string wide, IEnumerable<string> tags)
    {
        var pending = new PendingTags();
        pending.Add(wide, tags);
        Route(db, pending);
    }

    // ---------- SaveChanges ----------

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context) is { } now) Evict(now);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Saved(eventData.Context) is { } now) await EvictAsync(now);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // ---------- Transactions ----------

    // A provider may hand out the same transaction object again (Npgsql does): a new transaction starts with nothing waiting.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _waiting.Remove(result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        _waiting.Remove(result);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Take(transaction) is { } tags) Evict(tags);
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(transaction) is { } tags) await EvictAsync(tags);
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _waiting.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _waiting.Remove(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => _waiting.Remove(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _waiting.Remove(transaction);
        return Task.CompletedTask;
    }

    // ---------- Collecting and routing ----------

    private void Collect(DbContext? db)
    {
        if (db is null) return;
        _saving.Remove(db);
        if (_rules.Count == 0) return;
        PendingTags? pending = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (!_rules.TryGetValue(entry.Metadata.ClrType, out var matching)) continue;
            foreach (var rule in matching) (pending ??= new PendingTags()).Add(rule.Wide, rule.Tags(entry));
        }
        if (pending is not null) _saving.AddOrUpdate(db, pending);
    }

    // The save went through: its tags wait for the transaction it ran in, or are returned to evict now.
    private SortedSet<string>? Saved(DbContext? db)
    {
        if (db is null || !_saving.TryGetValue(db, out var pending)) return null;
        _saving.Remove(db);
        return Route(db, pending, deferNow: true);
    }

    private void Forget(DbContext? db)
    {
        if (db is not null) _saving.Remove(db);
    }

    // Inside a transaction the tags join what waits for its commit; outside one they are evicted now (or, with
    // deferNow, returned for the caller to evict, so an async save can await it).
    private SortedSet<string>? Route(DbContext db, PendingTags pending, bool deferNow = false)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is { } transaction)
        {
            _waiting.GetValue(transaction, _ => new PendingTags()).Merge(pending);
            return null;
        }
        var tags = pending.Resolve();
        if (deferNow) return tags;
        Evict(tags);
        return null;
    }

    private SortedSet<string>? Take(DbTransaction transaction)
    {
        if (!_waiting.TryGetValue(transaction, out var pending)) return null;
        _waiting.Remove(transaction);
        return pending.Resolve();
    }

    private void Evict(SortedSet<string> tags)
    {
        cache.EvictTags(tags);
        LogEvicted(logger, tags.Count, string.Join(' ', tags));
    }

    private async Task EvictAsync(SortedSet<string> tags)
    {
        await cache.EvictTagsAsync(tags);
        LogEvicted(logger, tags.Count, string.Join(' ', tags));
    }

    [LoggerMessage(LogLevel.Debug, "Evicted {Count} cache tags after commit: {Tags}")]
    private static partial void LogEvicted(ILogger logger, int count, string tags);

    // Narrow tags grouped under their wide tag; a group grown past MaxNarrowTags resolves to its wide tag alone.
    private sealed class PendingTags
    {
        private readonly Dictionary<string, HashSet<string>> _groups = new(StringComparer.Ordinal);

        public void Add(string wide, IEnumerable<string> tags)
        {
            if (!_groups.TryGetValue(wide, out var set)) _groups[wide] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(tags);
        }

        public void Merge(PendingTags other)
        {
            lock (_groups)
                foreach (var (wide, tags) in other._groups) Add(wide, tags);
        }

        public SortedSet<string> Resolve()
        {
            lock (_groups)
            {
                var tags = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var (wide, narrow) in _groups)
                {
                    if (narrow.Count > MaxNarrowTags || narrow.Contains(wide)) tags.Add(wide);
                    else tags.UnionWith(narrow);
                }
                return tags;
            }
        }
    }
}
