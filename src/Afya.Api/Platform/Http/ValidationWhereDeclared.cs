using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Afya.Api.Platform.Http;

// AddValidation (ProblemSetup) puts the framework's validation filter on every route whose parameters its generator
// knows, whether or not they declare a rule: checkout's and add-to-cart's request records declare none, and the filter
// still walked them on every request (6.5 % of their request work, docs/PERFORMANCE.md). Set once on the root group: a
// route whose handler parameters (and, through them, this service's own types) carry no ValidationAttribute and no
// IValidatableObject is marked DisableValidation; any route with a rule keeps the filter exactly as before.
internal static class ValidationWhereDeclared
{
    private static readonly Assembly Own = typeof(ValidationWhereDeclared).Assembly;

    public static TBuilder ValidateOnlyWhereDeclared<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        var declares = new ConcurrentDictionary<Type, bool>();
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<MethodInfo>().LastOrDefault() is not { } handler) return;
            // Services are not validated by the filter either (it skips what the container resolves).
            var services = endpoint.ApplicationServices.GetService<IServiceProviderIsService>();
            bool Bound(Type t) => services?.IsService(t) != true;
            if (!handler.GetParameters().Any(p => Bound(p.ParameterType) && (p.IsDefined(typeof(ValidationAttribute), inherit: true)
                    || declares.GetOrAdd(p.ParameterType, t => TypeDeclaresRules(t, [], Bound)))))
                endpoint.Metadata.Add(NothingToValidate.Instance);
        });
        return builder;
    }

    // A type declares rules if it validates itself, or a property or constructor parameter (records put a primary
    // constructor's attributes there) has a rule or has a type that does, through collections and generic arguments.
    private static bool TypeDeclaresRules(Type type, HashSet<Type> seen, Func<Type, bool> bound)
    {
        if (!bound(type)) return false;
        if (type.IsArray) return TypeDeclaresRules(type.GetElementType()!, seen, bound);
        if (type.IsGenericType && type.GetGenericArguments().Any(t => TypeDeclaresRules(t, seen, bound))) return true;
        if (type.Assembly != Own || !seen.Add(type)) return false;
        bool Rule(ICustomAttributeProvider member, Type memberType) =>
            member.IsDefined(typeof(ValidationAttribute), inherit: true) || TypeDeclaresRules(memberType, seen, bound);
        return typeof(IValidatableObject).IsAssignableFrom(type)
            || type.IsDefined(typeof(ValidationAttribute), inherit: true)
            || type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => Rule(p, p.PropertyType))
            || type.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => Rule(p, p.ParameterType));
    }

    private sealed class NothingToValidate : IDisableValidationMetadata
    {
        public static readonly NothingToValidate Instance = new();
    }
}
