using Afya.Tests.Browser;
using Afya.Tests.Platform;

namespace Afya.Tests.PlatformTests;

// A renamed class would silently lose its head start and could end a run alone again.
public sealed class LongestFirstTests
{
    [Fact]
    public void Every_class_the_orderer_starts_first_exists()
    {
        // Inherited methods count: the OnSqlite and OnPostgres classes hold their base's tests.
        var classes = typeof(LongestFirst).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true))).Select(t => t.FullName!).ToList();
        foreach (var name in LongestFirst.Longest.Where(n => n != BrowserCollection.Collection))
            classes.ShouldContain(c => c.EndsWith("." + name, StringComparison.Ordinal), $"no test class {name}");
    }
}
