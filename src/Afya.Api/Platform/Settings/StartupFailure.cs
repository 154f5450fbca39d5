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
        // Several validators may fail on one setting; each failure is said once.
        AggregateException many when many.InnerExceptions.All(e => LineFor(e) is not null) =>
            string.Join(" ", many.InnerExceptions.Select(LineFor).Distinct()),
        _ => null,
    };

    // Options are validated here, before the host starts, so a bad one is reported by the line above and not also
    // logged with its stack by the host's "Hosting failed to start".
    public static void ValidateOptions(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();
}
