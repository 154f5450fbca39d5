using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Dira;

// Appointments with service technicians: a customer books and manages their own, the assigned technician works them,
// an admin sees and assigns all; a technician's hour is booked once. Dira's routes by integer id, Afya's by UUID.
public abstract class DiraAppointmentsTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DiraAppointmentsTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DiraAppointmentsTests(apps.Postgres);

    // A whole hour in the future, different for each call so parallel tests do not share a technician's slot.
    private static DateTime Slot(int days) => TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(days).AddHours(Random.Shared.Next(0, 24));

    private async Task<(HttpClient Client, int Id, HttpClient Admin)> TechnicianAsync()
    {
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var session = await app.Client().RegisterAsync();
        var id = (await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/user/me")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();
        await (await admin.PatchJson($"/api/v1/admin/users/{id}/role", new { role = "service_tech" })).ShouldBe(HttpStatusCode.OK);
        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { username = session.Email, password = session.Password })).ShouldBe(HttpStatusCode.OK);
        return (app.Client().WithToken(login["access_token"]!.GetValue<string>()), id, admin);
    }

    [Fact]
    public async Task A_customer_books_the_technician_works_it_and_others_see_nothing()
    {
        var (tech, techId, admin) = await TechnicianAsync();
        var customer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var stranger = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var when = Slot(3 + Random.Shared.Next(0, 300));

        var booked = await (await customer.PostJson("/api/v1/appointments/schedule-appointment", new
        {
            service_type = "Prosthesis fitting", appointment_date = when, address = "Kenyatta Avenue 12, Nairobi", notes = "Gate code 4411", technician_id = techId,
        })).ShouldBe(HttpStatusCode.Created);
        var id = booked["id"]!.GetValue<int>();
        booked["technician_id"]!.GetValue<int>().ShouldBe(techId);
        booked["status"]!.GetValue<string>().ShouldBe("scheduled");

        (await (await customer.GetAsync("/api/v1/appointments/")).ShouldBe(HttpStatusCode.OK)).AsArray().Single()!["id"]!.GetValue<int>().ShouldBe(id);
        (await (await customer.GetAsync($"/api/v1/appointments/{id}")).ShouldBe(HttpStatusCode.OK))["service_type"]!.GetValue<string>().ShouldBe("Prosthesis fitting");
        await (await stranger.GetAsync($"/api/v1/appointments/{id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.PatchJson($"/api/v1/appointments/{id}", new { notes = "mine now" })).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/api/v1/appointments/{id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.GetAsync("/api/v1/appointments/technician")).ShouldBe(HttpStatusCode.Forbidden);
        (await (await stranger.GetAsync("/api/v1/appointments/")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();

        // The technician's own list and update; they cannot reschedule, and only move it forward.
        (await (await tech.GetAsync("/api/v1/appointments/technician")).ShouldBe(HttpStatusCode.OK)).AsArray().Single()!["id"]!.GetValue<int>().ShouldBe(id);
        (await (await tech.GetAsync($"/api/v1/appointments/technician/{id}")).ShouldBe(HttpStatusCode.OK))["address"]!.GetValue<string>().ShouldContain("Kenyatta");
        var working = await (await tech.PatchJson($"/api/v1/appointments/technician/{id}", new { status = "in_progress", technician_notes = "Socket resized." }))
            .ShouldBe(HttpStatusCode.OK);
        working["status"]!.GetValue<string>().ShouldBe("in_progress");
        await (await tech.PatchJson($"/api/v1/appointments/technician/{id}", new { status = "confirmed" })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        await (await tech.PatchJson($"/api/v1/appointments/technician/{id}", new { appointment_date = when.AddHours(1) })).ShouldBe(HttpStatusCode.UnprocessableEntity);

        // Under way: the customer can no longer reschedule or cancel it; once done, it stays done.
        await (await customer.PatchJson($"/api/v1/appointments/{id}", new { appointment_date = when.AddDays(1) })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        await (await customer.DeleteAsync($"/api/v1/appointments/{id}")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await (await tech.PatchJson($"/api/v1/appointments/technician/{id}", new { status = "completed" })).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>()
            .ShouldBe("completed");
        (await (await customer.GetAsync($"/api/v1/appointments/{id}")).ShouldBe(HttpStatusCode.OK))["technician_notes"]!.GetValue<string>().ShouldBe("Socket resized.");

        // An admin sees every appointment, by Dira's route and the native one.
        (await (await admin.GetAsync($"/api/v1/appointments/{id}")).ShouldBe(HttpStatusCode.OK))["customer_id"]!.GetValue<int>().ShouldBePositive();
        (await (await admin.GetAsync("/api/v1/service-appointments?status=completed&page_size=100")).ShouldBe(HttpStatusCode.OK))["results"]!.AsArray()
            .ShouldContain(a => a!["number"]!.GetValue<int>() == id);
    }

    [Fact]
    public async Task A_technicians_hour_is_booked_once_and_frees_up_when_cancelled()
    {
        var (_, techId, admin) = await TechnicianAsync();
        var first = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var second = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var when = Slot(400 + Random.Shared.Next(0, 300));
        object Body(DateTime at) => new { service_type = "Repair", appointment_date = at, address = "Mombasa Road 3", technician_id = techId };

        var taken = await (await first.PostJson("/api/v1/appointments/schedule-appointment", Body(when))).ShouldBe(HttpStatusCode.Created);
        (await (await second.PostJson("/api/v1/appointments/schedule-appointment", Body(when))).ShouldBe(HttpStatusCode.Conflict))["code"]!.GetValue<string>()
            .ShouldBe("SLOT_TAKEN");
        var next = await (await second.PostJson("/api/v1/appointments/schedule-appointment", Body(when.AddHours(1)))).ShouldBe(HttpStatusCode.Created);
        await (await second.PatchJson($"/api/v1/appointments/{next["id"]}", new { appointment_date = when })).ShouldBe(HttpStatusCode.Conflict);

        (await (await first.DeleteAsync($"/api/v1/appointments/{taken["id"]}")).ShouldBe(HttpStatusCode.OK))["appointment"]!["status"]!.GetValue<string>().ShouldBe("cancelled");
        await (await second.PatchJson($"/api/v1/appointments/{next["id"]}", new { appointment_date = when })).ShouldBe(HttpStatusCode.OK);

        // Odd input: a time off the hour, in the past, an unknown technician, a customer assigning one.
        (await (await first.PostJson("/api/v1/appointments/schedule-appointment", Body(when.AddMinutes(30)))).ShouldBe(HttpStatusCode.UnprocessableEntity))["detail"]!
            .AsArray().ShouldNotBeEmpty();
        await (await first.PostJson("/api/v1/appointments/schedule-appointment", Body(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-2)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        await (await first.PostJson("/api/v1/appointments/schedule-appointment", new { service_type = "Repair", appointment_date = when.AddHours(2), address = "X", technician_id = 999_999_999 }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        await (await second.PatchJson($"/api/v1/appointments/{next["id"]}", new { technician_id = techId })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await first.PostRaw("/api/v1/appointments/schedule-appointment", "{\"appointment_date\": \"soon\"}")).StatusCode
            .ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity);

        // An admin reassigns on the native route.
        var native = (await (await admin.GetAsync("/api/v1/service-appointments?page_size=100")).ShouldBe(HttpStatusCode.OK))["results"]!.AsArray()
            .First(a => a!["number"]!.GetValue<int>() == next["id"]!.GetValue<int>())!;
        await (await admin.PatchJson($"/api/v1/service-appointments/{native["id"]}", new { status = "confirmed" })).ShouldBe(HttpStatusCode.OK);
    }
}
