using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.PlatformTests;

// The document is the contract clients generate code from, so it must say how each operation fails and
// whether it needs a token.
public sealed class OpenApiTests(Apps apps)
{
    private async Task<JsonObject> PathsAsync() =>
        (await (await apps.Sqlite.Client().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK))["paths"]!.AsObject();

    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject paths) =>
        from path in paths
        from method in path.Value!.AsObject()
        where method.Key is "get" or "post" or "put" or "patch" or "delete"
        select ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject());

    [Fact]
    public async Task Every_operation_declares_its_problem_responses_with_their_codes()
    {
        foreach (var (name, operation) in Operations(await PathsAsync()))
        {
            var problems = operation["responses"]!.AsObject().Where(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture) >= 400).ToList();
            problems.ShouldNotBeEmpty(name);
            foreach (var (status, response) in problems)
            {
                response!["x-codes"]!.AsArray().ShouldNotBeEmpty($"{name} {status}");
                response["content"]!.AsObject().Count.ShouldBe(1, $"{name} {status}");
            }
            if (operation["requestBody"] is not null)
                operation["responses"]!["400"]!["x-codes"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldContain("VALIDATION_FAILED", name);
        }
    }

    [Fact]
    public async Task Every_operation_declares_its_security_and_secured_ones_can_answer_401()
    {
        foreach (var (name, operation) in Operations(await PathsAsync()))
        {
            var security = operation["security"]?.AsArray();
            security.ShouldNotBeNull(name);
            security.Count.ShouldBe(1, name);
            var bearer = security[0]!.AsObject().ContainsKey("Bearer");
            if (bearer) operation["responses"]!["401"]!["x-codes"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldContain("NOT_AUTHENTICATED", name);
            else security[0]!.AsObject().Count.ShouldBe(0, name); // explicitly anonymous
        }
    }

    [Fact]
    public async Task Routes_name_their_own_codes_and_api_routes_their_rate_limit()
    {
        var paths = await PathsAsync();
        var register = paths["/api/v1/auth/register"]!["post"]!["responses"]!;
        register["409"]!["x-codes"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldContain("EMAIL_TAKEN");
        register["409"]!["description"]!.GetValue<string>().ShouldContain("EMAIL_TAKEN");
        // What Safaricom calls (payment callbacks, refund results, time-outs and status answers) is exempt: it comes from
        // Safaricom's few addresses and a 429 would drop a payment's news. Those are the anonymous M-Pesa POSTs.
        static bool FromSafaricom(string name, JsonNode operation) =>
            name.StartsWith("POST /api/v1/payments/mpesa/", StringComparison.Ordinal) && operation["security"]![0]!.AsObject().Count == 0;
        foreach (var (name, operation) in Operations(paths).Where(o => o.Name.Contains(" /api/", StringComparison.Ordinal)
                     && !o.Name.EndsWith("/callback", StringComparison.Ordinal) && !FromSafaricom(o.Name, o.Operation)))
            operation["responses"]!["429"].ShouldNotBeNull(name);
        paths["/api/v1/auth/me"]!["get"]!["security"]![0]!["Bearer"].ShouldNotBeNull();
        paths["/api/v1/auth/login"]!["post"]!["security"]![0]!.AsObject().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Kuwait_routes_document_their_envelope()
    {
        var profile = (await PathsAsync())["/api/user/profile"]!["get"]!["responses"]!;
        profile["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldContain("EnvelopeOf");
        profile["401"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldEndWith("FailureEnvelope");
    }
}
