using System.Net;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Modules.Wearables.Data;
using Afya.Tests.Modules.Wearables;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Console;

// Wearables alerts in the console over HTTP, on both databases: the assigned doctor sees the alert with the reading that
// raised it (and in the polled fragment), acknowledges it with a note and opens the vitals chart; another hospital's
// doctor gets the 404 page, and both are in the care audit.
public abstract class ConsoleAlertTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ConsoleAlertTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ConsoleAlertTests(apps.Postgres);

    [Fact]
    public async Task The_assigned_doctor_acknowledges_an_alert_with_a_note_and_another_hospitals_doctor_cannot()
    {
        var world = new WearablesWorld(app);
        var (patient, patientId, _) = await world.PatientAsync();
        var (doctor, doctorUser, doctorId) = await ConsoleCare.StaffAsync(world.Care, "doctor", await world.Care.HospitalAsync());
        var (stranger, strangerUser, _) = await ConsoleCare.StaffAsync(world.Care, "doctor", await world.Care.HospitalAsync());
        await (await patient.Client.PostJson("/api/v1/mappings", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Created);
        var t = world.Now.AddMinutes(-20);
        (await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(72, t), WearablesWorld.Hr(135, t.AddMinutes(1))))["alerts_opened"]!.AsArray().Count.ShouldBe(1);
        var alert = await app.WithDbAsync(db => db.Set<Alert>().AsNoTracking().SingleAsync(a => a.PatientId == Guid.Parse(patientId)));

        var page = await doctor.GetPageAsync("/admin/alerts");
        page.ShouldContain($"id=\"alert-{alert.Id}\"");
        page.ShouldContain("hx-trigger=\"every 10s\"");
        page.ShouldContain(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(alert.Detail));
        var poll = new HttpRequestMessage(HttpMethod.Get, "/admin/alerts?handler=rows&status=open");
        poll.Headers.Add("HX-Request", "true");
        var fragment = await (await doctor.Http.SendAsync(poll)).Content.ReadAsStringAsync();
        fragment.ShouldStartWith("<div class=\"table-wrap\"");
        fragment.ShouldContain($"id=\"ack-{alert.Id}\"");
        (await stranger.GetPageAsync("/admin/alerts")).ShouldNotContain($"id=\"alert-{alert.Id}\"");

        (await stranger.PostFormAsync($"/admin/alerts?handler=acknowledge&id={alert.Id}", new() { ["note"] = "not mine" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await doctor.PostFormAsync($"/admin/alerts?handler=acknowledge&id={alert.Id}", new() { ["note"] = "Called; resting now." }, withToken: false))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await doctor.PostFormAsync($"/admin/alerts?handler=acknowledge&id={alert.Id}", new() { ["note"] = "Called; resting now." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var acknowledged = await app.WithDbAsync(db => db.Set<Alert>().AsNoTracking().SingleAsync(a => a.Id == alert.Id));
        acknowledged.Note.ShouldBe("Called; resting now.");
        acknowledged.AcknowledgedBy.ShouldBe(Guid.Parse(doctorUser));
        (await doctor.GetPageAsync("/admin/alerts?status=acknowledged")).ShouldContain("Called; resting now.");

        var vitals = await doctor.GetPageAsync($"/admin/alerts/vitals/{patientId}?metric=heart_rate&days=2");
        vitals.ShouldContain("<svg id=\"vitals\"");
        (await stranger.Http.GetAsync($"/admin/alerts/vitals/{patientId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var entries = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.PatientId == Guid.Parse(patientId))
            .Select(e => new { e.ActorId, e.Action, e.Outcome }).ToListAsync());
        entries.ShouldContain(new { ActorId = (Guid?)Guid.Parse(doctorUser), Action = "wearables.alert.acknowledge", Outcome = 200 });
        entries.ShouldContain(new { ActorId = (Guid?)Guid.Parse(strangerUser), Action = "wearables.alert.acknowledge", Outcome = 404 });
        entries.ShouldContain(new { ActorId = (Guid?)Guid.Parse(strangerUser), Action = "wearables.series", Outcome = 404 });
    }
}
