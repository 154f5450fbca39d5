using System.Net;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Modules.Wearables;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Wearables;

// Each test runs its own app: one with an SMTP listener (the doctor's email), one on an injected clock (re-sends).
public class AlertTests
{
    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["MAIL_SERVER"] = "127.0.0.1",
        ["MAIL_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MAIL_STARTTLS"] = "false",
    };

    private static Task<int> OutboxCountAsync(AfyaFactory app, string recipient, string template) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Recipient == recipient && m.Template == template));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_reading_scoring_3_opens_one_urgent_alert_that_reaches_the_assigned_doctor_and_a_run_of_them_opens_no_more(Db provider)
    {
        await using var smtp = SmtpSink.Start();
        await using var app = new AfyaFactory(provider, Smtp(smtp.Port));
        var world = new WearablesWorld(app);
        var (patient, patientId, _) = await world.PatientAsync();
        var (doctor, _, doctorEmail) = await world.DoctorAsync(patient, patientId);
        var t = world.Now.AddMinutes(-20);

        // 135 bpm scores 3 on NEWS2; nothing else is abnormal, so the aggregate stays below 5: urgent.
        var first = await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(72, t), WearablesWorld.Hr(135, t.AddMinutes(1)));
        first["alerts_opened"]!.AsArray().Count.ShouldBe(1);
        // A 1 Hz watch keeps sending the same: no alert storm.
        for (var batch = 0; batch < 3; batch++)
        {
            var run = Enumerable.Range(0, 30).Select(i => WearablesWorld.Hr(140, t.AddMinutes(2 + batch).AddSeconds(i))).ToArray();
            (await WearablesWorld.SyncAsync(patient.Client, run))["alerts_opened"]!.AsArray().ShouldBeEmpty();
        }

        var alerts = await (await doctor.Client.GetAsync("/api/v1/wearables/alerts?status=open")).ShouldBe(HttpStatusCode.OK);
        var alert = alerts["results"]!.AsArray().Single()!;
        alert["severity"]!.GetValue<string>().ShouldBe("urgent");
        alert["condition"]!.GetValue<string>().ShouldBe("news2_urgent");
        alert["patient_id"]!.GetValue<string>().ShouldBe(patientId);
        (await (await patient.Client.GetAsync("/api/v1/wearables/alerts")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(1);
        var mail = await Calls.Eventually(() => Task.FromResult(smtp.Messages.FirstOrDefault(m => m.To.Contains(doctorEmail))), what: "the doctor's alert email");
        mail.Data.ShouldContain("Asha Patel");
        smtp.Messages.Count(m => m.To.Contains(doctorEmail)).ShouldBe(1);

        var id = alert["id"]!.GetValue<string>();
        await (await patient.Client.PostJson($"/api/v1/wearables/alerts/{id}/acknowledge", new { note = "me" })).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
        var (stranger, _, _) = await world.DoctorAsync();
        await (await stranger.Client.PostJson($"/api/v1/wearables/alerts/{id}/acknowledge", new { note = "x" })).ShouldBeProblem(HttpStatusCode.NotFound, "ALERT_NOT_FOUND");
        (await (await stranger.Client.GetAsync("/api/v1/wearables/alerts")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(0);
        var acknowledged = await (await doctor.Client.PostJson($"/api/v1/wearables/alerts/{id}/acknowledge", new { note = "Called the patient; resting now." })).ShouldBe(HttpStatusCode.OK);
        acknowledged["status"]!.GetValue<string>().ShouldBe("acknowledged");
        acknowledged["note"]!.GetValue<string>().ShouldBe("Called the patient; resting now.");
        acknowledged["acknowledged_by"]!.GetValue<string>().ShouldBe(doctor.UserId);
        await (await doctor.Client.PostJson($"/api/v1/wearables/alerts/{id}/acknowledge", new { note = "again" })).ShouldBeProblem(HttpStatusCode.Conflict, "ALERT_ALREADY_ACKNOWLEDGED");

        // Once acknowledged, the same condition may open a new alert.
        (await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(138, t.AddMinutes(10))))["alerts_opened"]!.AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_unacknowledged_emergency_is_sent_again_every_ten_minutes_until_a_doctor_acknowledges_it(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Outbox:WorkerEnabled"] = "false" }, clock);
        var world = new WearablesWorld(app);
        var (patient, patientId, _) = await world.PatientAsync();
        var contact = Calls.UniqueEmail("ravi");
        await (await patient.Client.PatchJson($"/api/v1/patients/{patientId}", new { emergency_contact = $"Ravi Patel {contact}" })).ShouldBe(HttpStatusCode.OK);
        var (doctor, _, doctorEmail) = await world.DoctorAsync(patient, patientId);
        var t = world.Now.AddMinutes(-2);

        // Pulse 135 (3), respiration 26 (3), SpO2 92 (2): aggregate 8, an emergency.
        var body = await WearablesWorld.SyncAsync(patient.Client,
            WearablesWorld.Hr(135, t),
            new { metric = "respiratory_rate", value = 26.0, measured_at = WearablesWorld.At(t) },
            new { metric = "spo2", value = 92.0, unit = "%", measured_at = WearablesWorld.At(t) });
        body["alerts_opened"]!.AsArray().Count.ShouldBe(1);
        var alert = (await (await doctor.Client.GetAsync("/api/v1/wearables/alerts")).ShouldBe(HttpStatusCode.OK))["results"]!.AsArray().Single()!;
        alert["severity"]!.GetValue<string>().ShouldBe("emergency");
        alert["score"]!.GetValue<int>().ShouldBe(8);
        (await OutboxCountAsync(app, doctorEmail, "wearables_alert")).ShouldBe(1);
        (await OutboxCountAsync(app, contact, "wearables_emergency_contact")).ShouldBe(1);
        // The patient's name is theirs to type and a medical fact: neither goes into a subject, which lock screens show.
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Recipient == doctorEmail || m.Recipient == contact)
            .Select(m => m.Subject).OrderBy(x => x).ToListAsync()))
            .ShouldBe(["Afya emergency alert for one of your patients", "Afya emergency: a reading of someone who named you their emergency contact"]);

        async Task ResendAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ResendEmergencies>().RunOnceAsync(CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromMinutes(9));
        await ResendAsync();
        (await OutboxCountAsync(app, doctorEmail, "wearables_alert")).ShouldBe(1);
        clock.Advance(TimeSpan.FromMinutes(2));
        await ResendAsync();
        (await OutboxCountAsync(app, doctorEmail, "wearables_alert")).ShouldBe(2);
        (await OutboxCountAsync(app, contact, "wearables_emergency_contact")).ShouldBe(2);
        await ResendAsync();
        (await OutboxCountAsync(app, doctorEmail, "wearables_alert")).ShouldBe(2);

        await (await doctor.Client.PostJson($"/api/v1/wearables/alerts/{alert["id"]}/acknowledge", new { note = "Ambulance sent." })).ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(11));
        await ResendAsync();
        (await OutboxCountAsync(app, doctorEmail, "wearables_alert")).ShouldBe(2);
    }
}
