using System.Linq.Expressions;
using System.Security.Claims;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Care;

// Assignments, consents and documents for FHIR, each under its native list's rule: reads ask the same gate (and so write
// the same audit patient) as the native routes, searches compose the same readable queries.
internal sealed class CareResourcesService(AfyaDb db, CareAccess access, CareGate gate, AuditTrail audit, IHttpContextAccessor http, TimeProvider clock)
    : ICareResources
{
    private static readonly Expression<Func<Assignment, AssignmentSummary>> AssignmentRow = a =>
        new AssignmentSummary(a.Id, a.PatientId, a.DoctorId, a.Doctor!.Name, a.AssignedAt);

    private static readonly Expression<Func<Consent, ConsentSummary>> ConsentRow = c =>
        new ConsentSummary(c.Id, c.PatientId, c.DoctorId, c.HospitalId, c.Scope, c.Purpose, c.ExpiresAt, c.CreatedAt, c.RevokedAt);

    private static readonly Expression<Func<Document, DocumentSummary>> DocumentRow = d =>
        new DocumentSummary(d.Id, d.PatientId, d.HospitalId, d.Type, d.Title, d.ContentType, d.SizeBytes, d.CreatedAt);

    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public async Task<AssignmentSummary?> AssignmentAsync(Guid id, string resource, CancellationToken ct)
    {
        audit.Resource ??= resource;
        var patient = await db.Set<Assignment>().AsNoTracking().Where(a => a.Id == id).Select(a => (Guid?)a.PatientId).FirstOrDefaultAsync(ct);
        if (patient is null || !await gate.CanAsync(patient.Value, PatientOperation.ReadRecord)) return null;
        return await db.Set<Assignment>().AsNoTracking().Where(a => a.Id == id).Select(AssignmentRow).FirstOrDefaultAsync(ct);
    }

    public Task<CarePage<AssignmentSummary>> AssignmentsAsync(CareSearch s, string resource, CancellationToken ct)
    {
        Note(s, resource);
        var readable = access.Readable(User, ConsentScopes.Records).Select(p => p.Id);
        var query = db.Set<Assignment>().AsNoTracking().Where(a => readable.Contains(a.PatientId));
        if (s.Id is { } id) query = query.Where(a => a.Id == id);
        if (s.PatientId is { } patient) query = query.Where(a => a.PatientId == patient);
        if (s.ActorId is { } doctor) query = query.Where(a => a.DoctorId == doctor);
        query = Between(Between(query, a => a.AssignedAt, s.From, s.Before), a => a.AssignedAt, s.UpdatedFrom, s.UpdatedBefore);
        return PageAsync(query, a => a.AssignedAt, AssignmentRow, r => r.AssignedAt, s, ct);
    }

    public async Task<ConsentSummary?> ConsentAsync(Guid id, string resource, CancellationToken ct)
    {
        audit.Resource ??= resource;
        var patient = await db.Set<Consent>().AsNoTracking().Where(c => c.Id == id).Select(c => (Guid?)c.PatientId).FirstOrDefaultAsync(ct);
        if (patient is null) return null;
        audit.PatientId ??= patient;
        return await access.VisibleConsents(User).AsNoTracking().Where(c => c.Id == id).Select(ConsentRow).FirstOrDefaultAsync(ct);
    }

    public Task<CarePage<ConsentSummary>> ConsentsAsync(CareSearch s, string resource, CancellationToken ct)
    {
        Note(s, resource);
        var query = access.VisibleConsents(User).AsNoTracking();
        if (s.Id is { } id) query = query.Where(c => c.Id == id);
        if (s.PatientId is { } patient) query = query.Where(c => c.PatientId == patient);
        if (s.ActorId is { } actor) query = query.Where(c => c.DoctorId == actor || c.HospitalId == actor);
        // Active as FHIR's status says it: neither revoked nor expired, now.
        if (s.Active is { } active)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            query = active ? query.Where(c => c.RevokedAt == null && c.ExpiresAt > now) : query.Where(c => c.RevokedAt != null || c.ExpiresAt <= now);
        }
        query = Between(Between(query, c => c.CreatedAt, s.From, s.Before), c => c.RevokedAt ?? c.CreatedAt, s.UpdatedFrom, s.UpdatedBefore);
        return PageAsync(query, c => c.CreatedAt, ConsentRow, r => r.CreatedAt, s, ct);
    }

    public async Task<DocumentSummary?> DocumentAsync(Guid id, string resource, CancellationToken ct)
    {
        audit.Resource ??= resource;
        var patient = await db.Set<Document>().AsNoTracking().Where(d => d.Id == id).Select(d => (Guid?)d.PatientId).FirstOrDefaultAsync(ct);
        if (patient is null || !await gate.CanAsync(patient.Value, PatientOperation.ReadDocuments)) return null;
        return await db.Set<Document>().AsNoTracking().Where(d => d.Id == id).Select(DocumentRow).FirstOrDefaultAsync(ct);
    }

    public Task<CarePage<DocumentSummary>> DocumentsAsync(CareSearch s, string resource, CancellationToken ct)
    {
        Note(s, resource);
        var readable = access.Readable(User, ConsentScopes.Documents).Select(p => p.Id);
        var query = db.Set<Document>().AsNoTracking().Where(d => readable.Contains(d.PatientId));
        if (s.Id is { } id) query = query.Where(d => d.Id == id);
        if (s.PatientId is { } patient) query = query.Where(d => d.PatientId == patient);
        query = Between(Between(query, d => d.CreatedAt, s.From, s.Before), d => d.CreatedAt, s.UpdatedFrom, s.UpdatedBefore);
        return PageAsync(query, d => d.CreatedAt, DocumentRow, r => r.CreatedAt, s, ct);
    }

    // A search narrowed to one patient names that patient in the audit entry, whoever asks.
    private void Note(CareSearch s, string resource)
    {
        audit.Resource ??= resource;
        audit.PatientId ??= s.PatientId;
    }

    private static IQueryable<T> Between<T>(IQueryable<T> query, Expression<Func<T, DateTime>> key, DateTime? from, DateTime? before)
    {
        if (from is { } f) query = query.Where(Compare(key, f, ExpressionType.GreaterThanOrEqual));
        if (before is { } b) query = query.Where(Compare(key, b, ExpressionType.LessThan));
        return query;
    }

    // Keyset on the record's date, either way; a page takes the whole group of its last date, so the next starts strictly past it.
    private static async Task<CarePage<TOut>> PageAsync<T, TOut>(IQueryable<T> query, Expression<Func<T, DateTime>> key,
        Expression<Func<T, TOut>> row, Func<TOut, DateTime> keyOf, CareSearch s, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        if (s.Count == 0) return new CarePage<TOut>([], false, total);
        var past = s.Ascending ? ExpressionType.GreaterThan : ExpressionType.LessThan;
        var page = s.After is { } after ? query.Where(Compare(key, after, past)) : query;
        var rows = await (s.Ascending ? page.OrderBy(key) : page.OrderByDescending(key)).Select(row).Take(s.Count + 1).ToListAsync(ct);
        if (rows.Count <= s.Count) return new CarePage<TOut>(rows, false, total);
        var last = keyOf(rows[s.Count - 1]);
        var group = await query.Where(Compare(key, last, ExpressionType.Equal)).Select(row).ToListAsync(ct);
        var items = rows.Take(s.Count).Where(r => keyOf(r) != last).Concat(group).ToList();
        return new CarePage<TOut>(items, await query.AnyAsync(Compare(key, last, past), ct), total);
    }

    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, DateTime>> key, DateTime value, ExpressionType op) =>
        Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(op, key.Body, Expression.Constant(value)), key.Parameters);
}
