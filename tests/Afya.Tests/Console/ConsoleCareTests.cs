using System.Net;
using System.Text.RegularExpressions;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;

namespace Afya.Tests.Console;

// A hospital's day in the console over HTTP, on both databases: its administrator registers a walk-in patient and assigns
// a doctor, who then reads the record; another hospital's doctor and the platform admin get the 404 page, and every read
// and refusal is on the patient's audit trail, which the administrator reads.
public abstract partial class ConsoleCareTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ConsoleCareTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ConsoleCareTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    [Fact]
    public async Task A_hospital_admin_assigns_a_doctor_who_then_reads_the_record_and_other_staff_get_the_404_page_on_the_audit_trail()
    {
        var hospital = await _world.HospitalAsync();
        var otherHospital = await _world.HospitalAsync();
        var (manager, _, _) = await ConsoleCare.StaffAsync(_world, "hospital_admin", hospital);
        var (doctor, doctorUser, doctorId) = await ConsoleCare.StaffAsync(_world, "doctor", hospital);
        var (stranger, strangerUser, _) = await ConsoleCare.StaffAsync(_world, "doctor", otherHospital);
        var (admin, _, _) = await ConsoleCare.StaffAsync(_world, "admin", hospital);

        await manager.GetPageAsync("/admin/care");
        var invalid = await manager.PostFormAsync("/admin/care", new() { ["name"] = "", ["gender"] = "Female" });
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("id=\"name-error\">Name is required.");
        var name = "Walk-in " + Guid.NewGuid().ToString("N")[..6];
        var registered = await manager.PostFormAsync("/admin/care", new() { ["name"] = name, ["gender"] = "Female", ["date_of_birth"] = "1984-02-03" });
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var path = registered.Headers.Location!.OriginalString;
        var patientId = PatientId().Match(path).Groups[1].Value;

        (await doctor.Http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.GetPageAsync(path + "?tab=doctors")).ShouldContain($"value=\"{doctorId}\"");
        var withoutToken = await manager.PostFormAsync(path + "?handler=assign", new() { ["doctor"] = doctorId! }, withToken: false);
        withoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var assigned = await manager.PostFormAsync(path + "?handler=assign", new() { ["doctor"] = doctorId! });
        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await manager.PostFormAsync(path + "?handler=assign", new() { ["doctor"] = doctorId! });
        (await again.Content.ReadAsStringAsync()).ShouldContain("already assigned");

        (await doctor.GetPageAsync("/admin/care")).ShouldContain(path);
        (await doctor.GetPageAsync(path)).ShouldContain(name);
        var refused = await stranger.Http.GetAsync(path);
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("id=\"not-found\"");
        (await admin.Http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The stranger may not assign either: the record is not theirs to manage.
        await stranger.GetPageAsync("/admin/care");
        (await stranger.PostFormAsync(path + "?handler=assign", new() { ["doctor"] = doctorId! })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var trail = await manager.GetPageAsync(path + "?tab=audit");
        trail.ShouldContain($"<td>{strangerUser}</td><td>doctor</td><td>patient.read</td><td class=\"wide\">patient:{patientId}</td><td>404</td>");
        trail.ShouldContain($"<td>{doctorUser}</td><td>doctor</td><td>patient.read</td><td class=\"wide\">patient:{patientId}</td><td>200</td>");
        trail.ShouldContain($"<td>{doctorUser}</td><td>doctor</td><td>patient.read</td><td class=\"wide\">patient:{patientId}</td><td>404</td>");
        trail.ShouldContain("<td>mapping.create</td>");
        // The doctor reads the record but does not manage it, so the trail is not theirs to read.
        (await doctor.GetPageAsync(path + "?tab=audit")).ShouldNotContain("<td>mapping.create</td>");
    }

    [Fact]
    public async Task A_hospital_admin_sees_only_their_hospital_and_an_admin_creates_hospitals_with_errors_beside_the_fields()
    {
        var hospital = await _world.HospitalAsync();
        var otherHospital = await _world.HospitalAsync();
        var (manager, _, _) = await ConsoleCare.StaffAsync(_world, "hospital_admin", hospital);
        var (_, _, doctorId) = await ConsoleCare.StaffAsync(_world, "doctor", otherHospital);
        var mine = await manager.GetPageAsync("/admin/care/hospitals");
        mine.ShouldContain($"/admin/care/doctors?hospital={hospital}");
        mine.ShouldNotContain(otherHospital);
        (await manager.GetPageAsync($"/admin/care/doctors?hospital={otherHospital}")).ShouldNotContain(doctorId!);
        (await manager.PostFormAsync("/admin/care/hospitals?handler=create", new() { ["name"] = "Mine now", ["registration_number"] = "X-1" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var (admin, _, _) = await ConsoleCare.StaffAsync(_world, "admin", hospital);
        await admin.GetPageAsync("/admin/care/hospitals");
        var missing = await admin.PostFormAsync("/admin/care/hospitals?handler=create", new() { ["name"] = "Mombasa General", ["registration_number"] = "" });
        (await missing.Content.ReadAsStringAsync()).ShouldContain("id=\"registration_number-error\">Registration number is required");
        var registration = "REG-" + Guid.NewGuid().ToString("N")[..10];
        (await admin.PostFormAsync("/admin/care/hospitals?handler=create", new() { ["name"] = "Mombasa General", ["registration_number"] = registration }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The shared database holds every test's hospitals, listed by name: the new one is on some page, not always the first.
        var listed = false;
        for (var page = 1; page <= 50 && !listed; page++)
            listed = (await admin.GetPageAsync($"/admin/care/hospitals?page_size=100&page={page}")).Contains(registration, StringComparison.Ordinal);
        listed.ShouldBeTrue();
    }

    [GeneratedRegex("/admin/care/patients/([0-9a-f-]{36})")]
    private static partial Regex PatientId();
}
