using System.Reflection;
using Afya.Api.Modules.Care.Contracts;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Care;

// Audit is declared once per route and written by the filter on its group: a care or wearables route that sits
// outside an audited group, or says neither what it is audited as nor why it is not, would silently lose its trail.
public sealed class AuditDeclarationTests(Apps apps)
{
    private static readonly string[] Modules = ["Afya.Api.Modules.Care", "Afya.Api.Modules.Wearables"];

    // By handler (so seed-surface copies of care routes count) and by module tag.
    private static bool IsCareOrWearables(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>()?.DeclaringType?.Namespace is { } ns && Modules.Any(m => ns == m || ns.StartsWith(m + ".", StringComparison.Ordinal))
        || endpoint.Metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags).Any(t => t is "Care" or "Wearables");

    private static string Describe(RouteEndpoint e) =>
        $"{e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.DisplayName} ({string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText})";

    [Fact]
    public void Every_care_and_wearables_route_is_on_an_audited_group_and_declares_its_audit()
    {
        var routes = apps.Sqlite.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsCareOrWearables).ToList();
        var names = routes.Select(r => r.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).ToList();
        names.ShouldContain("RegisterPatient");
        names.ShouldContain("HealthcareListPatients");
        names.ShouldContain("SyncReadings");

        var outsideGroup = routes.Where(r => r.Metadata.GetMetadata<CareAuditedGroup>() is null).Select(Describe).ToList();
        outsideGroup.ShouldBeEmpty("Not under a group with WithCareAudit(): " + string.Join("; ", outsideGroup));
        var undeclared = routes.Where(r => (r.Metadata.GetMetadata<AuditAction>() is null) == (r.Metadata.GetMetadata<NotAudited>() is null))
            .Select(Describe).ToList();
        undeclared.ShouldBeEmpty("Say exactly one of .AuditedAs(action) or .Unaudited(reason): " + string.Join("; ", undeclared));
    }

    [Fact]
    public void Each_record_read_keeps_its_action_on_the_native_and_the_seed_paths()
    {
        var actions = apps.Sqlite.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(r => r.Metadata.GetMetadata<AuditAction>() is not null)
            .ToDictionary(r => r.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, r => r.Metadata.GetMetadata<AuditAction>()!.Name);
        actions["GetPatient"].ShouldBe("patient.read");
        actions["HealthcareGetPatient"].ShouldBe("patient.read");
        actions["RegisterPatient"].ShouldBe("patient.register");
        actions["WearablesSummary"].ShouldBe("wearables.summary");
    }
}
