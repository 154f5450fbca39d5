using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Admin;

// A console form runs a module's own handler (the one its /api/v1/admin route runs); this records the attempt in the
// staff audit log, accepted or refused, with the object's state before and after.
public sealed record ConsoleAudit(CurrentUser Me, AfyaDb Db, TimeProvider Clock)
{
    public async Task<ProblemHttpResult?> RecordAsync(string action, string objectType, string objectId, object? before, IResult result,
        Func<Task<object?>> after, object? asked, CancellationToken ct)
    {
        var problem = result as ProblemHttpResult ?? (result as INestedHttpResult)?.Result as ProblemHttpResult;
        Db.ChangeTracker.Clear();
        var now = problem is null ? await after() : null;
        var code = problem is not null && problem.ProblemDetails.Extensions.TryGetValue("code", out var c) ? c : null;
        StaffAudit.Add(Db, Me, Clock, StaffAudit.ConsoleSurface, action, objectType, objectId, before,
            problem is null ? now : new { refused = code, asked }, problem?.StatusCode ?? StatusCodes.Status200OK);
        await Db.SaveChangesAsync(ct);
        return problem;
    }

    // The length and range attributes of an API request record, which the API checks before its handler runs
    // (AddValidation); the console checks them the same way, with the API's snake_case field names.
    public static ProblemHttpResult? Validate(object request)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true)) return null;
        var errors = results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (Field: JsonNamingPolicy.SnakeCaseLower.ConvertName(m), r.ErrorMessage)))
            .GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "Not valid.").ToArray());
        return ApiProblem.Validation(errors);
    }
}
