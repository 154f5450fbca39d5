using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Afya.Tests.Readme;

// The built app as a newcomer runs it: its own process, Development, a fresh data folder, a free port. Ready
// when /health answers (polled, never slept on); its console lines are kept for the log tests.
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    public string BaseUrl { get; }
    public string DataPath { get; }
    public string AppFolder { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }
    public IReadOnlyList<string> Lines => [.. _lines];

    private AppProcess(string appFolder, IReadOnlyDictionary<string, string> environment)
    {
        AppFolder = appFolder;
        Environment = environment;
        BaseUrl = environment["ASPNETCORE_URLS"];
        DataPath = environment["Storage__DataPath"];
        _process = new Process { StartInfo = Start(appFolder, environment, []) };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
    }

    public static async Task<AppProcess> StartAsync(IDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        var dataPath = Directory.CreateTempSubdirectory("afya-readme-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}",
            ["Storage__DataPath"] = dataPath,
            ["Logging__Format"] = "text",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        var app = new AppProcess(await ReadyToRunApp.FolderAsync().WaitAsync(ct), environment);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync(ct);
        return app;
    }

    // Exactly these settings (Storage__DataPath and ASPNETCORE_URLS among them), nothing added: a restart on the same data
    // folder and database after KillAsync.
    public static async Task<AppProcess> LaunchAsync(IReadOnlyDictionary<string, string> environment, CancellationToken ct = default)
    {
        var app = new AppProcess(await ReadyToRunApp.FolderAsync().WaitAsync(ct), environment);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync(ct);
        return app;
    }

    // SIGKILL, as the kernel's OOM killer or a pulled plug would: no shutdown hook runs. The data folder stays.
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    // The same build of the app with the same settings, for a CLI command (`afya seed`).
    public static ProcessStartInfo Start(string appFolder, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(appFolder, "afya.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        KeepFirstCompilation(start);
        return start;
    }

    // The app's processes in the tests live seconds to a minute: compiling their busy methods a second time, optimised,
    // cost more CPU than it saved them (docs/PERFORMANCE.md). Methods keep their first compilation; nothing the app does
    // changes. Left alone when the test's own environment sets it.
    public const string FirstCompilationOnly = "DOTNET_TC_CallCounting";

    public static void KeepFirstCompilation(ProcessStartInfo start) => start.Environment.TryAdd(FirstCompilationOnly, "0");

    // src/Afya.Api's own output folder (its appsettings.json and templates), built with the same configuration as the tests.
    // The started app and its commands run from ReadyToRunApp's copy of it.
    public static string AppFolderPath()
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(root, "src", "Afya.Api", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(folder, "afya.dll"))) throw new InvalidOperationException($"No built app at {folder}: run dotnet build first.");
        return folder;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Afya.sln"))) return dir.FullName;
        throw new InvalidOperationException("Afya.sln not found above the test folder.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int HealthPolls { get; private set; }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{string.Join('\n', Lines)}");
            if (deadline.Elapsed > TimeSpan.FromMinutes(4)) throw new TimeoutException($"The app did not answer /health:\n{string.Join('\n', Lines)}");
            try
            {
                HealthPolls++;
                using var response = await client.GetAsync($"{BaseUrl}/health", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                HealthPolls--; // refused before Kestrel listened: no request was served, so none is logged
                // Not listening yet: wait for the process to write something (or a moment) rather than spin.
                await Task.Delay(100, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(DataPath, recursive: true); }
        catch (IOException) { } // a file still held open by a late writer: the temp folder is cleaned by the OS
    }
}
