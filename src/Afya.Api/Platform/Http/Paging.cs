using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Afya.Api.Platform.Http;

// DRF's page shape, which every seed client already reads.
public sealed record Page<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results) : IPage
{
    System.Collections.IEnumerable IPage.Items => Results;
}

// Any page, whatever its item type: what a surface needs to answer with the bare list instead.
public interface IPage
{
    System.Collections.IEnumerable Items { get; }
}

// A page a surface fixes for its requests, whatever the query says: the Healthcare Backend's bare lists are whole.
// Set by the surface's filter (SurfaceRoutes.WithBareListShape), so a handler never asks which surface called it.
public sealed record FixedPage(PageRequest Page);

// ?page= and ?page_size=: default 20, capped at 100 as DRF's max_page_size does.
public readonly record struct PageRequest(int Number, int Size)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static PageRequest Whole => new(1, int.MaxValue);

    // Clamped rather than wrapped: page 2,000,000,000 of 100 is past any list (an empty page or PAGE_NOT_FOUND, as for
    // any page past the end), never a negative offset that the query would refuse with a 500.
    public int Skip => (int)Math.Min((Number - 1L) * Size, int.MaxValue);

    // Reads the two parameters; a value that is not a positive whole number is a field error.
    public static bool TryRead(HttpRequest request, out PageRequest page, out ProblemHttpResult? problem)
    {
        page = new PageRequest(1, DefaultSize);
        problem = null;
        if (request.HttpContext.Features.Get<FixedPage>() is { } fixedPage)
        {
            page = fixedPage.Page;
            return true;
        }
        var number = 1;
        var size = DefaultSize;
        if (request.Query.TryGetValue("page", out var p) && !TryPositive(p, out number))
        {
            problem = ApiProblem.Field("page", "page must be a whole number of at least 1.", "INVALID_PAGE");
            return false;
        }
        if (request.Query.TryGetValue("page_size", out var s) && !TryPositive(s, out size))
        {
            problem = ApiProblem.Field("page_size", "page_size must be a whole number of at least 1.", "INVALID_PAGE");
            return false;
        }
        page = new PageRequest(number, Math.Min(size, MaxSize));
        return true;
    }

    // The total a page already tells: one that is not full (and not an empty page past the first) ends the list, so the
    // count query a list would run beside it is needed only for a full page or an empty one further on.
    public int? TotalFrom(int returned) => returned < Size && (returned > 0 || Number == 1) && Skip < int.MaxValue - returned ? Skip + returned : null;

    public Page<T> Build<T>(HttpRequest request, int count, IReadOnlyList<T> results)
    {
        var last = Math.Max(1, (int)Math.Ceiling(count / (double)Size));
        return new Page<T>(count,
            Number < last ? Link(request, Number + 1) : null,
            Number > 1 ? Link(request, Math.Min(Number - 1, last)) : null,
            results);
    }

    private static string Link(HttpRequest request, int number)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["page"] = number.ToString(CultureInfo.InvariantCulture);
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        return QueryHelpers.AddQueryString(baseUrl, query.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))));
    }

    private static bool TryPositive(string? value, out int parsed) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parsed) && parsed >= 1;
}
