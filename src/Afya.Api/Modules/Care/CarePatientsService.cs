using System.Linq.Expressions;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Care.Data;

namespace Afya.Api.Modules.Care;

// Patient records for FHIR: reads go through the same gate (and so the same audit) as GET /patients/{id}; searches through
// the same Readable query as the patient list.
internal sealed class CarePatientsService(CareAccess access, CareGate gate, AuditTrail audit, IHttpContextAccessor http) : ICarePatients
{
    private static readonly Expression<Func<Patient, PatientSummary>> Summary = p =>
        new PatientSummary(p.Id, p.Name, p.DateOfBirth, p.Gender, p.Phone, p.Email, p.Address, p.PatientUid, p.CreatedAt, p.UpdatedAt);

    public async Task<PatientSummary?> ReadAsync(Guid id, string resource, CancellationToken ct)
    {
        audit.Resource ??= resource;
        if (!await gate.CanAsync(id, PatientOperation.ReadRecord)) return null;
        return await Readable().Where(p => p.Id == id).Select(Summary).FirstOrDefaultAsync(ct);
    }

    public async Task<(IReadOnlyList<PatientSummary> Items, bool More)> SearchAsync(PatientSearch search, CancellationToken ct)
    {
        var query = Filtered(search);
        if (search.CreatedAfter is { } after) query = query.Where(p => p.CreatedAt > after);
        var rows = await query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(Summary).Take(search.Count + 1).ToListAsync(ct);
        if (rows.Count <= search.Count) return (rows, false);
        var last = rows[search.Count - 1].CreatedAt;
        var page = rows.Take(search.Count).ToList();
        var group = await Filtered(search).Where(p => p.CreatedAt == last).Select(Summary).ToListAsync(ct);
        page.AddRange(group.Where(g => page.All(p => p.Id != g.Id)));
        return (page, await Filtered(search).AnyAsync(p => p.CreatedAt > last, ct));
    }

    public Task<int> CountAsync(PatientSearch search, CancellationToken ct) => Filtered(search).CountAsync(ct);

    private IQueryable<Patient> Readable() => access.Readable(http.HttpContext!.User, ConsentScopes.Records).AsNoTracking();

    private IQueryable<Patient> Filtered(PatientSearch s)
    {
        var query = Readable();
        if (s.Id is { } id) query = query.Where(p => p.Id == id);
        if (s.PatientUid is { } uid) query = query.Where(p => p.PatientUid == uid);
        if (s.UpdatedFrom is { } from) query = query.Where(p => p.UpdatedAt >= from);
        if (s.UpdatedBefore is { } before) query = query.Where(p => p.UpdatedAt < before);
        return query;
    }
}
