using System.Diagnostics;
using System.Security.Cryptography;

namespace Afya.Api.Platform.Http;

public static partial class ProblemSetup
{
    public const string ErrorIdItem = "afya.error_id";

    public static IServiceCollection AddAfyaProblems(this IServiceCollection services)
    {
        services.AddExceptionHandler<UnexpectedExceptionHandler>();
        services.AddOptions<Surfaces.SurfaceOptions>().BindConfiguration("Surfaces");
        services.AddSingleton<Surfaces.SurfaceMap>();
        // Registered before the default writer, so seed surfaces with their own error shape are asked first.
        services.AddSingleton<IProblemDetailsWriter, Surfaces.KuwaitEnvelopeWriter>();
        services.AddSingleton<IProblemDetailsWriter, Surfaces.DiraProblemWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        // Data annotations on request records ([StringLength], [Range], [Required]) answer before the handler runs.
        services.AddValidation();
        return services;
    }

    // Every problem leaves with a code and an error id; the same id goes to the log line of that failure.
    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Extensions.TryAdd("code", problem is HttpValidationProblemDetails ? "VALIDATION_FAILED" : ApiProblem.DefaultCode(status));
        var errorId = http.Items[ErrorIdItem] as string ?? NewErrorId();
        http.Items[ErrorIdItem] = errorId;
        problem.Extensions["error_id"] = errorId;
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        problem.Instance ??= http.Request.Path;
        // A problem that says when to come back (ApiProblem.TooMany) says it in the header too.
        if (problem.Extensions.TryGetValue("retry_after", out var retryAfter) && retryAfter is int seconds && !http.Response.HasStarted)
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (problem is HttpValidationProblemDetails validation) SnakeCaseFields(validation);

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Afya.Problems");
        // A 4xx is the caller's business and its request line already carries the error id.
        LogProblem(logger, status >= 500 ? LogLevel.Error : LogLevel.Debug,
            http.Request.Method, http.Request.Path.Value, status, problem.Extensions["code"] as string, errorId);
    }

    // The framework's validation names C# members (StockQuantity); clients sent and read snake_case (stock_quantity).
    private static void SnakeCaseFields(HttpValidationProblemDetails problem)
    {
        if (!problem.Errors.Keys.Any(k => k.Any(char.IsAsciiLetterUpper))) return;
        var renamed = problem.Errors.ToDictionary(
            e => string.Join('.', e.Key.Split('.').Select(part => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(part))),
            e => e.Value);
        problem.Errors.Clear();
        foreach (var (key, messages) in renamed)
        {
            var member = key.Split('.')[^1];
            problem.Errors[key] = messages.Select(m => m
                .Replace($"The field {ToPascal(member)} ", $"{key} ", StringComparison.Ordinal)
                .Replace($"The {ToPascal(member)} field", key, StringComparison.Ordinal)).ToArray();
        }
    }

    private static string ToPascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [LoggerMessage("Request {Method} {Path} failed with {Status} {Code} error_id={ErrorId}")]
    private static partial void LogProblem(ILogger logger, LogLevel level, string method, string? path, int status, string? code, string errorId);

    public static string NewErrorId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
