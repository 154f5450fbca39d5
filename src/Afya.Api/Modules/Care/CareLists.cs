using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Care;

// Native lists are DRF pages; the Healthcare Backend's are bare arrays of everything, newest first.
// The surface group marks its requests, the list reads the mark, and the filter unwraps the page.
public static class CareLists
{
    private const string BareItem = "care.bare-list";

    public static async Task<(Page<TOut>? Page, ProblemHttpResult? Problem)> PageAsync<TRow, TOut>(
        HttpRequest http, IQueryable<TRow> ordered, Func<TRow, TOut> map, CancellationToken ct)
    {
        if (http.HttpContext.Items.ContainsKey(BareItem))
        {
            var all = (await ordered.ToListAsync(ct)).Select(map).ToList();
            return (new Page<TOut>(all.Count, null, null, all), null);
        }
        if (!PageRequest.TryRead(http, out var page, out var problem)) return (null, problem);
        var count = await ordered.CountAsync(ct);
        var rows = await ordered.Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return (page.Build(http, count, rows.Select(map).ToList()), null);
    }

    internal sealed class BareArrayFilter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            context.HttpContext.Items[BareItem] = true;
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is IValueHttpResult { Value: { } value } && value.GetType() is { IsGenericType: true } type
                && type.GetGenericTypeDefinition() == typeof(Page<>))
                return TypedResults.Ok(type.GetProperty(nameof(Page<int>.Results))!.GetValue(value));
            return result;
        }
    }
}
