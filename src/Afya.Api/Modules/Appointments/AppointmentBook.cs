using System.Globalization;
using System.Text.Json;
using Afya.Api.Modules.Appointments.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Appointments;

// Both clients' body: Afya's names (service, scheduled_at, address) and Dira's (service_type, appointment_date,
// location). technician_id is a technician's UUID or (Dira) their integer user number. status and technician_notes
// are for staff and technicians.
public sealed record AppointmentRequest(string? Service, string? ServiceType, DateTime? ScheduledAt, DateTime? AppointmentDate, string? Address,
    string? Location, string? Notes, JsonElement? TechnicianId, string? Status, string? TechnicianNotes);

public sealed record AppointmentResponse(Guid Id, int Number, Guid CustomerId, Guid? TechnicianId, string Service, DateTime ScheduledAt, DateTime EndsAt,
    string Address, string? Notes, string? TechnicianNotes, string Status, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static AppointmentResponse From(Appointment a) => new(a.Id, a.PublicNumber, a.CustomerId, a.TechnicianId, a.Service, a.ScheduledAt,
        a.ScheduledAt.AddMinutes(AppointmentBook.SlotMinutes), a.Address, a.Notes, a.TechnicianNotes, AppointmentBook.Name(a.Status), a.CreatedAt, a.UpdatedAt);
}

// The rules of appointments, for the native routes and Dira's alike. Who sees what: a customer their own, a technician
// those assigned to them (through the technician routes), an admin every one; anyone else finds nothing (404).
public sealed class AppointmentBook(AfyaDb db, CurrentUser me, IUserDirectory users, TimeProvider clock)
{
    public const int SlotMinutes = 60;

