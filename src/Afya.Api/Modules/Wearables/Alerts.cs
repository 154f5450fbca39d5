using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Wearables;

public sealed record AlertResponse(Guid Id, Guid PatientId, string Condition, string Severity, int? Score, string Detail, DateTime MeasuredAt,
    DateTime OpenedAt, DateTime LastNotifiedAt, int NotifyCount, string Status, DateTime? AcknowledgedAt, Guid? AcknowledgedBy, string? Note)
{
    public static AlertResponse From(Alert a) => new(a.Id, a.PatientId, a.Condition, a.Severity, a.Score, a.Detail, a.MeasuredAt, a.OpenedAt,
        a.LastNotifiedAt, a.NotifyCount, a.AcknowledgedAt is null ? "open" : "acknowledged", a.AcknowledgedAt, a.AcknowledgedBy, a.Note);
}

public sealed record AcknowledgeInput(string? Note);

public static class Alerts
{
    // A patient sees their own; a doctor the patients whose wearables they may read. Newest first.
    public static async Task<Results<Ok<Page<AlertResponse>>, ProblemHttpResult>> List(
        HttpRequest http, [FromQuery(Name = "patient_id")] Guid? patientId, string? status, ICareRecords care, AfyaDb db, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        if (status is not (null or "open" or "acknowledged")) return ApiProblem.Field("status", "status must be open or acknowledged.");
        var readable = care.WearablesReadable(http.HttpContext.User);
        var query = db.Set<Alert>().AsNoTracking().Where(a => readable.Contains(a.PatientId));
        if (patientId is { } p) query = query.Where(a => a.PatientId == p);
        if (status == "open") query = query.Where(a => a.AcknowledgedAt == null);
        if (status == "acknowledged") query = query.Where(a => a.AcknowledgedAt != null);
        var count = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, count, rows.Select(AlertResponse.From).ToList()));
    }

    // A doctor who may read the patient's wearables; one acknowledgement per alert (a conditional update).
    public static async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> Acknowledge(
        Guid id, AcknowledgeInput? input, CurrentUser me, ICareRecords care, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var alert = await db.Set<Alert>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null || !await care.CanReadWearablesAsync(alert.PatientId, $"wearables:alert:{id}")) return ApiProblem.NotFound("alert", "ALERT_NOT_FOUND");
        if (!me.IsInRole(Roles.Doctor)) return ApiProblem.Forbidden("Only a doctor with access to the patient acknowledges alerts.");
        var note = input?.Note?.Trim();
        if (note is { Length: > 2000 }) return ApiProblem.Field("note", "note is at most 2000 characters.");
        var now = clock.GetUtcNow().UtcDateTime;
        var doctor = me.Id;
        var rows = await db.Set<Alert>().Where(a => a.Id == id && a.AcknowledgedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.AcknowledgedAt, now).SetProperty(a => a.AcknowledgedBy, doctor).SetProperty(a => a.Note, note), ct);
        if (rows == 0) return ApiProblem.Conflict("ALERT_ALREADY_ACKNOWLEDGED", "This alert was already acknowledged.");
        return TypedResults.Ok(AlertResponse.From(await db.Set<Alert>().AsNoTracking().FirstAsync(a => a.Id == id, ct)));
    }
}

// Claimed job: an emergency nobody acknowledged is sent again every EmergencyResendMinutes. The stamp moves in a
// conditional update first, so two nodes (or a rerun) never send the same round twice.
public sealed class ResendEmergencies(AfyaDb db, AlertNotices notices, IOptions<WearablesOptions> options, TimeProvider clock) : IPeriodicJob
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now.AddMinutes(-options.Value.EmergencyResendMinutes);
        var due = await db.Set<Alert>().AsNoTracking()
            .Where(a => a.Severity == AlertSeverity.Emergency && a.AcknowledgedAt == null && a.LastNotifiedAt <= dueBefore)
            .OrderBy(a => a.LastNotifiedAt).Take(200).ToListAsync(ct);
        var sent = 0;
        foreach (var alert in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.Set<Alert>().Where(a => a.Id == alert.Id && a.AcknowledgedAt == null && a.LastNotifiedAt == alert.LastNotifiedAt)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.LastNotifiedAt, now).SetProperty(a => a.NotifyCount, a => a.NotifyCount + 1), ct);
            if (rows == 1)
            {
                await notices.QueueAsync(alert, ct);
                await db.SaveChangesAsync(ct);
                sent++;
            }
            await tx.CommitAsync(ct);
        }
        return sent;
    }
}
