using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Platform.Http;

// The one place exceptions become responses: framework bad-request errors keep their status,
// concurrency conflicts become 409, anything else a 500 without internals.
internal sealed partial class UnexpectedExceptionHandler(IProblemDetailsService problems, ILogger<UnexpectedExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested) return true;

        var (status, code, title) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "PAYLOAD_TOO_LARGE", "The request body is too large."),
            BadHttpRequestException { StatusCode: 415 } => (415, "UNSUPPORTED_MEDIA_TYPE", "The request content type is not supported."),
            BadHttpRequestException { InnerException: JsonFieldException } => (400, "VALIDATION_FAILED", "One or more fields are invalid."),
            BadHttpRequestException { InnerException: JsonException } => (400, "MALFORMED_JSON", "The request body is not valid JSON for this operation."),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 400 ? "BAD_REQUEST" : ApiProblem.DefaultCode(bad.StatusCode), "The request could not be read."),
            DbUpdateConcurrencyException => (409, "CONCURRENCY_CONFLICT", "The resource was changed by someone else; reload and try again."),
            // A handler that let a value through its own checks: still the caller's input, never a 500.
            DbUpdateException { InnerException: System.Data.Common.DbException { SqlState: "22001" } } =>
                (400, "VALUE_TOO_LONG", "A value is longer than its field allows."),
            DbUpdateException { InnerException: System.Data.Common.DbException { SqlState: "22021" or "22P05" } } =>
                (400, "INVALID_CHARACTERS", "A value contains characters that cannot be stored."),
            // PostgreSQL broke a deadlock or a serialisation conflict by rolling one transaction back whole: nothing of it
            // was written, and the same request again will most likely pass.
            DbUpdateException { InnerException: System.Data.Common.DbException { SqlState: "40P01" or "40001" } }
                or System.Data.Common.DbException { SqlState: "40P01" or "40001" } =>
                (409, "CONCURRENCY_CONFLICT", "The request met another change at the same moment; try again."),
            _ => (500, "INTERNAL_ERROR", "Something went wrong on our side."),
        };

        var errorId = ProblemSetup.NewErrorId();
        http.Items[ProblemSetup.ErrorIdItem] = errorId;
        if (status >= 500) LogUnexpected(logger, exception, errorId);

        var json = (exception as BadHttpRequestException)?.InnerException as JsonException;
        var detail = json?.Path is { } path ? $"Check the value at {path}." : null;
        var field = json is JsonFieldException { Field.Length: > 0 } f ? f.Field : FieldOf(json?.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        }.WithField(field, json));
    }

    // "$.roles[0]" or "$.items[2].name" names the field "roles" or "items".
    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal)) return null;
        var rest = path[2..];
        var end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }

    [LoggerMessage(LogLevel.Error, "Unhandled exception error_id={ErrorId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string errorId);
}

internal static class ProblemFieldExtensions
{
    // The body rules name the field they refused, under "errors" like every validation problem.
    public static ProblemDetailsContext WithField(this ProblemDetailsContext context, string? field, JsonException? json)
    {
        if (field is not null && json is not null)
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]>
            {
                [field] = [json is JsonFieldException ? json.Message : "This value is not valid here."],
            };
        return context;
    }
}
