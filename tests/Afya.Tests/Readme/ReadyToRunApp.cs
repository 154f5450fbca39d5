using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Afya.Tests.Readme;

// The built app for the tests' child processes, with its own code and its data access compiled ahead of time
// (ReadyToRun). A Debug start JITs about 4.4 s of CPU; with these eight assemblies precompiled it takes about 2.4 s,
// and the suite starts some thirty such processes. Compiling all eight costs about 31 s of CPU (afya.dll 16 s); each
// image is kept in the user's cache under its input's hash and reused while that input is unchanged (EF's and Npgsql's
// for good, afya.dll's until the next build), and the run's app is a folder of links to the build plus those images.
// Only the JIT's work moves: the same IL runs, and the runtime compiles a method itself wherever an image cannot be used. Without crossgen2 (restored by the test project's PackageDownload, for
// linux-x64 only) or with AFYA_TEST_READYTORUN=0 the build folder itself is used, as before.
public static class ReadyToRunApp
{
    private static readonly string[] Precompiled =
    [
        "afya", "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Relational", "Microsoft.EntityFrameworkCore.Sqlite",
        "Microsoft.Data.Sqlite", "Npgsql", "Npgsql.EntityFrameworkCore.PostgreSQL", "EFCore.NamingConventions",
    ];

    private static readonly Lazy<Task<string>> Folder = new(() => Task.Run(() => PrepareOrBuiltAsync(AppProcess.AppFolderPath())));

    // A speed-up only: a folder or cache that cannot be written (no links, a read-only home) leaves the build folder.
    private static async Task<string> PrepareOrBuiltAsync(string built)
    {
        try { return await PrepareAsync(built); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            global::System.Console.Error.WriteLine($"ReadyToRun copy not made, the build folder serves: {ex.Message}");
            return built;
        }
    }

    // The folder to run afya.dll from: the precompiled copy, or the build folder when that cannot be made.
    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> PrepareAsync(string built)
    {
        if (Environment.GetEnvironmentVariable("AFYA_TEST_READYTORUN") == "0" || Crossgen() is not { } crossgen) return built;
        var cache = Directory.CreateDirectory(Cache()).FullName;
        var folder = Directory.CreateTempSubdirectory("afya-r2r-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder);
        // Everything else is linked, not copied: 100 MB of files the child processes only read.
        foreach (var entry in new DirectoryInfo(built).EnumerateFileSystemInfos())
            if (!Precompiled.Contains(Path.GetFileNameWithoutExtension(entry.Name)) || entry.Extension != ".dll")
                File.CreateSymbolicLink(Path.Combine(folder, entry.Name), entry.FullName);
        var frameworks = new[] { typeof(object), typeof(Microsoft.AspNetCore.Builder.WebApplication) }
            .Select(t => Path.GetDirectoryName(t.Assembly.Location)!).Distinct();
        foreach (var name in Precompiled)
        {
            var input = Path.Combine(built, name + ".dll");
            var image = Path.Combine(cache, $"{name}-{Hash(input, crossgen)}.dll");
            if (File.Exists(image)) File.SetLastWriteTimeUtc(image, TimeProvider.System.GetUtcNow().UtcDateTime); // in use: kept
            else if (!await CompileAsync(crossgen, input, image, [.. frameworks.Select(f => Path.Combine(f, "*.dll")), Path.Combine(built, "*.dll")]))
                image = input; // this one stays JIT-compiled; the failure is in the test output
            File.Copy(image, Path.Combine(folder, name + ".dll"));
        }
        // Images no run has used for two days are of builds gone by (every build of afya.dll differs); other
        // checkouts on the machine share the folder, so a newer image of the same assembly is no reason to delete.
        var stale = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-2);
        foreach (var old in new DirectoryInfo(cache).EnumerateFiles("*.dll").Where(f => f.LastWriteTimeUtc < stale)) old.Delete();
        return folder;
    }

    // Per user, beside the NuGet cache's role: EF's and Npgsql's images are the same for every checkout and build.
    private static string Cache() => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "afya-tests", "readytorun");

    private static async Task<bool> CompileAsync(string crossgen, string input, string image, IEnumerable<string> references)
    {
        var partial = image + "." + Guid.NewGuid().ToString("N")[..8];
        var start = new ProcessStartInfo(crossgen) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { input, "-o", partial, "-O", "--targetos:linux", "--targetarch:x64" })
            start.ArgumentList.Add(arg);
        foreach (var reference in references)
        {
            start.ArgumentList.Add("-r");
            start.ArgumentList.Add(reference);
        }
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception ex) // not executable as restored: the build folder serves instead
        {
            global::System.Console.Error.WriteLine($"crossgen2 did not start: {ex.Message}");
            return false;
        }
        using var _ = process;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            global::System.Console.Error.WriteLine($"crossgen2 {Path.GetFileName(input)} exited with {process.ExitCode}: {await output}{await errors}");
            return false;
        }
        File.Move(partial, image, overwrite: true); // whole images only, if two runs compile the same input at once
        return true;
    }

    // crossgen2 of the running runtime's major version from the NuGet cache, on linux-x64 (the pack the project downloads).
    private static string? Crossgen()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64) return null;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var pack = new DirectoryInfo(Path.Combine(packages, "microsoft.netcore.app.crossgen2.linux-x64"));
        if (!pack.Exists) return null;
        return pack.EnumerateDirectories($"{Environment.Version.Major}.*")
            .Select(d => (Version: Version.TryParse(d.Name, out var v) ? v : null, Tool: Path.Combine(d.FullName, "tools", "crossgen2")))
            .Where(c => c.Version is not null && File.Exists(c.Tool))
            .OrderByDescending(c => c.Version).Select(c => c.Tool).FirstOrDefault();
    }

    // The input's content and the compiler that made the image.
    private static string Hash(string file, string crossgen)
    {
        using var stream = File.OpenRead(file);
        var content = SHA256.HashData(stream);
        return Convert.ToHexStringLower(SHA256.HashData(content.Concat(System.Text.Encoding.UTF8.GetBytes(crossgen)).ToArray()))[..16];
    }

    // Links are removed, never followed: they point into the build folder.
    private static void Remove(string folder)
    {
        try
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos()) File.Delete(entry.FullName);
            Directory.Delete(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TestContext.Current.SendDiagnosticMessage($"{folder} left for the OS to clean: {ex.Message}");
        }
    }
}
