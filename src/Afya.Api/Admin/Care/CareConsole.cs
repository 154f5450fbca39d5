using Afya.Api.Modules.Care;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Afya.Api.Admin.Care;

// Care's record operations run from a console page, each through the API route's own handler (so CareAccess decides, as
// for the API) and each written to the care audit exactly as that route's filter writes it, refusals included. A page
// may run several operations (the record, then its doctors); each gets its own entry, as separate API calls would.
public sealed class CareConsole(IHttpContextAccessor accessor, AuditTrail trail)
{
    public async Task<T> AuditedAsync<T>(string action, Func<Task<T>> handler) where T : IResult
    {
        trail.PatientId = null;
        trail.Resource = null;
        var result = await handler();
        await AuditRecorder.RecordAsync(accessor.HttpContext!, action, result);
        return result;
    }

    // Runs a handler that is deliberately not audited on the API either (the directories, the audit trail itself).
    public static Task<T> UnauditedAsync<T>(Func<Task<T>> handler) => handler();

    // What a handler answered: its value, or the problem it returned.
    public static bool TryOk<TValue>(IResult result, out TValue value, out ProblemHttpResult? problem)
    {
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        problem = inner as ProblemHttpResult;
        (value, var ok) = inner switch
        {
            Ok<TValue> found => (found.Value!, true),
            Created<TValue> made => (made.Value!, true),
            _ => (default!, false),
        };
        return ok;
    }
}

// A console page that may answer with the console's 404 page (a record that does not exist, or that the caller may not
// see: the two are never told apart, as on the API).
public abstract class ConsolePageModel : PageModel
{
    public bool Missing { get; private set; }

    protected IActionResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    // The pager of an API page read with ?page= (the handlers' own paging).
    public (int Total, int Page, int Pages, string Previous, string Next) Pager(int count)
    {
        var page = int.TryParse(Request.Query["page"], out var p) && p > 0 ? p : 1;
        var pages = Math.Max(1, (count + PageRequest.DefaultSize - 1) / PageRequest.DefaultSize);
        string With(int n) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.Path,
            Request.Query.Where(q => q.Key is not ("page" or "handler")).Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
                .Append(KeyValuePair.Create("page", (string?)n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return (count, page, pages, With(page - 1), With(page + 1));
    }
}

// Staff name accounts by email on the console's forms; the API's routes take the account's id.
public static class ConsoleAccounts
{
    public static async Task<Guid?> IdByEmailAsync(Platform.Data.AfyaDb db, string? email, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var normalized = Modules.Identity.Data.User.NormalizeEmail(email);
        return await db.Set<Modules.Identity.Data.User>().AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }
}
