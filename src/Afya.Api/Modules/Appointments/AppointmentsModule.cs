using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Appointments;

// Appointments with service technicians: customers book, technicians work them, admins see and assign all. Native
// routes live at /api/v1/service-appointments, beside Dira's /api/v1/appointments (integer ids, bare arrays).
public static class AppointmentsModule
{
    public static WebApplicationBuilder AddAppointments(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AppointmentBook>();
        builder.Services.AddScoped<Contracts.IServiceCatalog, ServiceCatalog>();
        builder.Services.AddSingleton<Platform.Cli.ISampleData, AppointmentsSampleData>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAppointments(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup("/api/v1/service-appointments").WithTags("Appointments").RequireAuthorization().RequireRateLimiting(RateLimits.PerClient);
        appointments.MapGet("/", List).WithName("ListAppointments")
            .WithSummary("The caller's appointments (admins: everyone's), soonest first; ?status= filters").Problem(400, "VALIDATION_FAILED", "INVALID_PAGE");
        appointments.MapPost("/", Schedule).WithName("ScheduleAppointment")
            .WithSummary("Book a technician's visit: {service, scheduled_at (on the hour, in the future), address, notes, technician_id?}")
            .WriteProblems();
        appointments.MapGet("/{id:guid}", Get).WithName("GetAppointment").Problem(404, "APPOINTMENT_NOT_FOUND");
        appointments.MapPatch("/{id:guid}", Update).WithName("UpdateAppointment")
            .WithSummary("Reschedule or change (customer: while scheduled or confirmed; admins also technician_id and status)").WriteProblems();
        appointments.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelAppointment").WriteProblems();

        var assigned = appointments.MapGroup("/assigned").RequireAuthorization(p => p.RequireClaim(CurrentUser.RoleClaim, Roles.ServiceTech, Roles.Admin));
        assigned.MapGet("/", Assigned).WithName("AssignedAppointments").WithSummary("A technician's appointments, soonest first")
            .Problem(400, "VALIDATION_FAILED", "INVALID_PAGE");
        assigned.MapGet("/{id:guid}", GetAssigned).WithName("GetAssignedAppointment").Problem(404, "APPOINTMENT_NOT_FOUND");
        assigned.MapPatch("/{id:guid}", Work).WithName("WorkAppointment").WithSummary("A technician's update: {status (confirmed | in_progress | completed), technician_notes}")
            .WriteProblems();

        // The priced services a customer can put in the cart (Shopping: /api/v1/cart/service-items), beside the visits above.
        app.MapGroup("/api/v1/services").WithTags("Services").RequireRateLimiting(RateLimits.PerClient)
            .MapGet("/", ServiceCatalogRoutes.Active).WithName("ListServices").WithSummary("The services on sale (installation, calibration, repair), by name");
        var services = app.MapGroup("/api/v1/admin/services").WithTags("Admin: services").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit()
            .RequireRateLimiting(RateLimits.PerClient);
        services.MapGet("/", ServiceCatalogRoutes.List).WithName("AdminListServices").WithSummary("Every service, active or not, by id").Problem(400, "INVALID_PAGE");
        services.MapPost("/", ServiceCatalogRoutes.Create).WithName("AdminCreateService").WithSummary("{name, description, price (KES), is_active}")
            .Problem(400, "VALIDATION_FAILED").Problem(409, "SERVICE_NAME_TAKEN");
        services.MapGet("/{id:int}", ServiceCatalogRoutes.Get).WithName("AdminGetService").Problem(404, "SERVICE_NOT_FOUND");
        services.MapPatch("/{id:int}", ServiceCatalogRoutes.Update).WithName("AdminUpdateService")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "SERVICE_NOT_FOUND").Problem(409, "SERVICE_NAME_TAKEN");
        services.MapDelete("/{id:int}", ServiceCatalogRoutes.Deactivate).WithName("AdminDeactivateService")
            .WithSummary("Take a service off sale: carts drop it, orders keep it").Problem(404, "SERVICE_NOT_FOUND");
        return app;
    }

