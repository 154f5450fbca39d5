using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Afya.Tests.Platform;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace Afya.Tests.Browser;

// Debian's Chromium, and the app on a real port for it: what every browser test starts from.
public static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    public static void SkipIfMissing()
    {
        if (!File.Exists(Executable)) Assert.Skip($"Debian's chromium is not installed at {Executable} (.ci/run installs it).");
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Executable,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    // Starts the app on a free loopback port (the browser needs a real socket) and returns its base address.
    public static string Serve(AfyaFactory app)
    {
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        app.ServerAddress = new Uri(baseUrl);
        return baseUrl;
    }

    // Waits until the page is at a URL, and only that: the steps that follow wait for the elements they use. Not
    // WaitForURLAsync: when the URL already matches as it is called (the click that led there returned after the
    // navigation), Playwright's client waits for the frame's "load" state instead, whatever WaitUntil says, and after a
    // form post's redirect that state sometimes never reached the client although the page had fired its load event (a
    // different step each time, about one fresh-clone run in five; this method's network log showed it). The URL the
    // client tracks from navigations is polled instead. If it never comes, the message says where the page is and what
    // it last sent and got.
    public static async Task ArriveAsync(this IPage page, Regex url)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 120_000 });
        }
        catch (PlaywrightException never)
        {
            var events = Traffic.TryGetValue(page, out var log) ? string.Join(Environment.NewLine, log) : "(not recorded)";
            throw new TimeoutException($"Never arrived at {url}; the page is at {page.Url}. Its last network events:{Environment.NewLine}{events}", never);
        }
    }

    // The last network events of a page, for ArriveAsync's message.
    public static void RecordTraffic(IPage page)
    {
        var log = Traffic.GetValue(page, _ => new ConcurrentQueue<string>());
        void Add(string line)
        {
            log.Enqueue($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {line}");
            while (log.Count > 30) log.TryDequeue(out _);
        }
        page.Request += (_, r) => Add($"-> {r.Method} {r.Url}");
        page.Response += (_, r) => Add($"<- {r.Status} {r.Request.Method} {r.Url}");
        page.RequestFailed += (_, r) => Add($"xx {r.Method} {r.Url}: {r.Failure}");
        page.FrameNavigated += (_, f) => { if (f.ParentFrame is null) Add($"navigated to {f.Url}"); };
        page.Load += (_, _) => Add("load");
        page.DOMContentLoaded += (_, _) => Add("DOMContentLoaded");
    }

    private static readonly ConditionalWeakTable<IPage, ConcurrentQueue<string>> Traffic = new();

    public static string ScreenshotFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Afya.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        }
    }
}

// The browser tests run one after another, in one collection that starts first (LongestFirst) and runs beside the rest
// of the suite: side by side, a page's load event sometimes never came within 120 s (three fresh-clone runs, a
// different test each time; Chromium.ArriveAsync since explained it). One after another, they can share a browser.
[CollectionDefinition(Collection)]
public sealed class BrowserCollection : ICollectionFixture<SharedChromium>
{
    public const string Collection = "Browser tests";
}

// One Playwright driver and one Chromium for the whole browser collection: starting both cost about 0.7 s of CPU
// per test. Nothing of one test reaches the next: each opens browser contexts of its own (their own cookies, storage
// and cache), and its lease closes every context when the test ends, failed or not. A browser that died is started again.
public sealed class SharedChromium : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<Lease> LeaseAsync()
    {
        Chromium.SkipIfMissing();
        await _gate.WaitAsync();
        try
        {
            if (_browser is not { IsConnected: true })
            {
                if (_browser is not null) await _browser.DisposeAsync();
                _playwright ??= await Playwright.CreateAsync();
                _browser = await Chromium.LaunchAsync(_playwright);
            }
            return new Lease(_browser);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_browser is not null) await _browser.DisposeAsync();
        }
        finally
        {
            // The driver is a process of its own: it goes even when the browser's close fails.
            _playwright?.Dispose();
            _gate.Dispose();
        }
    }

    // The browser for one test; disposing it closes the contexts the test opened.
    public sealed class Lease(IBrowser browser) : IAsyncDisposable
    {
        public IBrowser Browser { get; } = browser;

        public async ValueTask DisposeAsync()
        {
            if (!Browser.IsConnected) return;
            foreach (var context in Browser.Contexts.ToList())
            {
                // A browser that died during the test must not hide the test's own failure, nor keep the other contexts
                // open; the next lease starts a new browser when this one is gone.
                try
                {
                    await context.CloseAsync();
                }
                catch (PlaywrightException)
                {
                }
            }
        }
    }
}

// A console page in a browser context of its own, at desktop size; Content-Security-Policy refusals are collected.
public static class ConsolePage
{
    public static async Task<IPage> OpenAsync(IBrowser browser, List<string> blocked, bool downloads = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = downloads, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        Chromium.RecordTraffic(page);
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };
        return page;
    }

    // On the sign-in page: password, then TOTP enrolment, then on to the console.
    public static async Task SignInEnrollingTotpAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email or username").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.ArriveAsync(new Regex("/admin/signin/enroll"));
        var secret = (await page.Locator("#totp-secret").InnerTextAsync()).Trim();
        await page.GetByLabel("Six-digit code").FillAsync(new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on and sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to the console" }).ClickAsync();
    }
}

// Each page: axe's serious and critical findings collected, a screenshot at desktop and at phone width. Taken on the
// SQLite pass only: the markup is the same whichever database holds the rows, and axe and two full-page pictures
// were most of a browser test's CPU. The PostgreSQL pass clicks the same flow and checks the same outcomes.
public sealed class Shots(IPage page, Db db, List<string>? violations = null)
{
    public bool Taken { get; } = db == Db.Sqlite;
    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Chromium.ScreenshotFolder, db.ToString().ToLowerInvariant())).FullName;
    public List<string> Violations { get; } = violations ?? [];

    // The same findings and folder for another person's page.
    public Shots For(IPage other) => new(other, db, Violations);

    // axe.run in the page itself ("legacy" mode, marked obsolete by Deque): RunAxe's default runs axe in parts for
    // cross-origin frames, then opens a blank page, loads axe's 550 KB into it a second time and merges there, every
    // call. These pages have no frames. Every rule still runs on every element; only the passes, the incomplete and
    // the inapplicable are reported for one element each, since only violations are read. On the 53 pages of the
    // console tests both ways found the same violations, node for node (2026-12-07); a console browser test's SQLite
    // pass took about 6 s less CPU (docs/PERFORMANCE.md).
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    public async Task TakeAsync(string name)
    {
        if (!Taken) return;
        // The document parsed, read in the page itself (see Chromium.ArriveAsync for why not from the load events).
        await page.WaitForFunctionAsync("document.readyState !== 'loading'");
#pragma warning disable CS0618 // legacy mode: see ViolationsOnly
        var result = await page.RunAxeLegacy(options: ViolationsOnly);
#pragma warning restore CS0618
        Violations.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}-desktop.png"), FullPage = true });
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}
