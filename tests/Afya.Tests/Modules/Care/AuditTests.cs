using System.Net;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Care.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Care;

// Every access to a record, consent or assignment leaves exactly its entry, refusals included.
public abstract class AuditTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : AuditTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : AuditTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Each_access_leaves_exactly_its_entry_and_the_patient_sees_who_touched_the_record()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var (doctor, doctorId) = await _world.DoctorAsync();
        var stranger = await _world.UserAsync();

        await (await doctor.Client.GetAsync($"/api/v1/patients/{patientId}")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.Client.PatchJson($"/api/v1/patients/{patientId}", new { notes = "x" })).ShouldBe(HttpStatusCode.NotFound);
        var consentId = await CareWorld.ConsentAsync(patient, new { doctor_id = doctorId, scope = "records", purpose = "Checkup", expires_at = Now.AddDays(1) });
        await (await doctor.Client.GetAsync($"/api/v1/patients/{patientId}/")).ShouldBe(HttpStatusCode.OK);
        var mapping = (await (await patient.Client.PostJson("/api/v1/mappings", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await patient.Client.PostJson("/api/v1/mappings", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Conflict);
        await (await patient.Client.PostAsync($"/api/v1/consents/{consentId}/revoke", null)).ShouldBe(HttpStatusCode.OK);
        (await patient.Client.DeleteAsync($"/api/v1/mappings/{mapping}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await doctor.Client.GetAsync($"/api/patients/{patientId}/")).ShouldBe(HttpStatusCode.NotFound);

        var trail = CareWorld.Results(await (await patient.Client.GetAsync("/api/v1/audit?page_size=100")).ShouldBe(HttpStatusCode.OK))
            .Select(e => (Actor: e!["actor_id"]!.GetValue<string>(), Role: e["actor_role"]!.GetValue<string>(), Action: e["action"]!.GetValue<string>(),
                Outcome: e["outcome"]!.GetValue<int>(), Patient: e["patient_id"]!.GetValue<string>()))
            .Reverse().ToList();
        trail.ShouldBe([
            (patient.UserId, "patient", "patient.register", 201, patientId),
            (doctor.UserId, "doctor", "patient.read", 404, patientId),
            (stranger.UserId, "customer", "patient.update", 404, patientId),
            (patient.UserId, "patient", "consent.grant", 201, patientId),
            (doctor.UserId, "doctor", "patient.read", 200, patientId),
            (patient.UserId, "patient", "mapping.create", 201, patientId),
            (patient.UserId, "patient", "mapping.create", 409, patientId),
            (patient.UserId, "patient", "consent.revoke", 200, patientId),
            (patient.UserId, "patient", "mapping.delete", 204, patientId),
            (doctor.UserId, "doctor", "patient.read", 404, patientId),
        ]);

        // Someone else's trail is not the caller's to read; admins filter all of it.
        CareWorld.Results(await (await stranger.Client.GetAsync($"/api/v1/audit?patient_id={patientId}")).ShouldBe(HttpStatusCode.OK)).Count.ShouldBe(0);
        var admin = await _world.AdminAsync();
        var reads = CareWorld.Results(await (await admin.Client.GetAsync($"/api/v1/audit?patient_id={patientId}&action=patient.read&actor_id={doctor.UserId}")).ShouldBe(HttpStatusCode.OK));
        reads.Select(e => e!["outcome"]!.GetValue<int>()).ShouldBe([404, 200, 404]);
        reads[0]!["client_address"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_trail_cannot_be_changed_or_deleted_through_the_API()
    {
        var (patient, _, _) = await _world.PatientAsync();
        var admin = await _world.AdminAsync();
        var entry = CareWorld.Results(await (await patient.Client.GetAsync("/api/v1/audit")).ShouldBe(HttpStatusCode.OK))[0]!["id"]!.GetValue<long>();
        foreach (var client in new[] { patient.Client, admin.Client })
        {
            (await client.DeleteAsync($"/api/v1/audit/{entry}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.DeleteAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
            (await client.PutJson($"/api/v1/audit/{entry}", new { outcome = 200 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    // Concurrent reads share commits (AuditWriter's group commit); each read still leaves exactly its own entry.
    [Fact]
    public async Task Concurrent_reads_each_leave_exactly_their_entry()
    {
        const int Reads = 24;
        var reader = await _world.UserAsync();
        await (await reader.Client.PostJson("/api/v1/patients", new { name = "Read At Once" })).ShouldBe(HttpStatusCode.Created);
        var answers = await Task.WhenAll(Enumerable.Range(0, Reads).Select(_ => reader.Client.GetAsync("/api/patients/")));
        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);

        var actor = Guid.Parse(reader.UserId);
        var entries = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.ActorId == actor && e.Action == "patient.list"));
        entries.ShouldBe(Reads);
    }

    // A batch with an entry that cannot be written (no role: refused before or by the database) is written entry by entry:
    // only that entry's request fails.
    [Fact]
    public async Task An_entry_that_cannot_be_written_fails_only_its_own_write()
    {
        var writer = app.Services.GetRequiredService<AuditWriter>();
        var actor = Guid.NewGuid();
        AuditEntry Entry(string? role) => new()
        {
            At = Now, ActorId = actor, ActorRole = role!, Action = "test.write", Resource = "batch", Outcome = 200,
        };
        var writes = Enumerable.Range(0, 12).Select(i => writer.WriteAsync(Entry(i == 5 ? null : "customer"), CancellationToken.None)).ToList();
        (await Record.ExceptionAsync(() => writes[5])).ShouldNotBeNull();
        await Task.WhenAll(writes.Where((_, i) => i != 5).ToList());

        var written = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.ActorId == actor));
        written.ShouldBe(11);
    }
}
