using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Afya.Tests.Platform.LongestFirst))]

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
