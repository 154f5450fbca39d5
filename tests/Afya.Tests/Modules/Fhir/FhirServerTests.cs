using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Care.Contracts;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Fhir;

public sealed class FhirServerTests(Apps apps)
{
    [Fact]
    public async Task Metadata_is_a_valid_capability_statement_of_exactly_what_is_served()
    {
        var body = await FhirWorld.Fhir(apps.Sqlite.Client(), "/fhir/metadata");
        FhirValidation.ShouldBeValid(body);
        body["fhirVersion"]!.GetValue<string>().ShouldBe("4.0.1");
        var resources = body["rest"]![0]!["resource"]!.AsArray();
        resources.Select(r => r!["type"]!.GetValue<string>()).ShouldBe(["Patient", "Observation", "Practitioner", "Organization", "PractitionerRole", "CareTeam", "Consent", "DocumentReference", "Flag"]);
        var routes = apps.Sqlite.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(r => r.RoutePattern.RawText?.StartsWith("/fhir/", StringComparison.Ordinal) == true).Select(r => r.RoutePattern.RawText).ToList();
        foreach (var type in resources.Select(r => r!["type"]!.GetValue<string>()))
        {
            routes.ShouldContain($"/fhir/{type}/{{id}}");
            routes.ShouldContain($"/fhir/{type}");
        }
        // ... and nothing served that it does not list.
        routes.Where(r => r is not ("/fhir/metadata" or "/fhir/" or "/fhir/{type}/{id?}")).Select(r => r!.Split('/')[2]).Distinct()
            .ShouldBe(resources.Select(r => r!["type"]!.GetValue<string>()), ignoreOrder: true);
        foreach (var resource in resources.Where(r => r!["type"]!.GetValue<string>() is not ("Patient" or "Practitioner" or "Organization")))
            resource!["searchInclude"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Json_is_served_as_asked_and_without_a_token_reads_are_refused()
    {
        var response = await apps.Sqlite.Client().GetAsync("/fhir/metadata?_format=json");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await apps.Sqlite.Client().GetAsync($"/fhir/Patient/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void The_validator_finds_errors_when_there_are_some()
    {
        // Well-formed, but no vital-signs category, subject or effective time, and a heart rate with no UCUM unit.
        var broken = JsonNode.Parse("""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"valueQuantity":{"value":1}}""")!;
        FhirValidation.Errors(broken).ShouldBeEmpty();
        FhirValidation.Errors(broken, "http://hl7.org/fhir/StructureDefinition/heartrate").ShouldNotBeEmpty();
    }

    // FHIR routes read care data: each sits under Care's audit filter and says how it is audited.
    [Fact]
    public void Every_fhir_route_is_on_an_audited_group_and_declares_its_audit()
    {
        var routes = apps.Sqlite.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<MethodInfo>()?.DeclaringType?.Namespace?.StartsWith("Afya.Api.Modules.Fhir", StringComparison.Ordinal) == true
                || e.Metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags).Contains("FHIR")).ToList();
        routes.Count.ShouldBeGreaterThanOrEqualTo(7);
        routes.ShouldAllBe(r => r.Metadata.GetMetadata<CareAuditedGroup>() != null);
        routes.ShouldAllBe(r => (r.Metadata.GetMetadata<AuditAction>() == null) != (r.Metadata.GetMetadata<NotAudited>() == null));
    }
}
