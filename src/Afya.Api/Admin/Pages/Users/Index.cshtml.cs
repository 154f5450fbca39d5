using System.Globalization;
using Afya.Api.Admin.Lists;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Users;

public sealed record UserRow(Guid Id, string Email, string Name, string? Phone, string Roles, bool IsActive, DateTime CreatedAt, DateTime? LastLoginAt);

public sealed class IndexModel(AfyaDb db, IOptions<ConsoleOptions> options) : PageModel
{
    public const string Path = "/admin/users";

    public static readonly IReadOnlyList<SortColumn<User>> Sorts =
    [
        SortColumn<User>.By("created", "Joined", u => u.CreatedAt),
        SortColumn<User>.By("email", "Email", u => u.NormalizedEmail),
        SortColumn<User>.By("login", "Last sign-in", u => u.LastLoginAt),
    ];

    public ListState State { get; private set; } = null!;
    public ListPage<UserRow>? Users { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        if (!Filter().TryGet(out var filtered, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        var page = await ConsoleList.PageAsync(ConsoleList.Sorted(filtered, State, Sorts, u => u.Id).Include(u => u.Roles), State, ct);
        Users = new ListPage<UserRow>(page.Rows.Select(Row).ToList(), page.Total, State, page.Page);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        State = new ListState(Request.Query, options.Value.PageSize);
        if (!Filter().TryGet(out var filtered, out var problem))
        {
            ModelState.AddProblem(problem);
            return Page();
        }
        var rows = ConsoleList.Sorted(filtered, State, Sorts, u => u.Id).Include(u => u.Roles).AsAsyncEnumerable().Select(Row);
        await ConsoleList.WriteCsvAsync(Response, "users.csv", ["email", "name", "phone", "roles", "active", "joined_at", "last_sign_in_at", "id"], rows,
            u => [u.Email, u.Name, u.Phone ?? "", u.Roles, u.IsActive ? "yes" : "no", u.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                u.LastLoginAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "", u.Id.ToString()], ct);
        return new EmptyResult();
    }

    // ?q= (email, username, phone or name), role, state (active, inactive).
    private Result<IQueryable<User>> Filter()
    {
        var query = db.Set<User>().AsNoTracking();
        var errors = new Dictionary<string, string[]>();
        if (State.Search is { Length: > 0 } q)
        {
            var s = q.ToLowerInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(s) || u.NormalizedUsername!.Contains(s) || u.PhoneNumber!.Contains(q) || u.Name.Contains(q));
        }
        if (State.Value("role") is { Length: > 0 } role)
        {
            if (Roles.All.Contains(role)) query = query.Where(u => u.Roles.Any(r => r.Role == role));
            else errors["role"] = ["Choose a role from the list."];
        }
        switch (State.Value("state"))
        {
            case "": break;
            case "active": query = query.Where(u => u.IsActive); break;
            case "inactive": query = query.Where(u => !u.IsActive); break;
            default: errors["state"] = ["state is active or inactive."]; break;
        }
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return Result<IQueryable<User>>.Success(query);
    }

    public static UserRow Row(User u) => new(u.Id, u.Email ?? u.Username ?? "", u.Name, u.PhoneNumber,
        string.Join(" ", u.Roles.Select(r => r.Role).Order(StringComparer.Ordinal)), u.IsActive, u.CreatedAt, u.LastLoginAt);
}
