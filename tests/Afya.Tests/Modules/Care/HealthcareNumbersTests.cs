using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Care;

// The Healthcare Backend's surface answers and takes integer ids (the UUID in uuid); the native routes keep UUIDs;
// the care access rules and the audit trail are the same whichever id names the record.
public abstract class HealthcareNumbersTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : HealthcareNumbersTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : HealthcareNumbersTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    [Fact]
    public async Task Patients_doctors_and_mappings_round_trip_by_number()
    {
        var owner = await _world.UserAsync();
        var patient = await (await owner.Client.PostJson("/api/patients/", new { name = "Kamau Njoroge", age = 61, gender = "Male" })).ShouldBe(HttpStatusCode.Created);
        var patientId = patient["id"]!.GetValue<int>();
        var patientUuid = patient["uuid"]!.GetValue<string>();
        var doctor = await (await owner.Client.PostJson("/api/doctors/", new { name = "Dr. Atieno", specialization = "Orthopaedics", experience = 9 })).ShouldBe(HttpStatusCode.Created);
        var doctorId = doctor["id"]!.GetValue<int>();

        (await (await owner.Client.GetAsync($"/api/patients/{patientId}/")).ShouldBe(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Kamau Njoroge");
        (await (await owner.Client.PatchJson($"/api/patients/{patientId}/", new { age = 62 })).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>().ShouldBe(patientId);
        (await (await owner.Client.GetAsync($"/api/v1/patients/{patientUuid}")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<string>().ShouldBe(patientUuid);
        (await (await owner.Client.GetAsync("/api/patients/")).ShouldBe(HttpStatusCode.OK)).AsArray().Single()!["id"]!.GetValue<int>().ShouldBe(patientId);
        (await (await owner.Client.GetAsync($"/api/doctors/{doctorId}/")).ShouldBe(HttpStatusCode.OK))["specialization"]!.GetValue<string>().ShouldBe("Orthopaedics");

        var mapping = await (await owner.Client.PostJson("/api/mappings/", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Created);
        mapping["patient"]!.GetValue<int>().ShouldBe(patientId);
        mapping["doctor"]!.GetValue<int>().ShouldBe(doctorId);
        mapping["patient_details"]!["id"]!.GetValue<int>().ShouldBe(patientId);
        mapping["doctor_details"]!["id"]!.GetValue<int>().ShouldBe(doctorId);
        await (await owner.Client.PostJson("/api/mappings/", new { patient = patientId, doctor = doctorId })).ShouldBeProblem(HttpStatusCode.Conflict, "ALREADY_ASSIGNED");
        (await (await owner.Client.GetAsync($"/api/mappings/{patientId}/")).ShouldBe(HttpStatusCode.OK)).AsArray().Single()!["doctor"]!.GetValue<int>().ShouldBe(doctorId);
        (await (await owner.Client.GetAsync($"/api/mappings/patient/{patientId}/")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        (await owner.Client.DeleteAsync($"/api/mappings/{mapping["id"]}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await owner.Client.GetAsync("/api/mappings/")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();

        await (await owner.Client.PostJson("/api/mappings/", new { patient = 999_999_999, doctor = doctorId })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await owner.Client.PostJson("/api/mappings/", new { patient = true, doctor = doctorId })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        (await owner.Client.DeleteAsync($"/api/doctors/{doctorId}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Client.DeleteAsync($"/api/patients/{patientId}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await owner.Client.GetAsync($"/api/patients/{patientId}/")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
    }

    // On PostgreSQL the read by number is written by hand (Doctors.ByNumberPostgresAsync): it answers what the directory's
    // EF-read list shows for the same entry (one with every text field set, one placed at a hospital and linked to an
    // account), and a number with no entry is the same 404.
    [Fact]
    public async Task A_doctor_read_by_number_answers_as_the_directory_lists_it()
    {
        var owner = await _world.UserAsync();
        var license = $"KMPDC-{Guid.NewGuid():N}"[..30];
        var created = await (await owner.Client.PostJson("/api/doctors/", new
        {
            name = "Dr. Wanjiru Kamau", specialization = "Paediatrics", experience = 14, license_number = license,
            phone = "+254 700 000 014", email = "wanjiru@example.com",
        })).ShouldBe(HttpStatusCode.Created);
        var number = created["id"]!.GetValue<int>();

        var read = await (await owner.Client.GetAsync($"/api/doctors/{number}/")).ShouldBe(HttpStatusCode.OK);
        var listed = (await (await owner.Client.GetAsync("/api/doctors/")).ShouldBe(HttpStatusCode.OK)).AsArray()
            .Single(d => d!["id"]!.GetValue<int>() == number);
        JsonNode.DeepEquals(read, listed).ShouldBeTrue($"{read.ToJsonString()} != {listed!.ToJsonString()}");
        read["license_number"]!.GetValue<string>().ShouldBe(license);
        read["hospital_id"].ShouldBeNull();

        // An entry placed at a hospital and linked to its doctor's account: the two optional ids are read too.
        var name = "Dr. Linked " + Guid.NewGuid().ToString("N")[..8];
        await _world.LinkDoctorAsync(null, await _world.WithRoleAsync("doctor"), new { name, specialization = "Oncology", experience = 7 });
        var linked = (await (await owner.Client.GetAsync("/api/doctors/")).ShouldBe(HttpStatusCode.OK)).AsArray()
            .Single(d => d!["name"]!.GetValue<string>() == name)!;
        linked["hospital_id"].ShouldNotBeNull();
        linked["user_id"].ShouldNotBeNull();
        var readLinked = await (await owner.Client.GetAsync($"/api/doctors/{linked["id"]!.GetValue<int>()}/")).ShouldBe(HttpStatusCode.OK);
        JsonNode.DeepEquals(readLinked, linked).ShouldBeTrue($"{readLinked.ToJsonString()} != {linked.ToJsonString()}");

        await (await owner.Client.GetAsync("/api/doctors/999999999/")).ShouldBeProblem(HttpStatusCode.NotFound, "DOCTOR_NOT_FOUND");
    }

    [Fact]
    public async Task A_doctor_cannot_read_an_unassigned_patient_by_number_and_the_refusal_is_audited_as_before()
    {
        var (patient, patientUuid, _) = await _world.PatientAsync();
        var (doctor, _) = await _world.DoctorAsync();
        var number = (await (await patient.Client.GetAsync($"/api/patients/{patientUuid}/")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();

        await (await doctor.Client.GetAsync($"/api/patients/{number}/")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await doctor.Client.GetAsync($"/api/mappings/{number}/")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await doctor.Client.PatchJson($"/api/patients/{number}/", new { notes = "x" })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");

        var trail = CareWorld.Results(await (await patient.Client.GetAsync("/api/v1/audit?page_size=100")).ShouldBe(HttpStatusCode.OK))
            .Select(e => (Actor: e!["actor_id"]!.GetValue<string>(), Action: e["action"]!.GetValue<string>(), Outcome: e["outcome"]!.GetValue<int>(),
                Patient: e["patient_id"]!.GetValue<string>()))
            .Where(e => e.Actor == doctor.UserId).Reverse().ToList();
        trail.ShouldBe([
            (doctor.UserId, "patient.read", 404, patientUuid),
            (doctor.UserId, "mapping.read", 404, patientUuid),
            (doctor.UserId, "patient.update", 404, patientUuid),
        ]);
    }
}
