using Afya.Api.Admin.Care;
using Afya.Api.Modules.Clinic;
using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;

namespace Afya.Api.Admin.Clinic;

// What the console's clinic pages change, each through the handler its /api/v1/admin route runs (package validation, the
// cash rule, the one-statement usage count), with the change and its before/after in the staff audit log.
public sealed record ClinicActions(CurrentUser Me, AfyaDb Db, Subscriptions Subscriptions, TimeProvider Clock)
{
    public const string PackageType = "packages";
    public const string SubscriptionType = "subscriptions";

    public async Task<(PackageResponse? Made, ProblemHttpResult? Problem)> CreatePackageAsync(PackageRequest request, CancellationToken ct)
    {
        var result = await Packages.Create(request, Db, Clock, ct);
        CareConsole.TryOk<PackageResponse>(result, out var made, out var problem);
        Db.ChangeTracker.Clear();
        StaffAudit.Add(Db, Me, Clock, StaffAudit.ConsoleSurface, "package.create", PackageType, made?.Id.ToString() ?? "new", null,
            problem is null ? made : new { refused = Code(problem), asked = request }, problem?.StatusCode ?? 201);
        await Db.SaveChangesAsync(ct);
        return (problem is null ? made : null, problem);
    }

    public async Task<ProblemHttpResult?> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var before = await Db.Set<ServicePackage>().AsNoTracking().Where(p => p.Id == id).Select(p => (bool?)p.IsActive).FirstOrDefaultAsync(ct);
        var result = await Packages.Update(id, new PackageRequest(null, null, null, null, null, null, null, null, active, null), Db, Clock, ct);
        var problem = result.Result as ProblemHttpResult;
        return await AuditAsync(PackageType, id, active ? "package.activate" : "package.retire", new { is_active = before }, problem,
            new { is_active = active }, ct);
    }

    public async Task<ProblemHttpResult?> ConfirmCashAsync(Guid id, CancellationToken ct)
    {
        var before = await StatusAsync(id, ct);
        var result = await SubscriptionEndpoints.Confirm(id, Me, Subscriptions, Clock, ct);
        var problem = result.Result as ProblemHttpResult;
        return await AuditAsync(SubscriptionType, id, "subscription.confirm_cash", new { status = before }, problem,
            new { status = await StatusAsync(id, ct) }, ct);
    }

    public async Task<ProblemHttpResult?> RecordUsageAsync(Guid id, string? service, string? note, CancellationToken ct)
    {
        var result = await SubscriptionEndpoints.Use(id, new UsageRequest(service, note), Me, Db, Subscriptions, Clock, ct);
        var problem = result.Result as ProblemHttpResult;
        return await AuditAsync(SubscriptionType, id, "subscription.usage", null, problem, new { service, note }, ct);
    }

    private async Task<string?> StatusAsync(Guid id, CancellationToken ct) =>
        await Db.Set<Subscription>().AsNoTracking().Where(s => s.Id == id).Select(s => (SubscriptionStatus?)s.Status).FirstOrDefaultAsync(ct) is { } status
            ? Modules.Clinic.Subscriptions.Name(status) : null;

    private async Task<ProblemHttpResult?> AuditAsync(string type, Guid id, string action, object? before, ProblemHttpResult? problem, object after,
        CancellationToken ct)
    {
        Db.ChangeTracker.Clear();
        StaffAudit.Add(Db, Me, Clock, StaffAudit.ConsoleSurface, action, type, id.ToString(), before,
            problem is null ? after : new { refused = Code(problem), asked = after }, problem?.StatusCode ?? 200);
        await Db.SaveChangesAsync(ct);
        return problem;
    }

    private static object? Code(ProblemHttpResult problem) => problem.ProblemDetails.Extensions.TryGetValue("code", out var code) ? code : null;
}
