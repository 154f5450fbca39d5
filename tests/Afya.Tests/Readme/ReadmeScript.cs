using System.Text;
using System.Text.RegularExpressions;

namespace Afya.Tests.Readme;

// The README's runnable blocks as one bash script. A ```bash block runs; ```bash norun (installs, a blocking
// `dotnet run`) does not, nor does any other language. A line `# => 201 ...` checks the last curl's status.
public static partial class ReadmeScript
{
    public const string LocalBase = "http://localhost:5080";

    [GeneratedRegex(@"^\s*# => (\d{3})\b")]
    private static partial Regex Expectation();

    public sealed record Block(int Line, string Text);

    public static IReadOnlyList<Block> RunnableBlocks(string markdown)
    {
        var blocks = new List<Block>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimEnd('\r');
            if (!fence.StartsWith("```", StringComparison.Ordinal)) continue;
            var info = fence[3..].Trim();
            var start = i + 1;
            var body = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].TrimEnd('\r').StartsWith("```", StringComparison.Ordinal); i++) body.Append(lines[i].TrimEnd('\r')).Append('\n');
            if (info == "bash") blocks.Add(new Block(start, body.ToString()));
        }
        return blocks;
    }

    public static string Build(IReadOnlyList<Block> blocks, string baseUrl, string prelude)
    {
        var script = new StringBuilder(prelude).Append('\n');
        for (var b = 0; b < blocks.Count; b++)
        {
            script.Append($"__block {b + 1} {blocks[b].Line}\n");
            foreach (var line in blocks[b].Text.Split('\n'))
            {
                var expected = Expectation().Match(line);
                script.Append(expected.Success ? $"__expect {expected.Groups[1].Value}" : line.Replace(LocalBase, baseUrl, StringComparison.Ordinal)).Append('\n');
            }
        }
        script.Append("__unexpected\necho \"--- README done: $(__requests) requests\"\n");
        return script.ToString();
    }
}
