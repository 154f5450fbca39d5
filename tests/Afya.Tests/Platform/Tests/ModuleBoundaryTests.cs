using System.Text.RegularExpressions;

namespace Afya.Tests.PlatformTests;

public partial class ModuleBoundaryTests
{
    // A module may use another only through its Contracts folder (STYLE.md).
    [Fact]
    public void Modules_name_each_other_only_through_contracts()
    {
        var root = FindRepoRoot();
        var modules = Path.Combine(root, "src", "Afya.Api", "Modules");
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(modules, "*.cs", SearchOption.AllDirectories))
        {
            var owner = Path.GetRelativePath(modules, file).Split(Path.DirectorySeparatorChar)[0];
            foreach (Match m in ModuleReference().Matches(File.ReadAllText(file)))
            {
                var target = m.Groups[1].Value;
                var rest = m.Groups[2].Value;
                if (target != owner && !rest.StartsWith(".Contracts", StringComparison.Ordinal))
                    violations.Add($"{Path.GetRelativePath(root, file)} uses Modules.{target}{rest}");
            }
        }
        violations.ShouldBeEmpty();
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Afya.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Afya.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"Modules\.([A-Za-z]+)((?:\.[A-Za-z]+)*)")]
    private static partial Regex ModuleReference();
}
