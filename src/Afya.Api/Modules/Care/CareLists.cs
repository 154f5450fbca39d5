using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Care;

// Care's lists are DRF pages of ?page= and ?page_size=. A surface whose lists are bare arrays (the Healthcare
// Backend's) fixes the page and unwraps the answer on its own group, so a list never learns who called it.
public static class CareLists
{
    public static async Task<Result<Page<TOut>>> PageAsync<TRow, TOut>(
        HttpRequest http, IQueryable<TRow> ordered, Func<TRow, TOut> map, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var rows = await ordered.Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        // A first page that is not full holds the whole list, so its count needs no second query.
        var count = page.Number == 1 && rows.Count < page.Size ? rows.Count : await ordered.CountAsync(ct);
        return page.Build(http, count, rows.Select(map).ToList());
    }
}
