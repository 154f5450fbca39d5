using Afya.Api.Platform.Http;

namespace Afya.Api.Platform.Surfaces;

// On a bare-list surface group (SurfaceRoutes.WithBareListShape): the page is the whole list, whatever ?page= says,
// and a page answer becomes the bare array of its results with the same status. Other answers pass untouched.
internal sealed class BareListFilter : IEndpointFilter
{
    private static readonly FixedPage Whole = new(PageRequest.Whole);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Features.Set(Whole);
        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested) inner = nested.Result;
        return inner switch
        {
            IValueHttpResult { Value: IPage page } => TypedResults.Json(page.Items, statusCode: (inner as IStatusCodeHttpResult)?.StatusCode ?? 200),
            IPage page => TypedResults.Json(page.Items),
            _ => result,
        };
    }
}
