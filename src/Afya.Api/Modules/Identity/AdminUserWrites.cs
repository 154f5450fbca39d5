using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Identity;

// An account made by an admin. Both clients' bodies: Dira's (hashed_password carries the plain password, one `role`)
// and Afya's (password, roles). The answer is Dira's admin-user shape plus `uuid` (Afya's id) and `roles`.
public sealed record AdminCreateUser([DocumentedRequired] string? Email, string? Password, string? HashedPassword, string? FirstName, string? LastName,
    string? PhoneNumber, string? Role, IReadOnlyList<string>? Roles);

public sealed record AdminCreatedUser(int Id, Guid Uuid, string FirstName, string LastName, string? Email, string? PhoneNumber, string Role,
    IReadOnlyList<string> Roles, bool IsVerified, bool IsActive, DateTime CreatedAt);

public sealed record UserStatsResponse(int TotalUsers, int ActiveUsers, int InactiveUsers, int VerifiedUsers, int UnverifiedUsers,
    IReadOnlyDictionary<string, int> ByRole, int NewLast30Days);

// Admin writes beyond the native update: create an account, count accounts, and remove one. Removing deactivates: the
// account keeps its orders, invoices, reviews and audit trail (which name it), cannot sign in, and its sessions end.
public static class AdminUserWrites
{
    public static async Task<Results<Created<AdminCreatedUser>, ProblemHttpResult>> Create(
        AdminCreateUser request, AccountCreator accounts, [AsParameters] AdminUserServices s, CancellationToken ct)
    {
        var roles = request.Roles?.ToList() ?? (request.Role is { } one ? [DiraRoles.ToAfya(one)] : [Roles.Customer]);
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
            return ApiProblem.Field("role", $"Unknown role '{unknown}'. Known roles: {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}.", "UNKNOWN_ROLE");
        if (roles.Count == 0) roles.Add(Roles.Customer);
        if (!(await accounts.CreateAsync(new RegisterRequest(request.Email, request.Password ?? request.HashedPassword, null, request.FirstName, request.LastName, null,
                request.PhoneNumber), issueTokens: false, ct)).TryGet(out var created, out var problem)) return problem;
        // Any other role is granted as the native update grants it: recorded, and a clinical grant mailed to the account.
        if (roles is not [Roles.Customer])
        {
            var update = (await AdminUsers.Update(created.User.Id, new AdminUserUpdate(roles, null), s, ct)).Result;
            if (update is ProblemHttpResult refused) return refused;
        }
        var user = await s.Db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstAsync(u => u.Id == created.User.Id, ct);
        return TypedResults.Created($"/api/v1/admin/users/{user.Id}", From(user));
    }

    public static async Task<Ok<UserStatsResponse>> Stats(AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var users = db.Set<User>().AsNoTracking();
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var counts = await users.GroupBy(_ => 1).Select(g => new
        {
            Total = g.Count(),
            Active = g.Count(u => u.IsActive),
            Verified = g.Count(u => u.EmailVerified),
            New = g.Count(u => u.CreatedAt >= since),
        }).FirstOrDefaultAsync(ct);
        var byRole = await db.Set<UserRole>().AsNoTracking().GroupBy(r => r.Role).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var total = counts?.Total ?? 0;
        return TypedResults.Ok(new UserStatsResponse(total, counts?.Active ?? 0, total - (counts?.Active ?? 0), counts?.Verified ?? 0, total - (counts?.Verified ?? 0),
            Roles.All.Order(StringComparer.Ordinal).ToDictionary(r => r, r => byRole.FirstOrDefault(b => b.Key == r)?.Count ?? 0), counts?.New ?? 0));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Delete(Guid id, [AsParameters] AdminUserServices s, CancellationToken ct) =>
        (await AdminUsers.Update(id, new AdminUserUpdate(null, false), s, ct)).Result is ProblemHttpResult problem
            ? problem
            : TypedResults.Ok(new MessageResponse("User deleted."));

    internal static AdminCreatedUser From(User u)
    {
        var dira = DiraAuth.From(u);
        return new(u.PublicNumber, u.Id, dira.FirstName, dira.LastName, dira.Email, dira.PhoneNumber, dira.Role,
            u.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToList(), dira.IsVerified, u.IsActive, u.CreatedAt);
    }
}

// Dira has one role per user (admin | customer | service_tech | supplier); Afya has a set. A Dira role that Afya knows
// is that role; "customer" is Afya's customer. A role Afya does not have is refused (422 UNKNOWN_ROLE) rather than dropped.
public static class DiraRoles
{
    public static string ToAfya(string dira) => dira.Trim().ToLowerInvariant();
}
