using System.Diagnostics;

namespace Afya.Tests.Readme;

// The README's examples are a test: each ```bash block runs, in order, against the built app started on a fresh
// data folder, with the variables the README itself defines. A changed answer fails the build.
public sealed class ReadmeTests
{
    [Fact]
    public async Task Every_runnable_README_block_answers_as_it_says()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = AppProcess.RepositoryRoot();
        // OTP_ECHO as the README asks for its sign-in examples.
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string> { ["OTP_ECHO"] = "true" }, ct);
        var work = Directory.CreateTempSubdirectory("afya-readme-work-").FullName;
        try
        {
            WriteCliShim(work, app);
            var blocks = ReadmeScript.RunnableBlocks(await File.ReadAllTextAsync(Path.Combine(root, "README.md"), ct));
            blocks.Count.ShouldBeGreaterThan(10, "the README's examples are marked ```bash");
            var prelude = await File.ReadAllTextAsync(Path.Combine(root, "tests", "Afya.Tests", "Readme", "readme-prelude.sh"), ct);
            var script = Path.Combine(work, "readme.sh");
            await File.WriteAllTextAsync(script, ReadmeScript.Build(blocks, app.BaseUrl, prelude), ct);

            var (exit, output) = await RunAsync("bash", [script], work, ct);
            exit.ShouldBe(0, $"{Tail(output, 80)}\n--- app log (last lines)\n{Tail(string.Join('\n', app.Lines), 40)}");
            output.ShouldContain("--- README done");
            app.Lines.Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal))
                .ShouldBeEmpty("no error in the log while following the README");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // `out/afya` as `dotnet publish -o out` would leave it: here it runs the tested build against the started app's
    // data folder, whatever folder the README names.
    private static void WriteCliShim(string work, AppProcess app)
    {
        Directory.CreateDirectory(Path.Combine(work, "out"));
        var shim = Path.Combine(work, "out", "afya");
        var exports = string.Join('\n', app.Environment.Where(e => e.Key != "ASPNETCORE_URLS").Select(e => $"export {e.Key}='{e.Value}'"));
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        File.WriteAllText(shim, $"#!/usr/bin/env bash\nunset AFYA_DATA_DIR\n{exports}\nexport {AppProcess.FirstCompilationOnly}=${{{AppProcess.FirstCompilationOnly}:-0}}\ncd '{app.AppFolder}' && exec '{dotnet}' afya.dll \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] args, string folder, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // drains the output events
        return (process.ExitCode, string.Join('\n', output));
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
