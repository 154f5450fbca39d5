using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Afya.Api.Platform.Http;

// A body value refused by a rule of the JSON layer, naming the field it was found in (empty: the field at its path).
public sealed class JsonFieldException(string field, string message) : JsonException(message)
{
    public string Field { get; } = field;
}

// Rules every JSON body obeys, whatever the endpoint: no control characters in text (PostgreSQL refuses NUL, and
// nothing legitimate sends them), and no null elements in a list whose element type is not nullable.
public static class JsonInputRules
{
    public static void Apply(JsonSerializerOptions o)
    {
        o.Converters.Add(new PlainTextConverter());
        o.TypeInfoResolver = (o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RefuseNullElements);
    }

    public static bool HasControlCharacters(string value) => value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    private static void RefuseNullElements(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        var lists = type.Properties.Where(p => p.Get is not null && ElementsMustNotBeNull(p)).ToList();
        if (lists.Count == 0) return;
        var previous = type.OnDeserialized;
        type.OnDeserialized = instance =>
        {
            foreach (var property in lists)
                if (property.Get!(instance) is IEnumerable items && items.Cast<object?>().Any(item => item is null))
                    throw new JsonFieldException(property.Name, $"'{property.Name}' must not contain null.");
            previous?.Invoke(instance);
        };
    }

    private static readonly NullabilityInfoContext Nullability = new();

    private static bool ElementsMustNotBeNull(JsonPropertyInfo property)
    {
        var t = property.PropertyType;
        if (t == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(t) || typeof(IDictionary).IsAssignableFrom(t)) return false;
        var element = t.IsArray ? t.GetElementType() : t.GetInterfaces().Append(t)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (element is null || Nullable.GetUnderlyingType(element) is not null) return false;
        if (element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)) return false;
        if (element.IsValueType) return false; // a null for a value type is refused by the serializer already
        NullabilityInfo? info;
        lock (Nullability)
        {
            info = property.AttributeProvider switch
            {
                PropertyInfo p => Nullability.Create(p),
                FieldInfo f => Nullability.Create(f),
                _ => null,
            };
        }
        var elementInfo = t.IsArray ? info?.ElementType : info?.GenericTypeArguments.FirstOrDefault();
        return elementInfo?.ReadState != NullabilityState.Nullable;
    }

    // Strings as the framework reads them, refusing control characters other than tab and line breaks.
    private sealed class PlainTextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            if (value is not null && HasControlCharacters(value)) throw new JsonFieldException("", "Text must not contain control characters."); // the field is read from the path
            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options) ?? "";

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
    }
}
