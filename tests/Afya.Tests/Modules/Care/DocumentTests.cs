using System.Net;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Care;

// Documents stored encrypted, and requests for them between two hospitals.
public abstract class DocumentTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DocumentTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DocumentTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task A_document_is_stored_encrypted_and_comes_back_whole_to_those_with_access()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var marker = "HB-" + Guid.NewGuid().ToString("N");
        var pdf = CareWorld.Pdf(marker);
        var created = await (await CareWorld.UploadAsync(patient, patientId, pdf)).ShouldBe(HttpStatusCode.Created);
        created["content_type"]!.GetValue<string>().ShouldBe("application/pdf");
        created["type"]!.GetValue<string>().ShouldBe("lab_result");
        var id = created["id"]!.GetValue<string>();

        var stored = await app.WithDbAsync(db => db.Set<Document>().AsNoTracking().FirstAsync(d => d.Id == Guid.Parse(id)));
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(app.DataPath, stored.StorageKey));
        onDisk.Length.ShouldBeGreaterThan(pdf.Length);
        System.Text.Encoding.ASCII.GetString(onDisk).ShouldNotContain(marker);
        System.Text.Encoding.ASCII.GetString(onDisk).ShouldNotStartWith("%PDF");
        // Not even the ciphertext is served as a static file.
        (await app.Client().GetAsync($"/media/{stored.StorageKey}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var back = await patient.Client.GetAsync($"/api/v1/documents/{id}/content");
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        back.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await back.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        CareWorld.Results(await (await patient.Client.GetAsync($"/api/v1/documents?patient_id={patientId}")).ShouldBe(HttpStatusCode.OK)).Single()!["id"]!.GetValue<string>().ShouldBe(id);

        var stranger = await _world.UserAsync();
        await (await stranger.Client.GetAsync($"/api/v1/documents/{id}/content")).ShouldBeProblem(HttpStatusCode.NotFound, "DOCUMENT_NOT_FOUND");
        await (await stranger.Client.GetAsync($"/api/v1/documents?patient_id={patientId}")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await CareWorld.UploadAsync(stranger, patientId, pdf)).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
    }

    [Fact]
    public async Task Only_PDF_JPEG_and_PNG_of_a_known_type_are_accepted()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        await (await CareWorld.UploadAsync(patient, patientId, "MZ not a document"u8.ToArray(), fileName: "x.pdf")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_DOCUMENT");
        await (await CareWorld.UploadAsync(patient, patientId, CareWorld.Pdf("t"), type: "horoscope")).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await CareWorld.UploadAsync(patient, patientId, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], type: "imaging", fileName: "scan.png")).ShouldBe(HttpStatusCode.Created);
        await (await CareWorld.UploadAsync(patient, patientId, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], type: "prescription", fileName: "rx.jpg")).ShouldBe(HttpStatusCode.Created);
        await (await patient.Client.PostJson("/api/v1/documents", new { patient_id = patientId })).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    private async Task<(CareUser Patient, string PatientId, string Uid, string HospitalA, CareUser AdminA, string HospitalB, CareUser DoctorB, string Document)> TwoHospitalsAsync()
    {
        var (patient, patientId, uid) = await _world.PatientAsync();
        var hospitalA = await _world.HospitalAsync();
        var hospitalB = await _world.HospitalAsync();
        var adminA = await _world.HospitalAdminAsync(hospitalA);
        var (doctorB, _) = await _world.DoctorAsync(hospitalB);
        // A treated the patient under their consent and holds a lab result.
        await CareWorld.ConsentAsync(patient, new { hospital_id = hospitalA, scope = "documents", purpose = "Treatment at A", expires_at = Now.AddDays(1) });
        var document = (await (await CareWorld.UploadAsync(adminA, patientId, CareWorld.Pdf("held-by-A"))).ShouldBe(HttpStatusCode.Created));
        document["hospital_id"]!.GetValue<string>().ShouldBe(hospitalA);
        return (patient, patientId, uid, hospitalA, adminA, hospitalB, doctorB, document["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hospital_B_requests_the_patient_approves_and_hospital_A_fulfils()
    {
        var w = await TwoHospitalsAsync();
        await (await w.DoctorB.Client.GetAsync($"/api/v1/documents/{w.Document}/content")).ShouldBeProblem(HttpStatusCode.NotFound, "DOCUMENT_NOT_FOUND");

        var request = await (await w.DoctorB.Client.PostJson("/api/v1/documents/requests", new { patient_uid = w.Uid, holder_hospital_id = w.HospitalA, purpose = "Cardiac surgery work-up" }))
            .ShouldBe(HttpStatusCode.Created);
        request["status"]!.GetValue<string>().ShouldBe("requested");
        var id = request["id"]!.GetValue<string>();
        CareWorld.Results(await (await w.Patient.Client.GetAsync("/api/v1/documents/requests")).ShouldBe(HttpStatusCode.OK)).Single()!["id"]!.GetValue<string>().ShouldBe(id);
        CareWorld.Results(await (await w.AdminA.Client.GetAsync("/api/v1/documents/requests")).ShouldBe(HttpStatusCode.OK)).Select(r => r!["id"]!.GetValue<string>()).ShouldContain(id);

        // Nobody but the patient decides, and nothing is fulfilled before that.
        await (await w.DoctorB.Client.PostAsync($"/api/v1/documents/requests/{id}/approve", null)).ShouldBeProblem(HttpStatusCode.NotFound, "REQUEST_NOT_FOUND");
        await (await w.AdminA.Client.PostJson($"/api/v1/documents/requests/{id}/fulfil", new { document_ids = new[] { w.Document } })).ShouldBeProblem(HttpStatusCode.Conflict, "REQUEST_NOT_PENDING");

        var approved = await (await w.Patient.Client.PostAsync($"/api/v1/documents/requests/{id}/approve", null)).ShouldBe(HttpStatusCode.OK);
        approved["status"]!.GetValue<string>().ShouldBe("approved");
        approved["consent_id"].ShouldNotBeNull();
        (await w.DoctorB.Client.GetAsync($"/api/v1/documents/{w.Document}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await w.DoctorB.Client.PostJson($"/api/v1/documents/requests/{id}/fulfil", new { document_ids = new[] { w.Document } })).ShouldBeProblem(HttpStatusCode.NotFound, "REQUEST_NOT_FOUND");
        var fulfilled = await (await w.AdminA.Client.PostJson($"/api/v1/documents/requests/{id}/fulfil", new { document_ids = new[] { w.Document } })).ShouldBe(HttpStatusCode.OK);
        fulfilled["status"]!.GetValue<string>().ShouldBe("fulfilled");
        fulfilled["document_ids"]!.AsArray().Single()!.GetValue<string>().ShouldBe(w.Document);
        await (await w.Patient.Client.PostAsync($"/api/v1/documents/requests/{id}/deny", null)).ShouldBeProblem(HttpStatusCode.Conflict, "REQUEST_NOT_PENDING");

        // Each step told the patient: requested, approved, fulfilled.
        var mails = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Template == "document_request" && m.RecipientName == "Asha Patel" && m.TextBody.Contains("Cardiac surgery work-up")).Select(m => m.Subject).ToListAsync());
        mails.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_denied_request_gives_no_access_and_cannot_be_fulfilled()
    {
        var w = await TwoHospitalsAsync();
        var id = (await (await w.DoctorB.Client.PostJson("/api/v1/documents/requests", new { patient_uid = w.Uid, holder_hospital_id = w.HospitalA, purpose = "Curiosity" }))
            .ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        (await (await w.Patient.Client.PostAsync($"/api/v1/documents/requests/{id}/deny", null)).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("denied");
        await (await w.Patient.Client.PostAsync($"/api/v1/documents/requests/{id}/approve", null)).ShouldBeProblem(HttpStatusCode.Conflict, "REQUEST_NOT_PENDING");
        await (await w.AdminA.Client.PostJson($"/api/v1/documents/requests/{id}/fulfil", new { document_ids = new[] { w.Document } })).ShouldBeProblem(HttpStatusCode.Conflict, "REQUEST_NOT_PENDING");
        await (await w.DoctorB.Client.GetAsync($"/api/v1/documents/{w.Document}/content")).ShouldBeProblem(HttpStatusCode.NotFound, "DOCUMENT_NOT_FOUND");
    }

    [Fact]
    public async Task An_unanswered_request_expires_after_the_setting_and_can_no_longer_be_approved()
    {
        var w = await TwoHospitalsAsync();
        var id = Guid.Parse((await (await w.DoctorB.Client.PostJson("/api/v1/documents/requests", new { patient_uid = w.Uid, holder_hospital_id = w.HospitalA, purpose = "Old ask" }))
            .ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>());
        await app.WithDbAsync(db => db.Set<DocumentRequest>().Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, Now.AddHours(-73))));
        await using (var scope = app.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<DocumentRequestExpiry>().RunOnceAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        var listed = CareWorld.Results(await (await w.Patient.Client.GetAsync("/api/v1/documents/requests")).ShouldBe(HttpStatusCode.OK)).Single()!;
        listed["status"]!.GetValue<string>().ShouldBe("expired");
        await (await w.Patient.Client.PostAsync($"/api/v1/documents/requests/{id}/approve", null)).ShouldBeProblem(HttpStatusCode.Conflict, "REQUEST_NOT_PENDING");
    }

    [Fact]
    public async Task Only_hospital_staff_request_documents_and_only_for_a_known_patient()
    {
        var w = await TwoHospitalsAsync();
        await (await w.Patient.Client.PostJson("/api/v1/documents/requests", new { patient_uid = w.Uid, holder_hospital_id = w.HospitalA, purpose = "x" })).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await w.DoctorB.Client.PostJson("/api/v1/documents/requests", new { patient_uid = new string('0', 64), holder_hospital_id = w.HospitalA, purpose = "x" })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await w.DoctorB.Client.PostJson("/api/v1/documents/requests", new { patient_uid = w.Uid, holder_hospital_id = w.HospitalB, purpose = "x" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
}
