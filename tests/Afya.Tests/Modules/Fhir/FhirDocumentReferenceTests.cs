using System.Net;
using Afya.Tests.Modules.Care;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Fhir;

public abstract class FhirDocumentReferenceTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : FhirDocumentReferenceTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : FhirDocumentReferenceTests(apps.Postgres);

    private readonly FhirWorld _world = new(app);

    private static async Task<string> UploadAsync(CareUser user, string patientId, string marker, string type) =>
        (await (await CareWorld.UploadAsync(user, patientId, CareWorld.Pdf(marker), type)).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();

    [Fact]
    public async Task Documents_are_valid_document_references_found_by_each_parameter_whose_content_is_the_native_download()
    {
        var (patient, patientId, _) = await _world.Wearables.PatientAsync();
        var start = _world.Wearables.Now.AddSeconds(-1);
        var lab = await UploadAsync(patient, patientId, "lab", "lab_result");
        var between = _world.Wearables.Now;
        var scan = await UploadAsync(patient, patientId, "scan", "imaging");
        var note = await UploadAsync(patient, patientId, "note", "other");
        var c = patient.Client;
        static string Id(System.Text.Json.Nodes.JsonNode n) => n["id"]!.GetValue<string>();

        var all = await FhirWorld.Fhir(c, $"/fhir/DocumentReference?patient={patientId}");
        FhirValidation.ShouldBeValid(all);
        FhirWorld.Entries(all).Select(Id).ShouldBe([note, scan, lab]);
        foreach (var document in FhirWorld.Entries(all))
        {
            FhirValidation.ShouldBeValid(document);
            (await FhirWorld.Fhir(c, $"/fhir/DocumentReference/{Id(document)}")).ToJsonString().ShouldBe(document.ToJsonString());
        }
        var first = FhirWorld.Entries(all).Single(d => Id(d) == lab);
        first["type"]!["coding"]![0]!["code"]!.GetValue<string>().ShouldBe("11502-2");
        var attachment = first["content"]![0]!["attachment"]!;
        attachment["contentType"]!.GetValue<string>().ShouldBe("application/pdf");
        var url = attachment["url"]!.GetValue<string>();
        url.ShouldEndWith($"/api/v1/documents/{lab}/content");
        (await (await c.GetAsync(url)).Content.ReadAsByteArrayAsync()).ShouldBe(CareWorld.Pdf("lab"));

        async Task<List<string>> Ids(string query) => FhirWorld.Entries(await FhirWorld.Fhir(c, $"/fhir/DocumentReference?{query}")).Select(Id).ToList();
        (await Ids($"subject=Patient/{patientId}&_sort=date")).ShouldBe([lab, scan, note]);
        (await Ids($"_id={scan}")).ShouldBe([scan]);
        (await Ids($"patient={patientId}&date=ge{WearablesWorld.At(between)}")).ShouldBe([note, scan]);
        (await Ids($"patient={patientId}&date=lt{WearablesWorld.At(between)}")).ShouldBe([lab]);
        (await Ids($"patient={patientId}&_lastUpdated=ge{WearablesWorld.At(start)}")).Count.ShouldBe(3);
        (await Ids($"patient={patientId}&_lastUpdated=lt{WearablesWorld.At(start)}")).ShouldBeEmpty();
        (await Ids("_id=not-an-id")).ShouldBeEmpty();
        (await FhirWorld.Total(c, $"/fhir/DocumentReference?patient={patientId}&_summary=count")).ShouldBe(3);
        var (pages, n) = await FhirWorld.AllPages(c, $"/fhir/DocumentReference?patient={patientId}&_count=1");
        pages.Select(Id).ShouldBe([note, scan, lab]);
        n.ShouldBe(3);
        var included = await FhirWorld.Fhir(c, $"/fhir/DocumentReference?patient={patientId}&_include=DocumentReference:patient");
        FhirValidation.ShouldBeValid(included);
        FhirWorld.Entries(included, "include").Select(Id).ShouldBe([patientId]);
        await FhirWorld.Fhir(c, $"/fhir/DocumentReference?patient={patientId}&_sort=title", HttpStatusCode.BadRequest);
    }

    // The documents scope, as the native documents routes: an assignment alone does not open documents.
    [Fact]
    public async Task Owner_and_documents_consent_read_while_assigned_doctors_strangers_and_revoked_consents_get_404_and_all_is_audited()
    {
        var w = await _world.CircleAsync("documents");
        var id = await UploadAsync(w.Patient, w.PatientId, "panel", "lab_result");
        foreach (var reader in new[] { w.Patient, w.Consented })
        {
            var read = await FhirWorld.Fhir(reader.Client, $"/fhir/DocumentReference/{id}");
            (await reader.Client.GetAsync(read["content"]![0]!["attachment"]!["url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await FhirWorld.Total(reader.Client, $"/fhir/DocumentReference?patient={w.PatientId}")).ShouldBe(1);
        }
        foreach (var outsider in new[] { w.Assigned, w.Revoked, w.Stranger })
        {
            (await FhirWorld.Fhir(outsider.Client, $"/fhir/DocumentReference/{id}", HttpStatusCode.NotFound))["issue"]![0]!["code"]!.GetValue<string>().ShouldBe("not-found");
            (await FhirWorld.Total(outsider.Client, $"/fhir/DocumentReference?patient={w.PatientId}")).ShouldBe(0);
            (await outsider.Client.GetAsync($"/api/v1/documents/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var audit = await FhirWorld.AuditAsync(w.Patient, w.PatientId);
        audit(w.Consented, "fhir.document.read", 200).ShouldBe(1);
        audit(w.Consented, "document.read", 200).ShouldBe(1);
        audit(w.Assigned, "fhir.document.read", 404).ShouldBe(1);
        audit(w.Revoked, "fhir.document.search", 200).ShouldBe(1);
        audit(w.Stranger, "fhir.document.read", 404).ShouldBe(1);
    }
}