    public static string Name(AppointmentStatus s) => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString());

    private static AppointmentStatus? Parse(string? s) =>
        Enum.GetValues<AppointmentStatus>().Where(x => string.Equals(Name(x), s?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(x => (AppointmentStatus?)x).FirstOrDefault();

    public IQueryable<Appointment> Mine() =>
        me.IsInRole(Roles.Admin) ? db.Set<Appointment>().AsNoTracking() : db.Set<Appointment>().AsNoTracking().Where(a => a.CustomerId == me.Id);

    public IQueryable<Appointment> Assigned()
    {
        var id = me.Id;
        return db.Set<Appointment>().AsNoTracking().Where(a => a.TechnicianId == id);
    }

    public async Task<Result<Appointment>> ScheduleAsync(AppointmentRequest r, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var service = (r.Service ?? r.ServiceType)?.Trim();
        if (service is not { Length: >= 1 and <= 200 }) errors["service"] = ["service is required (at most 200 characters)."];
        var address = (r.Address ?? r.Location)?.Trim();
        if (address is not { Length: >= 1 and <= 500 }) errors["address"] = ["address is required (at most 500 characters)."];
        var when = r.ScheduledAt ?? r.AppointmentDate;
        if (when is null) errors["scheduled_at"] = ["scheduled_at is required."];
        else if (SlotProblem(when.Value) is { } slot) errors["scheduled_at"] = [slot];
        if ((r.Notes?.Length ?? 0) > 2000) errors["notes"] = ["notes may be at most 2000 characters."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (!(await TechnicianAsync(r.TechnicianId, ct)).TryGet(out var technician, out var problem)) return problem;
        var now = clock.GetUtcNow().UtcDateTime;
        var a = new Appointment
        {
            CustomerId = me.Id, TechnicianId = technician, Service = service!, Address = address!, Notes = r.Notes?.Trim(), ScheduledAt = Utc(when!.Value),
            CreatedAt = now, UpdatedAt = now,
        };
        db.Add(a);
        return await SaveAsync(a, ct);
    }

    // The customer (or an admin) changes what, when and where while it is not under way; an admin also assigns the
    // technician and sets any status. A customer's only status is cancelled.
    public async Task<Result<Appointment>> UpdateAsync(Guid id, AppointmentRequest r, CancellationToken ct)
    {
        var admin = me.IsInRole(Roles.Admin);
        var a = await db.Set<Appointment>().FirstOrDefaultAsync(x => x.Id == id && (admin || x.CustomerId == me.Id), ct);
        if (a is null) return NotFound();
        var status = r.Status is null ? null : Parse(r.Status);
        if (r.Status is not null && status is null) return ApiProblem.Field("status", StatusWords());
        if (!admin && status is not (null or AppointmentStatus.Cancelled)) return ApiProblem.Field("status", "A customer can only cancel an appointment.");
        if (!admin && r.TechnicianId is { ValueKind: not JsonValueKind.Null }) return ApiProblem.Field("technician_id", "Only staff assign technicians.");
        if (!admin && r.TechnicianNotes is not null) return ApiProblem.Field("technician_notes", "Only the technician writes technician_notes.");
        var changesBooking = (r.Service ?? r.ServiceType ?? r.Address ?? r.Location ?? r.Notes) is not null || (r.ScheduledAt ?? r.AppointmentDate) is not null;
        if (changesBooking && a.Status is not (AppointmentStatus.Scheduled or AppointmentStatus.Confirmed))
            return Transition(a.Status, "An appointment under way, done or cancelled cannot be changed.");
        var errors = new Dictionary<string, string[]>();
        if ((r.Service ?? r.ServiceType)?.Trim() is { } service)
        {
            if (service.Length is < 1 or > 200) errors["service"] = ["service is at most 200 characters."];
            else a.Service = service;
        }
        if ((r.Address ?? r.Location)?.Trim() is { } address)
        {
            if (address.Length is < 1 or > 500) errors["address"] = ["address is at most 500 characters."];
            else a.Address = address;
        }
        if (r.Notes is { } notes)
        {
            if (notes.Length > 2000) errors["notes"] = ["notes may be at most 2000 characters."];
            else a.Notes = notes.Trim();
        }
        if ((r.ScheduledAt ?? r.AppointmentDate) is { } when)
        {
            if (SlotProblem(when) is { } slot) errors["scheduled_at"] = [slot];
            else a.ScheduledAt = Utc(when);
        }
        if (r.TechnicianNotes is { Length: > 2000 }) errors["technician_notes"] = ["technician_notes may be at most 2000 characters."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (admin && r.TechnicianId is { } technicianId)
        {
            if (!(await TechnicianAsync(technicianId, ct)).TryGet(out var technician, out var problem)) return problem;
            a.TechnicianId = technician;
        }
        if (admin && r.TechnicianNotes is { } techNotes) a.TechnicianNotes = techNotes.Trim();
        if (status is { } next && next != a.Status)
        {
            if (!admin && a.Status is not (AppointmentStatus.Scheduled or AppointmentStatus.Confirmed))
                return Transition(a.Status, "Only an appointment not yet under way can be cancelled.");
            if (a.Status == AppointmentStatus.Cancelled) return Transition(a.Status, "A cancelled appointment stays cancelled; book a new one.");
            a.Status = next;
        }
        a.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(a, ct);
    }

    public Task<Result<Appointment>> CancelAsync(Guid id, CancellationToken ct) =>
        UpdateAsync(id, new AppointmentRequest(null, null, null, null, null, null, null, null, "cancelled", null), ct);

    // The assigned technician moves it forward (confirmed, in_progress, completed) and writes their notes.
    public async Task<Result<Appointment>> WorkAsync(Guid id, AppointmentRequest r, CancellationToken ct)
    {
        var a = await db.Set<Appointment>().FirstOrDefaultAsync(x => x.Id == id && x.TechnicianId == me.Id, ct);
        if (a is null) return NotFound();
        if ((r.Service ?? r.ServiceType ?? r.Address ?? r.Location ?? r.Notes) is not null || (r.ScheduledAt ?? r.AppointmentDate) is not null
            || r.TechnicianId is { ValueKind: not JsonValueKind.Null })
            return ApiProblem.Field("status", "A technician changes only status and technician_notes.");
        if (r.TechnicianNotes is { Length: > 2000 }) return ApiProblem.Field("technician_notes", "technician_notes may be at most 2000 characters.");
        if (r.Status is not null)
        {
            if (Parse(r.Status) is not { } next || next is AppointmentStatus.Scheduled or AppointmentStatus.Cancelled)
                return ApiProblem.Field("status", "status must be confirmed, in_progress or completed.");
            if (a.Status is AppointmentStatus.Cancelled or AppointmentStatus.Completed || next < a.Status)
                return Transition(a.Status, $"An appointment cannot go from {Name(a.Status)} to {Name(next)}.");
            a.Status = next;
        }
        if (r.TechnicianNotes is { } notes) a.TechnicianNotes = notes.Trim();
        a.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(a, ct);
    }

    public static ProblemHttpResult NotFound() => ApiProblem.NotFound("appointment", "APPOINTMENT_NOT_FOUND");

    private static ProblemHttpResult Transition(AppointmentStatus from, string why) => ApiProblem.Of(StatusCodes.Status422UnprocessableEntity,
        "INVALID_APPOINTMENT_TRANSITION", "This appointment cannot make that change.", why, new Dictionary<string, object?> { ["status"] = Name(from) });

    private static string StatusWords() => $"status must be one of {string.Join(", ", Enum.GetValues<AppointmentStatus>().Select(Name))}.";

    private string? SlotProblem(DateTime when)
    {
        var utc = Utc(when);
        if (utc.Minute != 0 || utc.Second != 0 || utc.Millisecond != 0) return "scheduled_at must be on the hour (appointments take one-hour slots).";
        return utc <= clock.GetUtcNow().UtcDateTime ? "scheduled_at must be in the future." : null;
    }

    private static DateTime Utc(DateTime when) => when.Kind switch
    {
        DateTimeKind.Utc => when,
        DateTimeKind.Local => when.ToUniversalTime(),
        _ => DateTime.SpecifyKind(when, DateTimeKind.Utc),
    };

    // A technician named by UUID or (Dira) integer user number, holding the service_tech role.
    private async Task<Result<Guid?>> TechnicianAsync(JsonElement? value, CancellationToken ct)
    {
        Guid? id = value switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var number) => await users.IdOfNumberAsync(number, ct) ?? Guid.Empty,
            { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) =>
                await users.IdOfNumberAsync(number, ct) ?? Guid.Empty,
            { ValueKind: JsonValueKind.String } s when Guid.TryParse(s.GetString(), out var g) => g,
            _ => Guid.Empty,
        };
        if (id is null) return (Guid?)null;
        if (!await users.HasRoleAsync(id.Value, Roles.ServiceTech, ct))
            return ApiProblem.Field("technician_id", "No such service technician.", "TECHNICIAN_NOT_FOUND");
        return id;
    }

    private async Task<Result<Appointment>> SaveAsync(Appointment a, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return ApiProblem.Conflict("SLOT_TAKEN", "The technician already has an appointment in that hour; pick another time.");
        }
        return await db.Set<Appointment>().AsNoTracking().FirstAsync(x => x.Id == a.Id, ct);
    }
}
