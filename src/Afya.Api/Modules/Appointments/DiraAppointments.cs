using Afya.Api.Modules.Appointments.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Appointments;

public sealed record DiraAppointment(int Id, int CustomerId, int? TechnicianId, string ServiceType, DateTime AppointmentDate, string Address, string? Notes,
    string? TechnicianNotes, string Status, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record DiraAppointmentMessage(string Message, DiraAppointment Appointment);

// Dira's eight appointment operations by integer id over AppointmentBook: the same rules and visibility as the native
// routes; users (customer, technician) by their public numbers. Lists are bare arrays, soonest first.
public static class DiraAppointments
{
    public static IEndpointRouteBuilder MapDiraAppointments(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/appointments") is not { } appointments) return app;
        appointments.RequireAuthorization();
        appointments.MapGet("/", async (string? status, AppointmentBook book, IUserDirectory users, CancellationToken ct) => await ListAsync(book.Mine(), status, users, ct))
            .WithName("DiraListAppointments").Problem(422, "VALIDATION_FAILED");
        appointments.MapPost("/schedule-appointment", Schedule).WithName("DiraScheduleAppointment").Problems();
        appointments.MapGet("/{id:int}", async (int id, AppointmentBook book, IUserDirectory users, CancellationToken ct) => await OneAsync(book.Mine(), id, users, ct))
            .WithName("DiraGetAppointment").Problem(404, "APPOINTMENT_NOT_FOUND");
        appointments.MapPatch("/{id:int}", async (int id, AppointmentRequest request, AppointmentBook book, AfyaDb db, IUserDirectory users, CancellationToken ct) =>
                await ShapedAsync(await IdOfAsync(db, id, ct) is { } guid ? await book.UpdateAsync(guid, request, ct) : AppointmentBook.NotFound(), users, ct))
            .WithName("DiraUpdateAppointment").Problems();
        appointments.MapDelete("/{id:int}", Cancel).WithName("DiraCancelAppointment").Problems();

        var technician = appointments.MapGroup("/technician").RequireAuthorization(p => p.RequireClaim(CurrentUser.RoleClaim, Roles.ServiceTech, Roles.Admin));
        technician.MapGet("/", async (string? status, AppointmentBook book, IUserDirectory users, CancellationToken ct) => await ListAsync(book.Assigned(), status, users, ct))
            .WithName("DiraTechnicianAppointments").Problem(422, "VALIDATION_FAILED");
        technician.MapGet("/{id:int}", async (int id, AppointmentBook book, IUserDirectory users, CancellationToken ct) => await OneAsync(book.Assigned(), id, users, ct))
            .WithName("DiraTechnicianGetAppointment").Problem(404, "APPOINTMENT_NOT_FOUND");
        technician.MapPatch("/{id:int}", async (int id, AppointmentRequest request, AppointmentBook book, AfyaDb db, IUserDirectory users, CancellationToken ct) =>
                await ShapedAsync(await IdOfAsync(db, id, ct) is { } guid ? await book.WorkAsync(guid, request, ct) : AppointmentBook.NotFound(), users, ct))
            .WithName("DiraTechnicianUpdateAppointment").Problems();
        return app;
    }

    private static RouteHandlerBuilder Problems(this RouteHandlerBuilder route) => route
        .Problem(422, "VALIDATION_FAILED", "TECHNICIAN_NOT_FOUND", "INVALID_APPOINTMENT_TRANSITION").Problem(404, "APPOINTMENT_NOT_FOUND").Problem(409, "SLOT_TAKEN");

    private static async Task<Results<Created<DiraAppointment>, ProblemHttpResult>> Schedule(
        AppointmentRequest request, AppointmentBook book, IUserDirectory users, CancellationToken ct)
    {
        if (!(await book.ScheduleAsync(request, ct)).TryGet(out var a, out var problem)) return problem;
        return TypedResults.Created($"/api/v1/appointments/{a.PublicNumber}", (await ShapeAsync([a], users, ct))[0]);
    }

    private static async Task<Results<Ok<DiraAppointmentMessage>, ProblemHttpResult>> Cancel(
        int id, AppointmentBook book, AfyaDb db, IUserDirectory users, CancellationToken ct)
    {
        if (await IdOfAsync(db, id, ct) is not { } guid) return AppointmentBook.NotFound();
        if (!(await book.CancelAsync(guid, ct)).TryGet(out var a, out var problem)) return problem;
        return TypedResults.Ok(new DiraAppointmentMessage("Appointment cancelled.", (await ShapeAsync([a], users, ct))[0]));
    }

    private static async Task<Results<Ok<List<DiraAppointment>>, ProblemHttpResult>> ListAsync(
        IQueryable<Appointment> rows, string? status, IUserDirectory users, CancellationToken ct)
    {
        if (!AppointmentsModule.Filter(rows, status).TryGet(out var filtered, out var problem)) return problem;
        var list = await filtered.OrderBy(a => a.ScheduledAt).ThenBy(a => a.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(await ShapeAsync(list, users, ct));
    }

    private static async Task<Results<Ok<DiraAppointment>, ProblemHttpResult>> OneAsync(IQueryable<Appointment> rows, int id, IUserDirectory users, CancellationToken ct) =>
        await rows.FirstOrDefaultAsync(a => a.PublicNumber == id, ct) is { } a ? TypedResults.Ok((await ShapeAsync([a], users, ct))[0]) : AppointmentBook.NotFound();

    private static async Task<Results<Ok<DiraAppointment>, ProblemHttpResult>> ShapedAsync(Result<Appointment> result, IUserDirectory users, CancellationToken ct) =>
        result.TryGet(out var a, out var problem) ? TypedResults.Ok((await ShapeAsync([a], users, ct))[0]) : problem;

    // Resolving the number only names the row; whether the caller may touch it is AppointmentBook's query.
    private static async Task<Guid?> IdOfAsync(AfyaDb db, int number, CancellationToken ct) =>
        await db.Set<Appointment>().Where(a => a.PublicNumber == number).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);

    private static async Task<List<DiraAppointment>> ShapeAsync(List<Appointment> rows, IUserDirectory users, CancellationToken ct)
    {
        var numbers = await users.NumbersAsync(rows.SelectMany(a => new[] { (Guid?)a.CustomerId, a.TechnicianId }).OfType<Guid>().Distinct().ToList(), ct);
        return rows.Select(a => new DiraAppointment(a.PublicNumber, numbers.GetValueOrDefault(a.CustomerId), a.TechnicianId is { } t ? numbers.GetValueOrDefault(t) : null,
            a.Service, a.ScheduledAt, a.Address, a.Notes, a.TechnicianNotes, AppointmentBook.Name(a.Status), a.CreatedAt, a.UpdatedAt)).ToList();
    }
}