    internal static RouteHandlerBuilder WriteProblems(this RouteHandlerBuilder route) => route
        .Problem(400, "VALIDATION_FAILED", "TECHNICIAN_NOT_FOUND").Problem(404, "APPOINTMENT_NOT_FOUND").Problem(409, "SLOT_TAKEN")
        .Problem(422, "INVALID_APPOINTMENT_TRANSITION");

    private static async Task<Results<Ok<Page<AppointmentResponse>>, ProblemHttpResult>> List(
        HttpRequest http, string? status, AppointmentBook book, CancellationToken ct) =>
        await PageAsync(http, status, book.Mine(), ct);

    private static async Task<Results<Ok<Page<AppointmentResponse>>, ProblemHttpResult>> Assigned(
        HttpRequest http, string? status, AppointmentBook book, CancellationToken ct) =>
        await PageAsync(http, status, book.Assigned(), ct);

    private static async Task<Results<Ok<Page<AppointmentResponse>>, ProblemHttpResult>> PageAsync(
        HttpRequest http, string? status, IQueryable<Data.Appointment> rows, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        if (!Filter(rows, status).TryGet(out var filtered, out var invalid)) return invalid;
        var list = await filtered.OrderBy(a => a.ScheduledAt).ThenBy(a => a.Id).Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, await filtered.CountAsync(ct), list.Select(AppointmentResponse.From).ToList()));
    }

    internal static Result<IQueryable<Data.Appointment>> Filter(IQueryable<Data.Appointment> rows, string? status)
    {
        if (string.IsNullOrWhiteSpace(status)) return Result<IQueryable<Data.Appointment>>.Success(rows);
        var wanted = Enum.GetValues<Data.AppointmentStatus>().Where(s => string.Equals(AppointmentBook.Name(s), status.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (wanted.Count == 0) return ApiProblem.Field("status", $"status must be one of {string.Join(", ", Enum.GetValues<Data.AppointmentStatus>().Select(AppointmentBook.Name))}.");
        var one = wanted[0];
        return Result<IQueryable<Data.Appointment>>.Success(rows.Where(a => a.Status == one));
    }

    private static async Task<Results<Created<AppointmentResponse>, ProblemHttpResult>> Schedule(AppointmentRequest request, AppointmentBook book, CancellationToken ct) =>
        (await book.ScheduleAsync(request, ct)).TryGet(out var a, out var problem)
            ? TypedResults.Created($"/api/v1/service-appointments/{a.Id}", AppointmentResponse.From(a)) : problem;

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Get(Guid id, AppointmentBook book, CancellationToken ct) =>
        await book.Mine().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a ? TypedResults.Ok(AppointmentResponse.From(a)) : AppointmentBook.NotFound();

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> GetAssigned(Guid id, AppointmentBook book, CancellationToken ct) =>
        await book.Assigned().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a ? TypedResults.Ok(AppointmentResponse.From(a)) : AppointmentBook.NotFound();

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Update(Guid id, AppointmentRequest request, AppointmentBook book, CancellationToken ct) =>
        (await book.UpdateAsync(id, request, ct)).Map(AppointmentResponse.From).TryGet(out var a, out var problem) ? TypedResults.Ok(a) : problem;

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Cancel(Guid id, AppointmentBook book, CancellationToken ct) =>
        (await book.CancelAsync(id, ct)).Map(AppointmentResponse.From).TryGet(out var a, out var problem) ? TypedResults.Ok(a) : problem;

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Work(Guid id, AppointmentRequest request, AppointmentBook book, CancellationToken ct) =>
        (await book.WorkAsync(id, request, ct)).Map(AppointmentResponse.From).TryGet(out var a, out var problem) ? TypedResults.Ok(a) : problem;
}
