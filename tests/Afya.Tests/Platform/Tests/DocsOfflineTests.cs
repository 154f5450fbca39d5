using System.Net;
using System.Text.RegularExpressions;
using Afya.Tests.Platform;

namespace Afya.Tests.PlatformTests;

// /docs and /redoc work offline and under a strict Content-Security-Policy: they load nothing from other hosts.
public sealed partial class DocsOfflineTests(Apps apps)
{
    [GeneratedRegex(@"(?:src|href)\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideReference();

    [GeneratedRegex(@"@import\s+url\(\s*[""']?https?://|fonts\.googleapis\.com", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideStyle();

    [Theory]
    [InlineData("/redoc/index.html")]
    [InlineData("/docs/index.html")]
    [InlineData("/api/v1/redoc/index.html")]
    public async Task The_docs_pages_reference_only_their_own_host(string page)
    {
        var response = await apps.Sqlite.Client().GetAsync(page);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        OutsideReference().Matches(html).Select(m => m.Value).ShouldBeEmpty(page);
        OutsideStyle().IsMatch(html).ShouldBeFalse(page);

        // The page's own styles and scripts, as the browser would fetch them next.
        var folder = page[..(page.LastIndexOf('/') + 1)];
        foreach (Match m in LocalAsset().Matches(html))
        {
            var asset = await apps.Sqlite.Client().GetAsync(folder + m.Groups[1].Value);
            asset.StatusCode.ShouldBe(HttpStatusCode.OK, m.Groups[1].Value);
            if (m.Groups[1].Value.EndsWith(".css", StringComparison.Ordinal))
                OutsideStyle().IsMatch(await asset.Content.ReadAsStringAsync()).ShouldBeFalse(m.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"(?:src|href)=""(?!https?:|/|data:)([^""?#]+)""")]
    private static partial Regex LocalAsset();
}
