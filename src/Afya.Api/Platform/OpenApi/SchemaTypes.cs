using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Afya.Api.Platform.OpenApi;

// Fills in what the schema generator leaves out, so a client generator gets a type for every property:
// - strings go through our own converter (JsonInputRules refuses control characters), and a custom converter
//   makes the generator answer `{}`, "anything"; they are strings, nullable where the C# type is;
// - a record's constructor parameters are all marked required, but a nullable one may be left out of a request
//   (and answers null in a response), so it is not required, unless it says [DocumentedRequired]: the handler
//   refuses a request without it.
public static class SchemaTypes
{
    public static Task Transform(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && IsUntyped(schema))
        {
            var nullable = context.JsonPropertyInfo is { } property && IsNullable(property);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (IsDocumentedRequired(property)) (schema.Required ??= new HashSet<string>()).Add(property.Name);
                else if (IsOptional(property)) schema.Required?.Remove(property.Name);
            }
        }
        return Task.CompletedTask;
    }

    private static bool IsUntyped(OpenApiSchema schema) =>
        schema.Type is null && schema.Properties is not { Count: > 0 } && schema.AllOf is not { Count: > 0 } && schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 };

    private static bool IsDocumentedRequired(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(DocumentedRequiredAttribute), inherit: false) == true
        || property.AssociatedParameter?.AttributeProvider?.IsDefined(typeof(DocumentedRequiredAttribute), inherit: false) == true;

    private static bool IsOptional(JsonPropertyInfo property) =>
        IsNullable(property) || property.AssociatedParameter is { HasDefaultValue: true };

    // The C# annotation (`string?`, `int?`): System.Text.Json reports every reference type as nullable unless
    // RespectNullableAnnotations is on, so the member itself is asked.
    private static bool IsNullable(JsonPropertyInfo property)
    {
        if (property.PropertyType.IsValueType) return Nullable.GetUnderlyingType(property.PropertyType) is not null;
        var state = property.AttributeProvider switch
        {
            PropertyInfo p => new NullabilityInfoContext().Create(p).ReadState,
            FieldInfo f => new NullabilityInfoContext().Create(f).ReadState,
            _ => NullabilityState.Unknown,
        };
        return state != NullabilityState.NotNull;
    }
}
