using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;
using Microsoft.OpenApi;

namespace Afya.Tests.PlatformTests;

// A client generator reads /openapi/v1.json: it must parse without errors, type every property, require exactly
// what the API requires, and describe what the API really answers.
public sealed class OpenApiDocumentTests(Apps apps)
{
    private async Task<string> DocumentAsync() =>
        await (await apps.Sqlite.Client().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();

    private static JsonObject Schemas(string json) => JsonNode.Parse(json)!["components"]!["schemas"]!.AsObject();

    [Fact]
    public async Task The_document_reads_and_validates_without_errors()
    {
        var read = OpenApiDocument.Parse(await DocumentAsync(), "json");
        read.Diagnostic!.Errors.ShouldBeEmpty(string.Join('\n', read.Diagnostic.Errors.Take(10).Select(e => $"{e.Pointer}: {e.Message}")));
        var errors = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        errors.ShouldBeEmpty(string.Join('\n', errors.Take(10).Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [Fact]
    public async Task Every_property_has_a_type_and_required_names_only_properties()
    {
        var untyped = new List<string>();
        foreach (var (name, schema) in Schemas(await DocumentAsync()))
        {
            var properties = schema!["properties"]?.AsObject();
            foreach (var (property, value) in properties ?? [])
                if (value is JsonObject { Count: 0 }) untyped.Add($"{name}.{property}");
            var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [];
            foreach (var r in required) (properties?.ContainsKey(r) ?? false).ShouldBeTrue($"{name} requires {r}, which it does not have");
        }
        untyped.ShouldBeEmpty();
    }

    [Fact]
    public async Task Nullable_request_fields_are_optional_and_strings_are_typed()
    {
        var schemas = Schemas(await DocumentAsync());
        var register = schemas["RegisterRequest"]!;
        // Every field of the record is `string?` so that the handler answers VALIDATION_FAILED for a missing email or
        // password; [DocumentedRequired] lists exactly those two, as the API requires.
        Required(register).ShouldBe(["email", "password"]);
        register["properties"]!["username"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order().ShouldBe(["null", "string"]);
        // A non-nullable string of a response is a plain, required string.
        var auth = schemas["AuthResponse"]!;
        auth["properties"]!["access"]!["type"]!.GetValue<string>().ShouldBe("string");
        auth["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("access");
    }

    [Theory]
    [InlineData("LoginRequest", "password")]
    [InlineData("VerifyOtpRequest", "code,phone_number")]
    [InlineData("ResetPasswordRequest", "new_password,token")]
    [InlineData("PatientRegistrationRequest", "aadhaar_number,date_of_birth,email,name,password")]
    [InlineData("ConsentInput", "expires_at,purpose,scope")]
    [InlineData("DeviceInput", "device_type,manufacturer,model")]
    [InlineData("AddToCart", "product_id")]
    [InlineData("PurchaseRequest", "package_id")]
    [InlineData("ForgotPasswordRequest", "")]
    [InlineData("LogoutRequest", "")]
    public async Task Requests_require_exactly_what_their_handler_refuses_without(string schema, string fields)
    {
        string.Join(',', Required(Schemas(await DocumentAsync())[schema]!)).ShouldBe(fields, schema);
    }

    private static List<string> Required(JsonNode schema) =>
        [.. (schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).Order(StringComparer.Ordinal)];

    // A few real answers against their documented schemas: each required property present, each top-level
    // property of the documented JSON type.
    [Theory]
    [InlineData("/api/v1/products", "get")]
    [InlineData("/api/v1/categories", "get")]
    [InlineData("/api/v1/auth/me", "get")]
    [InlineData("/api/v1/packages/available", "get")]
    public async Task Answers_match_their_documented_schema(string path, string method)
    {
        var json = JsonNode.Parse(await DocumentAsync())!;
        var session = await apps.Sqlite.Client().RegisterAsync();
        var response = await apps.Sqlite.Client().WithToken(session.Access).GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var schema = Resolve(json, json["paths"]![path]![method]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        Check(json, schema, body, path);
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(document, document["components"]!["schemas"]![reference.Split('/')[^1]]!)
            : schema;

    private static void Check(JsonNode document, JsonNode schema, JsonNode? value, string where)
    {
        if (value is JsonArray array)
        {
            TypesOf(schema).ShouldContain("array", where);
            if (array.Count > 0 && schema["items"] is { } items) Check(document, Resolve(document, items), array[0], where + "[0]");
            return;
        }
        if (value is not JsonObject obj) return;
        TypesOf(schema).ShouldContain("object", where);
        foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
            obj.ContainsKey(required).ShouldBeTrue($"{where}: required {required} missing");
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            if (!obj.TryGetPropertyValue(name, out var actual)) continue;
            var types = TypesOf(Resolve(document, property!));
            if (types.Count == 0) continue; // oneOf/anyOf: not checked here
            var actualType = JsonTypeOf(actual);
            if (actualType == "integer" && types.Contains("number")) continue; // an integer is a number too
            types.ShouldContain(actualType, $"{where}.{name} = {actual?.ToJsonString()}");
        }
    }

    private static List<string> TypesOf(JsonNode schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static string JsonTypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
        JsonValue v when v.ToJsonString().Contains('.') => "number",
        _ => "integer",
    };
}
