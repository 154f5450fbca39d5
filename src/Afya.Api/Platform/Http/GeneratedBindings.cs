using System.CodeDom.Compiler;
using System.IO.Pipelines;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Metadata;

namespace Afya.Api.Platform.Http;

// Handlers are bound at build time by the request delegate generator (EnableRequestDelegateGenerator in the project),
// which spares every start the expression trees the runtime factory compiled for each of several hundred routes: about
// 4 s of CPU per start before, 0.5 s after. The generator cannot tell at build time whether `AfyaDb db` is a service or a
// JSON body, so for such a parameter it declares a JSON body and decides at run time. Where all of them turn out to be
// services, that declaration is wrong: the matcher refuses a multipart upload with 415, prefers another route for a GET
// without a content type, and the OpenAPI document describes a body of type void. This convention drops it, as the
// runtime factory, which asked the container first, never added it.
internal static class GeneratedBindings
{
    public static TBuilder WithoutServiceBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(DropUnfoundBody);
        return builder;
    }

    private static void DropUnfoundBody(EndpointBuilder endpoint)
    {
        if (!endpoint.Metadata.OfType<GeneratedCodeAttribute>().Any()) return;
        if (endpoint.ApplicationServices.GetService<IServiceProviderIsService>() is not { } services) return;
        if (endpoint.Metadata.OfType<IParameterBindingMetadata>().Any(p => MayBeJsonBody(p, services))) return;
        for (var i = endpoint.Metadata.Count - 1; i >= 0; i--)
        {
            // The generator's own declaration names no type; one a handler or convention made names its type.
            if (endpoint.Metadata[i] is IAcceptsMetadata { RequestType: null } accepts
                && accepts.ContentTypes.All(t => t.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
                endpoint.Metadata.RemoveAt(i);
        }
    }

    // The generated binding of a form reads it without asking whether the request has one, and a POST without a
    // Content-Type then throws (a 500) where the runtime factory answered 415. Asked here first, after authorization,
    // where the runtime factory asked.
    public static IApplicationBuilder UseFormBodiesForForms(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts && !context.Request.HasFormContentType
            && accepts.ContentTypes.Count > 0 && accepts.ContentTypes.All(IsFormType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }
        return next(context);
    });

    private static bool IsFormType(string contentType) =>
        contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static readonly Type[] BoundByTheFramework =
    [
        typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(CancellationToken), typeof(ClaimsPrincipal),
        typeof(IFormFile), typeof(IFormFileCollection), typeof(IFormCollection), typeof(Stream), typeof(PipeReader),
    ];

    private static bool MayBeJsonBody(IParameterBindingMetadata parameter, IServiceProviderIsService services)
    {
        var info = parameter.ParameterInfo;
        if (info.GetCustomAttributes(inherit: true).Any(a => a is IFromBodyMetadata)) return true;
        if (parameter.HasTryParse || parameter.HasBindAsync) return false;
        if (info.GetCustomAttributes(inherit: true).Any(a => a is IFromServiceMetadata or IFromQueryMetadata or IFromRouteMetadata
                or IFromHeaderMetadata or IFromFormMetadata or AsParametersAttribute)) return false;
        var type = Nullable.GetUnderlyingType(info.ParameterType) ?? info.ParameterType;
        if (BoundByTheFramework.Contains(type)) return false;
        if (Parsable(type) || type.IsArray && Parsable(type.GetElementType()!)) return false; // route, query or header values
        return !services.IsService(type);
    }

    private static bool Parsable(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string)
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>))
        || type.GetMethod("TryParse", [typeof(string), type.MakeByRefType()]) is { IsStatic: true };
}
