using Microsoft.AspNetCore.Mvc;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Care;

// What the request touched, filled in by the authorization handler and the handler as they learn it.
public sealed class AuditTrail
{
    public Guid? PatientId { get; set; }
    public string? Resource { get; set; }

    // Set when the request creates its own actor (a patient signing up).
    public Guid? ActorId { get; set; }
    public string? ActorRole { get; set; }
}

// On every audited route group (CareAuditing.WithCareAudit): after the handler answers, one entry with its outcome,
// refusals included, for routes that declare an AuditAction; committed (with other requests' entries) before the answer.
internal sealed class AuditFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditAction>() is not { } action) return result;
        await AuditRecorder.RecordAsync(http, action.Name, result);
        return result;
    }
}

// Writes one entry for what the request's AuditTrail noted, with the answer's status: the API's audit filter and the staff
// console's care pages (one entry per record operation a page runs) both come here, so an entry looks the same from either.
public static class AuditRecorder
{
    private static readonly string[] RoleOrder = [Roles.Admin, Roles.HospitalAdmin, Roles.Doctor, Roles.Patient, Roles.Customer];

    public static string MainRole(IReadOnlyList<string> roles) => RoleOrder.FirstOrDefault(roles.Contains) ?? "";

    public static async Task RecordAsync(HttpContext http, string action, object? result)
    {
        var services = http.RequestServices;
        var trail = services.GetRequiredService<AuditTrail>();
        var me = services.GetRequiredService<CurrentUser>();
        await services.GetRequiredService<AuditWriter>().WriteAsync(new AuditEntry
        {
            At = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            ActorId = trail.ActorId ?? me.IdOrNull,
            ActorRole = trail.ActorRole ?? MainRole(me.Roles),
            Action = action,
            PatientId = trail.PatientId,
            Resource = trail.Resource ?? "",
            ClientAddress = me.ClientAddress,
            Outcome = StatusOf(result),
        }, http.RequestAborted);
    }

    public static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } status } => status,
        _ => StatusCodes.Status200OK,
    };
}

public sealed record AuditEntryResponse(long Id, DateTime At, Guid? ActorId, string ActorRole, string Action, Guid? PatientId,
    string Resource, string? ClientAddress, int Outcome);

public static class AuditLog
{
    // A patient sees who touched the records they manage; admins see everything and filter.
    public static async Task<Results<Ok<Page<AuditEntryResponse>>, ProblemHttpResult>> List(
        HttpRequest http, [FromQuery(Name = "patient_id")] Guid? patientId, [FromQuery(Name = "actor_id")] Guid? actorId, string? action, DateTime? from, DateTime? to,
        CurrentUser me, CareAccess access, AfyaDb db, CancellationToken ct)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!me.IsInRole(Roles.Admin))
        {
            var mine = access.Managed(http.HttpContext.User).Select(p => (Guid?)p.Id);
            query = query.Where(e => mine.Contains(e.PatientId));
        }
        if (patientId is { } p) query = query.Where(e => e.PatientId == p);
        if (actorId is { } a) query = query.Where(e => e.ActorId == a);
        if (!string.IsNullOrWhiteSpace(action)) query = query.Where(e => e.Action == action);
        if (from is { } f) { var since = f.ToUniversalTime(); query = query.Where(e => e.At >= since); }
        if (to is { } t) { var until = t.ToUniversalTime(); query = query.Where(e => e.At < until); }
        var rows = query.OrderByDescending(e => e.Id)
            .Select(e => new AuditEntryResponse(e.Id, e.At, e.ActorId, e.ActorRole, e.Action, e.PatientId, e.Resource, e.ClientAddress, e.Outcome));
        return (await CareLists.PageAsync(http, rows, e => e, ct)).Then(page => TypedResults.Ok(page));
    }
}
