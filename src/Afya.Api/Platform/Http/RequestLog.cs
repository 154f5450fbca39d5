using System.Diagnostics;
using System.Security.Claims;
using Afya.Api.Platform.Auth;

namespace Afya.Api.Platform.Http;

// One log line per request: method, path, status, time, user and error id, so a person can follow a session
// and find a failure's line by the error_id its caller was shown. The framework's HTTP log writes a block of
// lines per request instead.
public static partial class RequestLog
{
    public const string Category = "Afya.Requests";

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var user = context.User.FindFirstValue(CurrentUser.SubjectClaim) ?? "-";
                    var errorId = context.Items[ProblemSetup.ErrorIdItem] as string ?? "-";
                    // The path only: queries may carry tokens (password reset links, cart tokens).
                    Log(logger, context.Request.Method, context.Request.PathBase + context.Request.Path, context.Response.StatusCode,
                        Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), user, errorId);
                }
            }
        });
    }

    [LoggerMessage(1, LogLevel.Information, "{Method} {Path} {Status} {ElapsedMs} ms user={User} error_id={ErrorId}")]
    private static partial void Log(ILogger logger, string method, string path, int status, double elapsedMs, string user, string errorId);
}
