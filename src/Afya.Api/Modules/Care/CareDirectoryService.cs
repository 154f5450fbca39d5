using System.Linq.Expressions;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Care;

// The directories for FHIR's Practitioner and Organization: the same rows GET /doctors and /hospitals list.
internal sealed class CareDirectoryService(AfyaDb db) : ICareDirectory
{
    private static readonly Expression<Func<Doctor, DoctorSummary>> DoctorRow = d =>
        new DoctorSummary(d.Id, d.Name, d.Specialization, d.LicenseNumber, d.Phone, d.Email, d.HospitalId, d.CreatedAt, d.UpdatedAt);

    private static readonly Expression<Func<Hospital, HospitalSummary>> HospitalRow = h =>
        new HospitalSummary(h.Id, h.Name, h.RegistrationNumber, h.Address, h.County, h.Phone, h.Email, h.CreatedAt);

    public Task<DoctorSummary?> DoctorAsync(Guid id, CancellationToken ct) =>
        db.Set<Doctor>().AsNoTracking().Where(d => d.Id == id).Select(DoctorRow).FirstOrDefaultAsync(ct);

    public Task<HospitalSummary?> HospitalAsync(Guid id, CancellationToken ct) =>
        db.Set<Hospital>().AsNoTracking().Where(h => h.Id == id).Select(HospitalRow).FirstOrDefaultAsync(ct);

    public Task<(IReadOnlyList<DoctorSummary> Items, bool More, int Total)> DoctorsAsync(DirectorySearch s, CancellationToken ct)
    {
        var query = db.Set<Doctor>().AsNoTracking();
        if (s.Id is { } id) query = query.Where(d => d.Id == id);
        if (s.Name is { Length: > 0 } name) query = query.Where(d => d.Name.Contains(name));
        if (s.HospitalId is { } hospital) query = query.Where(d => d.HospitalId == hospital);
        if (s.UpdatedFrom is { } from) query = query.Where(d => d.UpdatedAt >= from);
        if (s.UpdatedBefore is { } before) query = query.Where(d => d.UpdatedAt < before);
        return PageAsync(query, d => d.CreatedAt, DoctorRow, r => r.CreatedAt, s, ct);
    }

    public Task<(IReadOnlyList<HospitalSummary> Items, bool More, int Total)> HospitalsAsync(DirectorySearch s, CancellationToken ct)
    {
        var query = db.Set<Hospital>().AsNoTracking();
        if (s.Id is { } id) query = query.Where(h => h.Id == id);
        if (s.Name is { Length: > 0 } name) query = query.Where(h => h.Name.Contains(name));
        return PageAsync(query, h => h.CreatedAt, HospitalRow, r => r.CreatedAt, s, ct);
    }

    // Keyset on creation time; the page takes the whole group of its last time, so the next page starts strictly after it.
    private static async Task<(IReadOnlyList<TOut>, bool, int)> PageAsync<T, TOut>(IQueryable<T> query, Expression<Func<T, DateTime>> created,
        Expression<Func<T, TOut>> row, Func<TOut, DateTime> createdOf, DirectorySearch s, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var page = query;
        if (s.CreatedAfter is { } after) page = page.Where(Compare(created, after, ExpressionType.GreaterThan));
        var rows = await page.OrderBy(created).Select(row).Take(s.Count + 1).ToListAsync(ct);
        if (rows.Count <= s.Count) return (rows, false, total);
        var last = createdOf(rows[s.Count - 1]);
        var group = await query.Where(Compare(created, last, ExpressionType.Equal)).Select(row).ToListAsync(ct);
        var items = rows.Where(r => createdOf(r) < last).Concat(group).ToList();
        return (items, await query.AnyAsync(Compare(created, last, ExpressionType.GreaterThan), ct), total);
    }

    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, DateTime>> created, DateTime value, ExpressionType op) =>
        Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(op, created.Body, Expression.Constant(value)), created.Parameters);
}
