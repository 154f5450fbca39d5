using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Afya.Tests.Platform.LongestFirst))]
[assembly: TestFramework(typeof(Afya.Tests.Platform.InOrderFramework))]

namespace Afya.Tests.Platform;

// xunit starts test collections (a class each) in a random order, four at a time on two cores, so a long class drawn
// last ran alone at the end of the run. The classes below start first, longest first (a class's test-seconds, the
// mean of six full runs' trx of 2026-12-07: the SIGKILL crash tests, the browser tests, the README run, and the
// classes that wait on the simulator's delays, node leases and job periods); the rest follow in xunit's own order. A
// class missing from the list only loses its head start: CallbackClaimTests, missing, ended the run of 10:49 alone.
public sealed class LongestFirst : ITestCollectionOrderer
{
    internal static readonly string[] Longest =
    [
        "Browser tests", "CallbackCrashTests", "AuditCrashTests", "ReadmeTests", "RefundTests+OnPostgres", "ClaimTakeoverTests",
        "RefundTests+OnSqlite", "JobClaimTests", "OwnOrdersCacheTests", "CallbackClaimTests+OnPostgres", "DeliveryTests",
        "CliWithoutSecretsTests", "BenchOrdersTests", "CallbackClaimTests+OnSqlite", "OrdersTests+OnPostgres",
        "PaymentsTests+OnPostgres", "PaymentsTests+OnSqlite", "TwoNodesTests", "OrderAccessMatrixTests+OnPostgres",
        "SeedEnvFileTests", "PostgresNodesTests", "CheckoutRoundTripTests", "FhirConsentTests+OnPostgres", "OddInputSweepTests+OnSqlite",
        "OddInputSweepTests+OnPostgres", "AmazonKenyaSurfaceTests", "ConsoleDashboardTests", "OrdersTests+OnSqlite",
        "RefundClaimTests+OnPostgres", "SeedPromisesWithSettingsTests", "ConsoleCareMatrixTests+OnPostgres", "OrderNumberingTests",
        "OrderAccessMatrixTests+OnSqlite", "AccessMatrixTests+OnPostgres", "ConsoleCareMatrixTests+OnSqlite", "ConsoleCatalogTests",
        "RefundClaimTests+OnSqlite", "ConsoleAttackTests", "ConsoleOrderTests",
    ];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection =>
        DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections).OrderBy(c => Rank(c.TestCollectionDisplayName)).ToList();

    // The position of the named collection, or of the class a collection is named after ("Test collection for
    // Afya.Tests.….ClassName"), or last.
    private static int Rank(string collection)
    {
        for (var i = 0; i < Longest.Length; i++)
        {
            if (collection == Longest[i]) return i; // a named collection
            var at = collection.LastIndexOf("." + Longest[i], StringComparison.Ordinal);
            var end = at + Longest[i].Length + 1;
            if (at >= 0 && (end == collection.Length || !(char.IsLetterOrDigit(collection[end]) || collection[end] is '+' or '_'))) return i;
        }
        return int.MaxValue;
    }
}

// Starts test collections in the order LongestFirst gives them, each when a slot of maxParallelThreads is free. xunit's
// own conservative runner starts every collection at once with Task.Run and lets them queue on its semaphore; queued
// from a thread-pool thread, those items land in that thread's local queue, which it runs last-in first-out while idle
// threads take from the front. So the order held in some runs and not in others: in the fresh-clone run of 14:49
// AuditCrashTests, third in the list, started 287 s into a 298 s run and ended it with three other long classes.
public sealed class InOrderFramework : XunitTestFramework
{
    private readonly string? _configFileName;

    public InOrderFramework() { }

    public InOrderFramework(string? configFileName) : base(configFileName) => _configFileName = configFileName;

    protected override ITestFrameworkExecutor CreateExecutor(System.Reflection.Assembly assembly) =>
        new Executor(new XunitTestAssembly(assembly, _configFileName, assembly.GetName().Version));

    private sealed class Executor(IXunitTestAssembly assembly) : XunitTestFrameworkExecutor(assembly)
    {
        // xunit's own executor also sets the assertion printing limits from the options here; this suite sets none.
        public override async ValueTask RunTestCases(IReadOnlyCollection<IXunitTestCase> testCases, IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions, CancellationToken cancellationToken) =>
            await InOrderRunner.Instance.Run(TestAssembly, testCases, executionMessageSink, executionOptions, cancellationToken);
    }

    private sealed class InOrderRunner : XunitTestAssemblyRunner
    {
        public static new InOrderRunner Instance { get; } = new();

        protected override async ValueTask<RunSummary> RunTestCollections(XunitTestAssemblyRunnerContext ctxt, Exception? exception)
        {
            if (ctxt.DisableParallelization || exception is not null || ctxt.MaxParallelThreads < 1 || ctxt.ParallelAlgorithm != ParallelAlgorithm.Conservative)
                return await base.RunTestCollections(ctxt, exception);

            // The thread floor, and xunit's own gate, which a collection started here always finds open: it is released
            // before this runner's slot is.
            ctxt.SetupParallelism();
            using var slots = new SemaphoreSlim(ctxt.MaxParallelThreads);
            var running = new List<Task<RunSummary>>();
            var alone = new List<(IXunitTestCollection Collection, List<IXunitTestCase> Cases)>();
            try
            {
                foreach (var (collection, cases) in OrderTestCollections(ctxt))
                {
                    if (collection.DisableParallelization)
                    {
                        alone.Add((collection, cases));
                        continue;
                    }
                    await slots.WaitAsync(ctxt.CancellationTokenSource.Token);
                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            return await Counted(ctxt, collection, cases);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }));
                }
            }
            catch (OperationCanceledException)
            {
                // The run was cancelled: what started finishes and is counted; nothing more starts.
            }
            var summaries = (await Task.WhenAll(running)).ToList();
            foreach (var (collection, cases) in alone)
            {
                if (ctxt.CancellationTokenSource.IsCancellationRequested) break;
                summaries.Add(await Counted(ctxt, collection, cases));
            }
            return new RunSummary
            {
                Total = summaries.Sum(s => s.Total),
                Failed = summaries.Sum(s => s.Failed),
                NotRun = summaries.Sum(s => s.NotRun),
                Skipped = summaries.Sum(s => s.Skipped),
            };
        }

        // A collection that finds the run cancelled before it starts counts as nothing, as in xunit's own loop, so the
        // collections that did run keep their counts.
        private async Task<RunSummary> Counted(XunitTestAssemblyRunnerContext ctxt, IXunitTestCollection collection, List<IXunitTestCase> cases)
        {
            try
            {
                return await RunTestCollection(ctxt, collection, cases);
            }
            catch (OperationCanceledException) when (ctxt.CancellationTokenSource.IsCancellationRequested)
            {
                return new RunSummary();
            }
        }
    }
}
