using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using System.Threading.Channels;

namespace Afya.Api.Modules.Catalog;

// Product views of a signed-in user or of a guest's cart token; GET /recently-viewed shows the last ten.
// A view never waits for the database: it goes into a bounded queue that RecentlyViewedWriter empties in
// batches. Views still queued when the process crashes are lost (a clean stop writes them); when the queue is
// full (the database far behind) new views are dropped and counted, never made to wait.
public sealed partial class RecentlyViewedLog(TimeProvider clock, ILogger<RecentlyViewedLog> logger)
{
    public const int Shown = 10;
    public const int Capacity = 10_000;

    internal readonly record struct View(Guid? UserId, string? GuestKey, Guid ProductId, DateTime At);

    private readonly Channel<View> _queue = Channel.CreateBounded<View>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true,
    });
    private long _queued;
    private long _written;
    private long _dropped;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ChannelReader<View> Pending => _queue.Reader;

    public void Record(Guid? userId, string? guestToken, Guid productId)
    {
        if (userId is null && guestToken is null) return;
        var view = new View(userId, userId is null ? GuestToken.Key(guestToken!) : null, productId, clock.GetUtcNow().UtcDateTime);
        // DropWrite reports success even when it drops, so fullness is checked first (an estimate under races).
        if (_queue.Reader.Count >= Capacity || !_queue.Writer.TryWrite(view))
        {
            if (Interlocked.Increment(ref _dropped) % 1000 == 1) LogDropped(logger, Interlocked.Read(ref _dropped));
            return;
        }
        Interlocked.Increment(ref _queued);
    }

    internal void Written(int count)
    {
        Interlocked.Add(ref _written, count);
        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    internal void Complete() => _queue.Writer.TryComplete();

    // Waits (at most two seconds of real time, whatever clock the app reads) until the views queued before this
    // call are written, so a list read on this node right after a view shows it.
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var target = Interlocked.Read(ref _queued);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Interlocked.Read(ref _written) < target && waited.Elapsed < TimeSpan.FromSeconds(2))
        {
            var progress = Volatile.Read(ref _progress).Task;
            if (Interlocked.Read(ref _written) >= target) break;
            await Task.WhenAny(progress, Task.Delay(TimeSpan.FromMilliseconds(100), ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Recently-viewed queue full: {Dropped} views dropped so far")]
    private static partial void LogDropped(ILogger logger, long dropped);

    public static async Task<Ok<List<ProductSummary>>> List(HttpRequest http, CurrentUser me, AfyaDb db, IFileStorage storage, RecentlyViewedLog log, CancellationToken ct)
    {
        var userId = me.IdOrNull;
        var token = GuestToken.Read(http);
        if (userId is null && token is null) return TypedResults.Ok(new List<ProductSummary>());
        await log.CatchUpAsync(ct);
        var guestKey = userId is null ? GuestToken.Key(token!) : null;
        var views = db.Set<RecentlyViewed>().AsNoTracking().Where(v => userId != null ? v.UserId == userId : v.GuestKey == guestKey);
        var recent = await views.Join(Products.Visible(db), v => v.ProductId, p => p.Id, (v, p) => new { v.ViewedAt, Product = p })
            .OrderByDescending(x => x.ViewedAt).Take(Shown).Select(x => x.Product).Select(Products.ToRow).ToListAsync(ct);
        return TypedResults.Ok(recent.Select(r => Products.ToSummary(r, storage)).ToList());
    }
}

// Empties the recently-viewed queue in batches of up to 500, each in one transaction, one conditional update
// (or insert) per view in the order they came.
internal sealed partial class RecentlyViewedWriter(RecentlyViewedLog log, IServiceScopeFactory scopes, ILogger<RecentlyViewedWriter> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RecentlyViewedLog.View>(Batch);
        // On stop the queue is closed and what is in it is still written: only a crash loses views.
        using var stopping = stoppingToken.Register(log.Complete);
        while (await log.Pending.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < Batch && log.Pending.TryRead(out var view)) batch.Add(view);
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogFailed(logger, ex, batch.Count);
            }
            log.Written(batch.Count);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<RecentlyViewedLog.View> views)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        var set = db.Set<RecentlyViewed>();
        foreach (var v in views)
        {
            var updated = v.UserId is { } user
                ? await set.Where(x => x.UserId == user && x.ProductId == v.ProductId).ExecuteUpdateAsync(u => u.SetProperty(x => x.ViewedAt, v.At))
                : await set.Where(x => x.GuestKey == v.GuestKey && x.ProductId == v.ProductId).ExecuteUpdateAsync(u => u.SetProperty(x => x.ViewedAt, v.At));
            if (updated > 0) continue;
            var row = new RecentlyViewed { UserId = v.UserId, GuestKey = v.GuestKey, ProductId = v.ProductId, ViewedAt = v.At };
            db.Add(row);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // The same pair written by another node a moment ago, or the product deleted since: nothing to keep.
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not write {Count} recently-viewed entries; they are dropped")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);
}
