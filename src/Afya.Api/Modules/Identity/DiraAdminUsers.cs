using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Identity;

public sealed record DiraAdminUser(int Id, string FirstName, string LastName, string? Email, string? PhoneNumber, string Role, bool IsVerified, bool IsActive,
    DateTime CreatedAt);

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
        return app;
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
