using System.Globalization;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Identity;

public sealed record AdminUserUpdate(IReadOnlyList<string>? Roles, bool? IsActive);

public sealed record RoleChangeResponse(DateTime At, Guid ChangedBy, IReadOnlyList<string> OldRoles, IReadOnlyList<string> NewRoles, string? ClientAddress);

// What an admin's change to an account works with, bound as one [AsParameters] argument.
public sealed record AdminUserServices(
    CurrentUser Me, AfyaDb Db, Sessions Sessions, SessionGuard Guard, ProfileCache Profiles, IFileStorage Storage, IOutbox Outbox, TimeProvider Clock);

public static class AdminUsers
{
    public static async Task<Results<Ok<Page<UserResponse>>, ProblemHttpResult>> List(
        HttpRequest http, string? search, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var query = Search(db, search);
        var count = await query.CountAsync(ct);
        var users = await query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id).Skip(page.Skip).Take(page.Size)
            .Include(u => u.Roles).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, count, users.Select(u => UserResponse.From(u, storage)).ToList()));
    }

    internal static IQueryable<User> Search(AfyaDb db, string? search)
    {
        var query = db.Set<User>().AsNoTracking();
        if (string.IsNullOrWhiteSpace(search)) return query;
        var s = search.Trim().ToLowerInvariant();
        return query.Where(u => u.NormalizedEmail!.Contains(s) || u.NormalizedUsername!.Contains(s) || u.PhoneNumber!.Contains(s));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(Guid id, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var user = await db.Set<User>().AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? ApiProblem.NotFound("user") : TypedResults.Ok(UserResponse.From(user, storage));
    }

    // Grants roles and (de)activates; either change ends the user's current sessions so new tokens carry it.
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Update(
        Guid id, AdminUserUpdate request, [AsParameters] AdminUserServices s, CancellationToken ct)
    {
        var (me, db, sessions, guard, profiles, storage, outbox, clock) = s;
        if (request.Roles is { } roles && roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
            return ApiProblem.Field("roles", $"Unknown role '{unknown}'. Known roles: {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}.", "UNKNOWN_ROLE");
        if (id == me.Id && (request.IsActive == false || request.Roles is { } r && !r.Contains(Roles.Admin)))
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "CANNOT_DEMOTE_SELF", "Admins cannot deactivate themselves or remove their own admin role.");

        var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return ApiProblem.NotFound("user");
        var before = RoleList(user);
        // Clinical access is never a role an admin hands itself: another admin must grant it (audited and mailed to the grantee).
        if (id == me.Id && request.Roles is { } asked && asked.Any(r => Clinical.Contains(r) && !before.Contains(r)))
            return ApiProblem.Of(StatusCodes.Status403Forbidden, "CANNOT_GRANT_CLINICAL_ROLE_TO_SELF", "Admins cannot grant themselves doctor or hospital_admin.",
                "Ask another admin to grant it; the grant is recorded and the account's owner is told by email.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (request.Roles is { } wanted)
        {
            var target = wanted.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            if (target.Count == 0) target.Add(Roles.Customer);
            user.Roles.RemoveAll(x => !target.Contains(x.Role));
            foreach (var role in target.Where(t => user.Roles.All(x => x.Role != t))) user.Roles.Add(new UserRole { UserId = user.Id, Role = role });
        }
        if (request.IsActive is { } active) user.IsActive = active;
        var now = clock.GetUtcNow().UtcDateTime;
        user.UpdatedAt = now;
        var after = RoleList(user);
        if (!before.SequenceEqual(after))
        {
            db.Add(new RoleChange
            {
                UserId = user.Id, ChangedBy = me.Id, At = now, OldRoles = string.Join(' ', before), NewRoles = string.Join(' ', after), ClientAddress = me.ClientAddress,
            });
            if (after.Where(r => Clinical.Contains(r) && !before.Contains(r)).ToList() is { Count: > 0 } granted && user.Email is not null)
                outbox.Enqueue(db, new OutgoingEmail(user.Email, "clinical_role_granted", new Dictionary<string, string>
                {
                    ["name"] = user.Name.Length > 0 ? user.Name : user.Email,
                    ["roles"] = string.Join(", ", granted),
                    ["granted_by"] = await db.Set<User>().Where(u => u.Id == me.Id).Select(u => u.Email ?? u.Name).FirstOrDefaultAsync(ct) ?? "An administrator",
                    ["at"] = now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                }, user.Name));
        }
        await sessions.EndAllAsync(user, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        guard.InvalidateSession(user.Id);
        profiles.Changed(user.Id);
        return TypedResults.Ok(UserResponse.From(user, storage));
    }

    // The account's role changes, newest first: who made each, when, and the roles before and after.
    public static async Task<Ok<List<RoleChangeResponse>>> RoleChanges(Guid id, AfyaDb db, CancellationToken ct)
    {
        var rows = await db.Set<RoleChange>().AsNoTracking().Where(c => c.UserId == id).OrderByDescending(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(c => new RoleChangeResponse(c.At, c.ChangedBy, Split(c.OldRoles), Split(c.NewRoles), c.ClientAddress)).ToList());
    }

    private static readonly string[] Clinical = [Roles.Doctor, Roles.HospitalAdmin];

    private static List<string> RoleList(User user) => user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToList();

    private static string[] Split(string roles) => roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
