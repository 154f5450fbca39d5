namespace Afya.Api.Platform.Http;

// Builds the problem values handlers return; every one carries a stable code.
public static class ApiProblem
{
    public static ProblemHttpResult Of(int status, string code, string title, string? detail = null,
        IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string code = "VALIDATION_FAILED",
        int status = StatusCodes.Status400BadRequest, string title = "The request has invalid fields.") =>
        Of(status, code, title, extra: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Field(string field, string message, string code = "VALIDATION_FAILED",
        int status = StatusCodes.Status400BadRequest) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, code, status, message);

    public static ProblemHttpResult NotFound(string what = "resource", string code = "NOT_FOUND") =>
        Of(StatusCodes.Status404NotFound, code, $"The {what} was not found.");

    public static ProblemHttpResult Unauthorized(string detail = "Authentication is required.", string code = "UNAUTHORIZED") =>
        Of(StatusCodes.Status401Unauthorized, code, "Unauthorized", detail);

    public static ProblemHttpResult Forbidden(string detail = "You are not allowed to do this.") =>
        Of(StatusCodes.Status403Forbidden, "FORBIDDEN", "Forbidden", detail);

    public static ProblemHttpResult Conflict(string code, string title) =>
        Of(StatusCodes.Status409Conflict, code, title);

    public static ProblemHttpResult TooMany(string code, string title, TimeSpan? retryAfter = null) =>
        Of(StatusCodes.Status429TooManyRequests, code, title, extra: retryAfter is { } wait
            ? new Dictionary<string, object?> { ["retry_after"] = (int)Math.Ceiling(wait.TotalSeconds) }
            : null);

    // The code a bare status gets when nothing more specific was said (404 for an unknown route, 405, ...).
    public static string DefaultCode(int status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        406 => "NOT_ACCEPTABLE",
        409 => "CONFLICT",
        413 => "PAYLOAD_TOO_LARGE",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        422 => "UNPROCESSABLE",
        423 => "LOCKED",
        429 => "RATE_LIMITED",
        >= 500 => "INTERNAL_ERROR",
        _ => "ERROR",
    };
}
