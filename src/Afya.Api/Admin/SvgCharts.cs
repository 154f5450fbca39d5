using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Afya.Api.Admin;

// Bar charts drawn on the server as SVG: no chart script, nothing for the CSP to allow, readable by screen readers
// (a title, and the same numbers in a table beside each chart).
public static class SvgCharts
{
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<(string Label, double Value)> bars, int width = 640, int height = 220)
    {
        const int left = 8, bottom = 36, top = 18;
        var max = bars.Count == 0 ? 1 : Math.Max(1, bars.Max(b => b.Value));
        var slot = (width - left * 2) / (double)Math.Max(1, bars.Count);
        var plot = height - bottom - top;
        var enc = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{enc.Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - left}\" y2=\"{height - bottom}\" stroke=\"#6e7781\"/>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var h = value / max * plot;
            var x = left + i * slot + slot * 0.15;
            var w = slot * 0.7;
            var y = height - bottom - h;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"#0b5d4b\"><title>{enc.Encode(label)}: {value:N0}</title></rect>");
            if (value > 0) svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{y - 4:0.#}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1b1f24\">{value:N0}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{height - bottom + 14}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1b1f24\">{enc.Encode(label)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
