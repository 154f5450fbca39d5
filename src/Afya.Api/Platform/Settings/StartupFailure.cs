using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Settings;

// A setting Afya cannot use stops start-up with one line naming it, not a stack trace: the person reading it set a
// variable and needs to know which one. Anything else that escapes start-up is a bug and keeps its trace.
public static class StartupFailure
{
    public const int ExitCode = 3;

    public static void ReportSettingsErrors()
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (LineFor(e.ExceptionObject as Exception) is not { } line) return;
            Console.Error.WriteLine("Afya cannot start: " + line);
            // Exiting here, before the runtime prints the exception, is what keeps it to one line.
            Environment.Exit(ExitCode);
        };
    }

    public static string? LineFor(Exception? exception) => exception switch
    {
        SettingsException settings => settings.Message,
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException { InnerExceptions.Count: 1 } one => LineFor(one.InnerException),
        _ => null,
    };
}
