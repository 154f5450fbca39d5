using Afya.Api.Modules.Identity;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Admin.Users;

// What the console's user pages change: roles and (de)activation through the identity module's admin update (its
// rules: no self-demotion, no clinical role granted to oneself, sessions ended), and "end every session" through its
// session service; each with the account's state before and after in the staff audit log.
public sealed record UserActions(ConsoleAudit Audit, CurrentUser Me, AfyaDb Db, Sessions Sessions, SessionGuard Guard, ProfileCache Profiles,
    IFileStorage Storage, IOutbox Outbox, TimeProvider Clock)
{
    public const string ObjectType = "users";

    public record AccountState(IReadOnlyList<string> Roles, bool IsActive);

    public async Task<ProblemHttpResult?> UpdateAsync(Guid id, IReadOnlyList<string>? roles, bool? isActive, string action, CancellationToken ct)
    {
        var before = await StateAsync(id, ct);
        var request = new AdminUserUpdate(roles, isActive);
        var result = await AdminUsers.Update(id, request, new AdminUserServices(Me, Db, Sessions, Guard, Profiles, Storage, Outbox, Clock), ct);
        return await Audit.RecordAsync(action, ObjectType, id.ToString(), before, result, () => StateAsync(id, ct), request, ct);
    }

    // Signs the person out of every app and of the console: refresh tokens revoked, access tokens voided by a new stamp.
    public async Task<ProblemHttpResult?> EndSessionsAsync(Guid id, CancellationToken ct)
    {
        var user = await Db.Set<User>().FirstOrDefaultAsync(u => u.Id == id, ct);
        IResult result = ApiProblem.NotFound("user");
        if (user is not null)
        {
            await Sessions.EndAllAsync(user, ct);
            await Db.SaveChangesAsync(ct);
            Guard.InvalidateSession(id);
            result = TypedResults.NoContent();
        }
        return await Audit.RecordAsync("user.end_sessions", ObjectType, id.ToString(), null, result, () => Task.FromResult<object?>(new { sessions = "ended" }), null, ct);
    }

    private async Task<object?> StateAsync(Guid id, CancellationToken ct) =>
        await Db.Set<User>().AsNoTracking().Where(u => u.Id == id).Select(u => new { Roles = u.Roles.Select(r => r.Role).ToList(), u.IsActive }).FirstOrDefaultAsync(ct)
            is { } s ? new AccountState(s.Roles.Order(StringComparer.Ordinal).ToList(), s.IsActive) : null;
}
