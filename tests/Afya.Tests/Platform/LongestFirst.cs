using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Afya.Tests.Platform.LongestFirst))]

namespace Afya.Tests.Platform;

// xunit starts test collections (a class each) in a random order, four at a time on two cores, so a long class drawn
// last ran alone at the end of the run. The classes below start first, longest first (test-seconds per class in a
// full run's trx, 2026-12-06: the SIGKILL crash tests, the browser tests, the README run, the largest matrices); the
// rest follow in xunit's own order. A class missing from the list only loses its head start.
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        "Console browser", "CallbackCrashTests", "AuditCrashTests", "OrdersTests+OnPostgres",
        "ReadmeTests", "OrderAccessMatrixTests+OnPostgres", "OrdersTests+OnSqlite",
        "AccessMatrixTests+OnPostgres", "ConsoleCareMatrixTests+OnPostgres", "CliWithoutSecretsTests", "SwaggerUiTests",
        "ConsoleCareMatrixTests+OnSqlite", "ConsoleCatalogTests", "FhirConsentTests+OnPostgres", "RefundTests+OnPostgres", "ClaimTakeoverTests",
        "DeliveryTests", "ConsoleAttackTests", "RefundTests+OnSqlite", "PaymentsTests+OnPostgres", "ConsoleOrderTests",
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
