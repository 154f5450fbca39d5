using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Identity;

public sealed record DiraAdminUser(int Id, string FirstName, string LastName, string? Email, string? PhoneNumber, string Role, bool IsVerified, bool IsActive,
    DateTime CreatedAt);

public sealed record DiraRoleChange(string? Role);

public sealed record DiraAdminUserList(IReadOnlyList<DiraAdminUser> Users, int Total, int Pages);

// The admin panel's user routes by integer id, over the native admin update: banning deactivates the account and ends
// its sessions (its tokens are 401 at once), unbanning activates it again.
public static class DiraAdminUsers
{
    public static IEndpointRouteBuilder MapDiraAdminUsers(this IEndpointRouteBuilder app)
    {
        if (app.MapDiraAdmin("/api/v1/admin/users") is not { } users) return app;
        users.MapGet("/{id:int}", Get).WithName("DiraAdminGetUser").NotFoundProblem();
        users.MapPost("/{id:int}/ban", (int id, [AsParameters] AdminUserServices s, CancellationToken ct) => SetActive(id, false, s, ct))
            .WithName("DiraAdminBanUser").NotFoundProblem().Problem(422, "CANNOT_DEMOTE_SELF");
        users.MapPost("/{id:int}/unban", (int id, [AsParameters] AdminUserServices s, CancellationToken ct) => SetActive(id, true, s, ct))
            .WithName("DiraAdminUnbanUser").NotFoundProblem().Problem(422, "CANNOT_DEMOTE_SELF");
        users.MapPatch("/{id:int}/role", ChangeRole).WithName("DiraAdminChangeUserRole").NotFoundProblem()
            .Problem(422, "UNKNOWN_ROLE", "CANNOT_DEMOTE_SELF", "VALIDATION_FAILED").Problem(403, "CANNOT_GRANT_CLINICAL_ROLE_TO_SELF");
        users.MapDelete("/{id:int}", async (int id, [AsParameters] AdminUserServices s, CancellationToken ct) =>
                await IdOfAsync(s.Db, id, ct) is { } guid ? await AdminUserWrites.Delete(guid, s, ct) : ApiProblem.NotFound("user"))
            .WithName("DiraAdminDeleteUser").NotFoundProblem().Problem(422, "CANNOT_DEMOTE_SELF");
        return app;
    }

    private static async Task<Guid?> IdOfAsync(AfyaDb db, int number, CancellationToken ct) =>
        await db.Set<User>().Where(u => u.PublicNumber == number).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);

    // Dira's one role replaces the account's shop role (admin or customer); Afya's other roles (clinical ones) stay.
    private static async Task<Results<Ok<DiraAdminUser>, ProblemHttpResult>> ChangeRole(
        int id, DiraRoleChange request, [AsParameters] AdminUserServices s, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Role)) return ApiProblem.Field("role", "role is required.");
        var role = DiraRoles.ToAfya(request.Role);
        if (!Roles.All.Contains(role))
            return ApiProblem.Field("role", $"Unknown role '{request.Role}'. Known roles: {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}.", "UNKNOWN_ROLE");
        if (await IdOfAsync(s.Db, id, ct) is not { } guid) return ApiProblem.NotFound("user");
        var current = await s.Db.Set<UserRole>().Where(r => r.UserId == guid).Select(r => r.Role).ToListAsync(ct);
        var wanted = current.Where(r => r is not (Roles.Admin or Roles.Customer)).Append(role).Distinct().ToList();
        if (role == Roles.Admin) wanted.Add(Roles.Customer);
        var native = (await AdminUsers.Update(guid, new AdminUserUpdate(wanted.Distinct().ToList(), null), s, ct)).Result;
        if (native is ProblemHttpResult problem) return problem;
        return TypedResults.Ok(From(await s.Db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstAsync(u => u.Id == guid, ct)));
    }

    // On the native GET /api/v1/admin/users: a Dira client (DiraPage's signal) gets {users, total, pages}, newest first,
    // with the native ?search=.
    internal sealed class ListForDira : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (!DiraPage.Read(http.Request.Query).TryGet(out var page, out var refused)) return refused;
            if (!page.Asked) return await next(context);
            var db = http.RequestServices.GetRequiredService<AfyaDb>();
            var query = AdminUsers.Search(db, http.Request.Query["search"]);
            var total = await query.CountAsync(http.RequestAborted);
            var users = await query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id).Skip(page.Skip).Take(page.Limit).Include(u => u.Roles)
                .ToListAsync(http.RequestAborted);
            return TypedResults.Ok(new DiraAdminUserList(users.Select(From).ToList(), total, page.Pages(total)));
        }
    }

    private static async Task<Results<Ok<DiraAdminUser>, ProblemHttpResult>> Get(int id, AfyaDb db, CancellationToken ct)
    {
        var user = await db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.PublicNumber == id, ct);
        return user is null ? ApiProblem.NotFound("user") : TypedResults.Ok(From(user));
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> SetActive(int userId, bool active, AdminUserServices s, CancellationToken ct)
    {
        var id = await s.Db.Set<User>().Where(u => u.PublicNumber == userId).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (id is null) return ApiProblem.NotFound("user");
        var native = (await AdminUsers.Update(id.Value, new AdminUserUpdate(null, active), s, ct)).Result;
        return native is ProblemHttpResult problem ? problem : TypedResults.Ok(new MessageResponse(active ? "User unbanned." : "User banned."));
    }

    private static DiraAdminUser From(User u)
    {
        var dira = DiraAuth.From(u);
        return new(dira.Id, dira.FirstName, dira.LastName, dira.Email, dira.PhoneNumber, dira.Role, dira.IsVerified, u.IsActive, u.CreatedAt);
    }
}
