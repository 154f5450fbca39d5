using System.Globalization;
using System.Linq.Expressions;
using CsvHelper;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.WebUtilities;

namespace Afya.Api.Admin.Lists;

// What a list page was asked for: ?q=&sort=&dir=&page= plus the page's own filters, kept in every link it draws.
public sealed class ListState(IQueryCollection query, int pageSize)
{
    public IQueryCollection Query { get; } = query;
    public string Search => Query["q"].ToString().Trim();
    public string? Sort => Query["sort"].ToString() is { Length: > 0 } s ? s : null;
    public bool Descending => !string.Equals(Query["dir"], "asc", StringComparison.Ordinal);
    public int Page => int.TryParse(Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 1_000_000 ? p : 1;
    public int Size { get; } = pageSize;

    public string Value(string name) => Query[name].ToString();

    // This list's address with some parameters changed (null removes one); the page goes back to 1 unless named.
    public string With(string path, params (string Key, string? Value)[] changes)
    {
        var values = Query.Where(q => q.Key is not ("page" or "handler")).ToDictionary(q => q.Key, q => q.Value.ToString());
        foreach (var (key, value) in changes)
            if (value is null) values.Remove(key);
            else values[key] = value;
        return QueryHelpers.AddQueryString(path, values.Where(v => v.Value.Length > 0).Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
    }
}

// Total is exact unless AtLeast: then more than Total rows match (the count stopped there) and at least one page follows.
public sealed record ListPage<T>(IReadOnlyList<T> Rows, int Total, ListState State, int Page, bool AtLeast = false)
{
    public int Pages => AtLeast ? Math.Max(Page + 1, (Total + State.Size) / State.Size) : Math.Max(1, (Total + State.Size - 1) / State.Size);
}

// The list half of the console's list/detail framework: every list page sorts, pages and exports through here.
public static class ConsoleList
{
    // Sorts by a named column (unknown names fall back to the first), ties broken by the key so pages never overlap.
    public static IQueryable<T> Sorted<T>(IQueryable<T> query, ListState state, IReadOnlyList<SortColumn<T>> columns, Expression<Func<T, object>> key)
    {
        var column = columns.FirstOrDefault(c => c.Key == state.Sort) ?? columns[0];
        var sorted = state.Descending ? column.Apply(query, true) : column.Apply(query, false);
        return state.Descending ? sorted.ThenByDescending(key) : sorted.ThenBy(key);
    }

    // One page: a count and one indexed, limited query; the sort columns are indexed so deep pages stay cheap.
    public static async Task<ListPage<T>> PageAsync<T>(IQueryable<T> sorted, ListState state, CancellationToken ct)
    {
        var total = await sorted.CountAsync(ct);
        var page = Math.Min(state.Page, Math.Max(1, (total + state.Size - 1) / state.Size));
        var rows = await sorted.Skip((page - 1) * state.Size).Take(state.Size).ToListAsync(ct);
        return new ListPage<T>(rows, total, state, page);
    }

    // One page of a large list: its keys first, over the sort's index (a deep page skips index entries, not whole rows),
    // and a count that stops at countCap rows (Console__ListCountCap, 10,000; the pager then says "more than"), or at
    // the rows up to this page when it is deeper, so every page a link leads to is known to exist. The caller then
    // reads only the page's rows by key.
    public static async Task<ListPage<TKey>> PageKeysAsync<T, TKey>(IQueryable<T> filtered, ListState state, IReadOnlyList<SortColumn<T>> columns,
        Expression<Func<T, TKey>> key, int countCap, CancellationToken ct)
    {
        var limit = Math.Max(countCap, state.Page * state.Size);
        var counted = await filtered.Select(key).Take(limit + 1).CountAsync(ct);
        var atLeast = counted > limit;
        var total = Math.Min(counted, limit);
        var page = atLeast ? state.Page : Math.Min(state.Page, Math.Max(1, (total + state.Size - 1) / state.Size));
        var keys = await Sorted(filtered, state, columns, Convert(key)).Select(key).Skip((page - 1) * state.Size).Take(state.Size).ToListAsync(ct);
        return new ListPage<TKey>(keys, total, state, page, atLeast);
    }

    private static Expression<Func<T, object>> Convert<T, TKey>(Expression<Func<T, TKey>> key) =>
        Expression.Lambda<Func<T, object>>(Expression.Convert(key.Body, typeof(object)), key.Parameters);

    // The rows of a page read by key, put back in the page's order.
    public static List<T> InOrder<T, TKey>(IEnumerable<T> rows, IReadOnlyList<TKey> keys, Func<T, TKey> key) where TKey : notnull
    {
        var position = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
        return rows.OrderBy(r => position[key(r)]).ToList();
    }

    // Writes exactly the filtered, sorted rows as CSV while they are read: no page limit, nothing held in memory.
    // Text that a spreadsheet would run as a formula (= + - @) is escaped.
    public static async Task WriteCsvAsync<T>(HttpResponse response, string fileName, string[] header, IAsyncEnumerable<T> rows, Func<T, string[]> cells,
        CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var csv = CsvWriter.Create(response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        await csv.WriteRecordAsync(header, ct);
        await foreach (var row in rows.WithCancellation(ct)) await csv.WriteRecordAsync(cells(row), ct);
        await csv.FlushAsync(ct);
    }

    // A column heading that sorts by it, saying which way it is sorted now.
    public static IHtmlContent SortHeader<T>(ListState state, string path, SortColumn<T> column, IReadOnlyList<SortColumn<T>> columns, string? cssClass = null)
    {
        var current = (columns.FirstOrDefault(c => c.Key == state.Sort) ?? columns[0]).Key == column.Key;
        var nextDir = current && state.Descending ? "asc" : "desc";
        var aria = current ? (state.Descending ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : "";
        var arrow = current ? (state.Descending ? " ↓" : " ↑") : "";
        var href = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(state.With(path, ("sort", column.Key), ("dir", nextDir)));
        var title = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(column.Title);
        var css = cssClass is null ? "" : $" class=\"{cssClass}\"";
        return new HtmlString($"<th scope=\"col\"{css}{aria}><a href=\"{href}\">{title}{arrow}</a></th>");
    }
}

public sealed class SortColumn<T>(string key, string title, Func<IQueryable<T>, bool, IOrderedQueryable<T>> apply)
{
#pragma warning disable CA1000 // SortColumn<Order>.By(...) reads better than a second, non-generic factory class

    public string Key { get; } = key;
    public string Title { get; } = title;
    public IOrderedQueryable<T> Apply(IQueryable<T> query, bool descending) => apply(query, descending);

    public static SortColumn<T> By<TKey>(string key, string title, Expression<Func<T, TKey>> by) =>
        new(key, title, (q, desc) => desc ? q.OrderByDescending(by) : q.OrderBy(by));
#pragma warning restore CA1000
}
