using System.Text;
using System.Text.RegularExpressions;
using Swashbuckle.AspNetCore.ReDoc;

namespace Afya.Api.Platform.OpenApi;

// ReDoc's page links Google Fonts: offline it waits and falls back, and under our Content-Security-Policy
// (font-src 'self') the browser refuses it anyway. Its own font stack falls back to the system's fonts, so the
// page is served without that link and loads nothing from another host.
public static partial class ReDocPage
{
    [GeneratedRegex(@"<link[^>]+href=""https?://[^""]*""[^>]*>\s*", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideLink();

    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var original = new ReDocOptions().IndexStream();
        using var reader = new StreamReader(original, Encoding.UTF8);
        return Encoding.UTF8.GetBytes(OutsideLink().Replace(reader.ReadToEnd(), ""));
    });

    public static Stream WithoutOutsideFonts() => new MemoryStream(Page.Value, writable: false);
}
