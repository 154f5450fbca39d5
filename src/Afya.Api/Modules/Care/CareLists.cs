using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Care;

// Care's lists are DRF pages of ?page= and ?page_size=. A surface whose lists are bare arrays (the Healthcare
// Backend's) fixes the page and unwraps the answer on its own group, so a list never learns who called it.
public static class CareLists
{
    public static Task<Result<Page<TOut>>> PageAsync<TRow, TOut>(
        HttpRequest http, IQueryable<TRow> ordered, Func<TRow, TOut> map, CancellationToken ct) =>
        PageAsync(http, (skip, take) => ordered.Skip(skip).Take(take).AsAsyncEnumerable(), () => ordered.CountAsync(ct), map, ct);

    // The same page over a query that is not an IQueryable (a compiled query): rows(skip, take) and the count of them all.
    public static Task<Result<Page<TOut>>> PageAsync<TRow, TOut>(
        HttpRequest http, Func<int, int, IAsyncEnumerable<TRow>> rows, Func<Task<int>> count, Func<TRow, TOut> map, CancellationToken ct) =>
        PageAsync(http, async (skip, take) =>
        {
            var list = new List<TRow>();
            await foreach (var row in rows(skip, take).WithCancellation(ct)) list.Add(row);
            return list;
        }, count, map);

    // The same page over rows read whole by the caller (a hand-written reader): rows(skip, take) and the count of them all.
    public static async Task<Result<Page<TOut>>> PageAsync<TRow, TOut>(
        HttpRequest http, Func<int, int, Task<List<TRow>>> rows, Func<Task<int>> count, Func<TRow, TOut> map)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var read = await rows(page.Skip, page.Size);
        var items = new List<TOut>(read.Count);
        foreach (var row in read) items.Add(map(row));
        // A first page that is not full holds the whole list, so its count needs no second query.
        var total = page.Number == 1 && items.Count < page.Size ? items.Count : await count();
        return page.Build(http, total, items);
    }
}
