using System.Text.Json;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Fhir;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Afya.Tests.Modules.Fhir;

// Firely's validator over the R4 base specification (its vital-signs profiles included); built once, it is slow to load.
public static class FhirValidation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    private static readonly Lock Gate = new();

    // Every error-level issue of a served resource (and of each resource in a Bundle), with where it is.
    public static IReadOnlyList<string> Errors(JsonNode served, string? profile = null)
    {
        var resource = JsonSerializer.Deserialize<Resource>(served.ToJsonString(), FhirJson.Options)!;
        OperationOutcome outcome;
        lock (Gate) outcome = Shared.Value.Validate(resource, profile);
        return outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}").ToList();
    }

    public static void ShouldBeValid(JsonNode served, string? profile = null)
    {
        var errors = Errors(served, profile);
        errors.ShouldBeEmpty($"{served["resourceType"]} against {profile ?? "its base definition"}:\n" + string.Join("\n", errors));
    }
}
