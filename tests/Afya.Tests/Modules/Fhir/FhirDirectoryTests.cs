using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirDirectoryTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirDirectoryTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirDirectoryTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    [Fact]
    public async Task Doctors_and_hospitals_are_valid_practitioners_and_organizations_found_by_id_and_name()
    {
        var hospital = await _world.Wearables.Care.HospitalAsync();
        var (doctor, doctorId) = await _world.Wearables.Care.DoctorAsync(hospital);
        var practitioner = await FhirWorld.Fhir(doctor.Client, $"/fhir/Practitioner/{doctorId}");
        FhirValidation.ShouldBeValid(practitioner);
        var organization = await FhirWorld.Fhir(doctor.Client, $"/fhir/Organization/{hospital}");
        FhirValidation.ShouldBeValid(organization);

        var name = practitioner["name"]![0]!["text"]!.GetValue<string>();
        var byName = await FhirWorld.Fhir(doctor.Client, $"/fhir/Practitioner?name={Uri.EscapeDataString(name)}");
        FhirValidation.ShouldBeValid(byName);
        FhirWorld.Entries(byName).Single()["id"]!.GetValue<string>().ShouldBe(doctorId);
        var orgName = organization["name"]!.GetValue<string>();
        FhirWorld.Entries(await FhirWorld.Fhir(doctor.Client, $"/fhir/Organization?name={Uri.EscapeDataString(orgName)}")).Single()["id"]!.GetValue<string>().ShouldBe(hospital);
        FhirWorld.Entries(await FhirWorld.Fhir(doctor.Client, $"/fhir/Organization?_id={hospital}")).Count.ShouldBe(1);
        await FhirWorld.Fhir(doctor.Client, $"/fhir/Organization/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await FhirWorld.Fhir(doctor.Client, "/fhir/Practitioner/nope", HttpStatusCode.NotFound);

        // Paging to the end: every page holds at most _count (creation times differ), the last has no next link.
        var (all, pages) = await FhirWorld.AllPages(doctor.Client, "/fhir/Organization?_count=50");
        all.Select(o => o["id"]!.GetValue<string>()).ShouldContain(hospital);
        all.Select(o => o["id"]!.GetValue<string>()).Distinct().Count().ShouldBe(all.Count);
        pages.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Doctors_at_a_hospital_are_valid_practitioner_roles_found_by_practitioner_and_organization()
    {
        var hospital = await _world.Wearables.Care.HospitalAsync();
        var (doctor, doctorId) = await _world.Wearables.Care.DoctorAsync(hospital);
        var (_, otherId) = await _world.Wearables.Care.DoctorAsync(hospital);
        var c = doctor.Client;
        var role = await FhirWorld.Fhir(c, $"/fhir/PractitionerRole/{doctorId}");
        FhirValidation.ShouldBeValid(role);
        role["practitioner"]!["reference"]!.GetValue<string>().ShouldBe($"Practitioner/{doctorId}");
        role["organization"]!["reference"]!.GetValue<string>().ShouldBe($"Organization/{hospital}");

        var byOrganization = await FhirWorld.Fhir(c, $"/fhir/PractitionerRole?organization={hospital}");
        FhirValidation.ShouldBeValid(byOrganization);
        FhirWorld.Entries(byOrganization).Select(r => r["id"]!.GetValue<string>()).ShouldBe([doctorId, otherId]);
        var (pages, n) = await FhirWorld.AllPages(c, $"/fhir/PractitionerRole?organization=Organization/{hospital}&_count=1");
        (pages.Count, n).ShouldBe((2, 2));
        FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/PractitionerRole?practitioner=Practitioner/{otherId}")).Single()["id"]!.GetValue<string>().ShouldBe(otherId);
        (await FhirWorld.Total(c, $"/fhir/PractitionerRole?_id={doctorId}&organization={hospital}")).ShouldBe(1);
        (await FhirWorld.Total(c, $"/fhir/PractitionerRole?_id={doctorId}&practitioner={otherId}")).ShouldBe(0);
        (await FhirWorld.Total(c, $"/fhir/PractitionerRole?organization={hospital}&_summary=count")).ShouldBe(2);
        var day = role["meta"]!["lastUpdated"]!.GetValue<string>()[..10];
        (await FhirWorld.Total(c, $"/fhir/PractitionerRole?organization={hospital}&_lastUpdated=ge{day}")).ShouldBe(2);
        (await FhirWorld.Total(c, $"/fhir/PractitionerRole?organization={hospital}&_lastUpdated=lt{day}")).ShouldBe(0);
        await FhirWorld.Fhir(c, $"/fhir/PractitionerRole?_lastUpdated=tomorrow", HttpStatusCode.BadRequest);

        var withDoctors = await FhirWorld.Fhir(c, $"/fhir/PractitionerRole?organization={hospital}&_include=PractitionerRole:practitioner");
        FhirValidation.ShouldBeValid(withDoctors);
        FhirWorld.Entries(withDoctors, "include").Select(p => p["resourceType"]!.GetValue<string>()).ShouldBe(["Practitioner", "Practitioner"]);
        var withHospital = await FhirWorld.Fhir(c, $"/fhir/PractitionerRole?organization={hospital}&_include=PractitionerRole:organization");
        FhirWorld.Entries(withHospital, "include").Single()["id"]!.GetValue<string>().ShouldBe(hospital);
        await FhirWorld.Fhir(c, $"/fhir/PractitionerRole/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await FhirWorld.Fhir(c, $"/fhir/PractitionerRole?_include=PractitionerRole:location", HttpStatusCode.BadRequest);
    }
}
