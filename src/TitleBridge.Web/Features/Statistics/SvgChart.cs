using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace TitleBridge.Web.Features.Statistics;

/// <summary>
/// A horizontal bar chart drawn on the server as SVG: no script, readable when printed. It carries its title and
/// description for screen readers (role img, aria-labelledby); the page puts the same figures in a table beside it,
/// which is what assistive technology and keyboard users actually read.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int LabelWidth = 260;
    private const int BarHeight = 22;
    private const int Gap = 8;

    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<(string Label, double Value, string Shown)> bars)
    {
        var height = Math.Max(1, bars.Count) * (BarHeight + Gap) + Gap;
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var scale = max <= 0 ? 0 : (Width - LabelWidth - 70) / max;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" role=\"img\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = Gap + i * (BarHeight + Gap);
            var w = Math.Round(bars[i].Value * scale, 1);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" class=\"chart-label\">{E(Shorten(bars[i].Label))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{w}\" height=\"{BarHeight}\" class=\"chart-bar\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 6}\" y=\"{y + 16}\" class=\"chart-value\">{E(bars[i].Shown)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>Long labels are cut in the drawing only; the table beside has them whole.</summary>
    private static string Shorten(string label) => label.Length <= 30 ? label : label[..29] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
