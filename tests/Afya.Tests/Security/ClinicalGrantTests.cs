using System.Net;
using System.Text;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Security;

// Granting doctor or hospital_admin to someone else is recorded (who, when, roles before and after) and mailed to them.
public class ClinicalGrantMailTests
{
    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["MAIL_SERVER"] = "127.0.0.1",
        ["MAIL_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MAIL_STARTTLS"] = "false",
        ["MAIL_FROM"] = "care@afya.example",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_clinical_grant_to_another_account_is_recorded_and_mailed_to_its_owner(Db provider)
    {
        await using var smtp = SmtpSink.Start();
        await using var app = new AfyaFactory(provider, Smtp(smtp.Port));
        var admin = await app.AdminAsync();
        var adminClient = app.Client().WithToken(admin.Access);
        var other = await app.Client().RegisterAsync();

        await (await adminClient.PatchJson($"/api/v1/admin/users/{other.UserId}", new { roles = new[] { "customer", "hospital_admin" } }))
            .ShouldBe(HttpStatusCode.OK);

        var changes = (await (await adminClient.GetAsync($"/api/v1/admin/users/{other.UserId}/role-changes")).ShouldBe(HttpStatusCode.OK)).AsArray();
        var change = changes.ShouldHaveSingleItem()!;
        change["changed_by"]!.GetValue<string>().ShouldBe(admin.UserId);
        change["old_roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["customer"]);
        change["new_roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["customer", "hospital_admin"]);
        change["at"]!.GetValue<DateTime>().ShouldBe(TimeProvider.System.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(5));

        // The account's welcome email goes to the same address; the notice is the one with its own subject.
        var message = await Calls.Eventually(() => Task.FromResult(smtp.Messages.Where(m => m.To.Contains(other.Email))
            .Select(m => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .FirstOrDefault(m => m.Subject == "You were given clinical access on Afya")), what: "the grant notice");
        message.TextBody!.ShouldContain("hospital_admin");
        message.TextBody!.ShouldContain(admin.Email);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_grant_of_a_non_clinical_role_is_recorded_but_mails_nobody(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Outbox:WorkerEnabled"] = "false" });
        var admin = await app.AdminAsync();
        var adminClient = app.Client().WithToken(admin.Access);
        var other = await app.Client().RegisterAsync();

        await (await adminClient.PatchJson($"/api/v1/admin/users/{other.UserId}", new { roles = new[] { "customer", "patient" } })).ShouldBe(HttpStatusCode.OK);

        (await (await adminClient.GetAsync($"/api/v1/admin/users/{other.UserId}/role-changes")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem();
        // The notice is written in the grant's own transaction, so its absence is final once the grant answered.
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Recipient == other.Email && m.Template == "clinical_role_granted"))).ShouldBe(0);
    }
}

// Linking a doctor entry to an account opens patients' records to that account: only an administrator of the doctor's
// hospital does it, and it is written in the care audit trail, refusals included.
public abstract class DoctorLinkTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DoctorLinkTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DoctorLinkTests(apps.Postgres);

    private static object Entry(string hospitalId, string userId) =>
        new { name = "Dr. Link " + Guid.NewGuid().ToString("N")[..4], specialization = "GP", experience = 3, hospital_id = hospitalId, user_id = userId };

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> AuditAsync(CareUser admin, string actorId) =>
        CareWorld.Results(await (await admin.Client.GetAsync($"/api/v1/audit?actor_id={actorId}")).ShouldBe(HttpStatusCode.OK)).Select(e => e!).ToList();

    [Fact]
    public async Task A_hospital_admin_links_a_doctor_of_their_own_hospital_and_the_link_is_audited()
    {
        var world = new CareWorld(app);
        var hospital = await world.HospitalAsync();
        var hospitalAdmin = await world.HospitalAdminAsync(hospital);
        var account = await world.WithRoleAsync("doctor");

        var doctor = await (await hospitalAdmin.Client.PostJson("/api/v1/doctors", Entry(hospital, account.UserId))).ShouldBe(HttpStatusCode.Created);
        doctor["user_id"]!.GetValue<string>().ShouldBe(account.UserId);

        var entry = (await AuditAsync(await world.AdminAsync(), hospitalAdmin.UserId)).ShouldHaveSingleItem();
        entry["action"]!.GetValue<string>().ShouldBe("doctor.create");
        entry["outcome"]!.GetValue<int>().ShouldBe(201);
        entry["resource"]!.GetValue<string>().ShouldBe($"doctor:{doctor["id"]!.GetValue<string>()} account:{account.UserId}");
    }

    [Fact]
    public async Task A_platform_admin_cannot_link_a_doctor_to_an_account_and_the_refusal_is_audited()
    {
        var world = new CareWorld(app);
        var hospital = await world.HospitalAsync();
        var admin = await world.AdminAsync();
        var account = await world.WithRoleAsync("doctor");

        await (await admin.Client.PostJson("/api/v1/doctors", Entry(hospital, account.UserId))).ShouldBeProblem(HttpStatusCode.Forbidden, "DOCTOR_LINK_NOT_ALLOWED");
        // Nor by linking an existing entry afterwards.
        var unlinked = await (await admin.Client.PostJson("/api/v1/doctors", new { name = "Dr. Plain", specialization = "GP", experience = 1, hospital_id = hospital }))
            .ShouldBe(HttpStatusCode.Created);
        await (await admin.Client.PatchJson($"/api/v1/doctors/{unlinked["id"]!.GetValue<string>()}", new { user_id = account.UserId }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "DOCTOR_LINK_NOT_ALLOWED");

        (await AuditAsync(admin, admin.UserId)).ShouldContain(e => e["action"]!.GetValue<string>() == "doctor.update" && e["outcome"]!.GetValue<int>() == 403);
    }

    [Fact]
    public async Task Another_hospitals_admin_cannot_link_a_doctor_of_this_hospital()
    {
        var world = new CareWorld(app);
        var hospital = await world.HospitalAsync();
        var elsewhere = await world.HospitalAdminAsync(await world.HospitalAsync());
        var account = await world.WithRoleAsync("doctor");

        await (await elsewhere.Client.PostJson("/api/v1/doctors", Entry(hospital, account.UserId))).ShouldBeProblem(HttpStatusCode.Forbidden, "DOCTOR_LINK_NOT_ALLOWED");
        var (_, doctorHere) = await world.DoctorAsync(hospital);
        await (await elsewhere.Client.PatchJson($"/api/v1/doctors/{doctorHere}", new { user_id = account.UserId })).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task A_hospital_admin_cannot_link_a_doctor_entry_to_their_own_account()
    {
        var world = new CareWorld(app);
        var hospital = await world.HospitalAsync();
        var hospitalAdmin = await world.HospitalAdminAsync(hospital);
        await (await hospitalAdmin.Client.PostJson("/api/v1/doctors", Entry(hospital, hospitalAdmin.UserId)))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "DOCTOR_LINK_NOT_ALLOWED");
    }

    [Fact]
    public async Task An_admin_cannot_make_itself_a_hospitals_administrator()
    {
        var world = new CareWorld(app);
        var hospital = await world.HospitalAsync();
        var admin = await world.AdminAsync();
        await (await admin.Client.PostJson($"/api/v1/hospitals/{hospital}/staff", new { user_id = admin.UserId }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "CANNOT_ADD_SELF_AS_STAFF");
    }
}
