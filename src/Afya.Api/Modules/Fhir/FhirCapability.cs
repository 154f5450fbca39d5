using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// The CapabilityStatement lists exactly the interactions and search parameters FhirEndpoints maps.
public static class FhirCapability
{
    private static readonly string[] PatientParams = ["_id:token", "identifier:token", "_lastUpdated:date", "_count:number", "_sort:string", "_summary:token"];

    private static readonly string[] ObservationParams =
        ["_id:token", "patient:reference", "subject:reference", "code:token", "category:token", "date:date", "_count:number", "_sort:string", "_summary:token"];

    private static readonly string[] DirectoryParams = ["_id:token", "name:string", "_count:number", "_summary:token"];

    private static readonly string[] RoleParams = ["_id:token", "practitioner:reference", "organization:reference", "_lastUpdated:date", "_count:number", "_summary:token"];

    private static readonly string[] CareTeamParams =
        ["_id:token", "patient:reference", "subject:reference", "participant:reference", "date:date", "_lastUpdated:date", "_count:number", "_sort:string", "_summary:token"];

    private static readonly string[] ConsentParams =
        ["_id:token", "patient:reference", "actor:reference", "status:token", "date:date", "_lastUpdated:date", "_count:number", "_sort:string", "_summary:token"];

    private static readonly string[] FlagParams =
        ["_id:token", "patient:reference", "subject:reference", "status:token", "date:date", "_lastUpdated:date", "_count:number", "_sort:string", "_summary:token"];

    private static readonly string[] DocumentParams =
        ["_id:token", "patient:reference", "subject:reference", "date:date", "_lastUpdated:date", "_count:number", "_sort:string", "_summary:token"];

    public static FhirResult Metadata(HttpRequest request, TimeProvider clock)
    {
        var statement = new CapabilityStatement
        {
            Id = "afya",
            Url = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir/metadata",
            Name = "Afya",
            Title = "Afya FHIR R4 server",
            Status = PublicationStatus.Active,
            Date = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Afya", Version = typeof(FhirCapability).Assembly.GetName().Version?.ToString() },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Afya", Url = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir" },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json", FhirJson.MediaType],
        };
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Security = new CapabilityStatement.SecurityComponent
            {
                Description = "Bearer access tokens (Authorization: Bearer), optionally narrowed to SMART-style scopes (patient/*.read, "
                    + "user/Observation.read) by POST /api/v1/auth/token/scoped; device ingest tokens (X-Device-Token) for posting Observations.",
            },
            Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch }],
        };
        rest.Resource.Add(Resource("Patient", PatientParams, false, "http://hl7.org/fhir/StructureDefinition/Patient"));
        var observation = Resource("Observation", ObservationParams, true, "http://hl7.org/fhir/StructureDefinition/Observation");
        observation.SearchInclude = ["Observation:patient"];
        observation.SupportedProfile = ["http://hl7.org/fhir/StructureDefinition/vitalsigns"];
        observation.SearchParam.Single(p => p.Name == "category").Documentation =
            "vital-signs, activity, laboratory; hourly (urn:afya:observation-kind|hourly) searches the hourly aggregates instead of raw readings";
        rest.Resource.Add(observation);
        rest.Resource.Add(Resource("Practitioner", DirectoryParams, false, "http://hl7.org/fhir/StructureDefinition/Practitioner"));
        rest.Resource.Add(Resource("Organization", DirectoryParams, false, "http://hl7.org/fhir/StructureDefinition/Organization"));
        rest.Resource.Add(Resource("PractitionerRole", RoleParams, false, "http://hl7.org/fhir/StructureDefinition/PractitionerRole", FhirPractitionerRoles.Includes));
        rest.Resource.Add(Resource("CareTeam", CareTeamParams, false, "http://hl7.org/fhir/StructureDefinition/CareTeam", FhirCareTeams.Includes));
        rest.Resource.Add(Resource("Consent", ConsentParams, false, "http://hl7.org/fhir/StructureDefinition/Consent", FhirConsents.Includes));
        rest.Resource.Add(Resource("DocumentReference", DocumentParams, false, "http://hl7.org/fhir/StructureDefinition/DocumentReference",
            FhirDocumentReferences.Includes));
        rest.Resource.Add(Resource("Flag", FlagParams, false, "http://hl7.org/fhir/StructureDefinition/Flag", FhirFlags.Includes));
        statement.Rest.Add(rest);
        return FhirResult.Ok(statement);
    }

    private static CapabilityStatement.ResourceComponent Resource(string type, string[] parameters, bool create, string profile, string[]? includes = null)
    {
        var resource = new CapabilityStatement.ResourceComponent { Type = type, Profile = profile };
        if (includes is not null) resource.SearchInclude = includes;
        resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read });
        resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
        if (create) resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
        foreach (var p in parameters)
        {
            var (name, kind) = (p[..p.IndexOf(':', StringComparison.Ordinal)], p[(p.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
            {
                Name = name,
                Type = Enum.Parse<SearchParamType>(kind, ignoreCase: true),
            });
        }
        return resource;
    }
}
