using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// At narrow widths a <c>table.entries</c> shows each row as a stack of cells and hides its column headings; each
/// cell then says what it is through <c>data-label</c>, its column heading, which the style sheet prints above the
/// value. Done on the server, so it holds without JavaScript: the table's helper keeps the headings, each row's
/// helper counts its cells, and each body cell takes the heading of its column.
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class EntriesTableTagHelper : TagHelper
{
    internal const string HeadingsKey = "entries-table-headings";

    public override int Order => -1000;

    public override void Init(TagHelperContext context)
    {
        if (context.AllAttributes.TryGetAttribute("class", out var css) && css.Value?.ToString()?.Split(' ').Contains("entries") == true)
        {
            context.Items[HeadingsKey] = new List<string>();
        }
    }

    internal static string TextOf(string html) => WebUtility.HtmlDecode(Squash().Replace(Tags().Replace(html, " "), " ")).Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Squash();
}

/// <summary>One row of a <c>table.entries</c>: the position of the next cell.</summary>
[HtmlTargetElement("tr")]
public sealed class EntriesRowTagHelper : TagHelper
{
    internal const string PositionKey = "entries-table-position";

    public override void Init(TagHelperContext context)
    {
        if (context.Items.ContainsKey(EntriesTableTagHelper.HeadingsKey))
        {
            context.Items[PositionKey] = new int[1];
        }
    }
}

/// <summary>A heading cell: in the table's head it names its column; in a row it is that row's first cell.</summary>
[HtmlTargetElement("th")]
public sealed class EntriesHeadingTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (context.Items.TryGetValue(EntriesTableTagHelper.HeadingsKey, out var h) && h is List<string> headings
            && context.Items.TryGetValue(EntriesRowTagHelper.PositionKey, out var p) && p is int[] position)
        {
            var span = Span(context);
            if (context.AllAttributes.TryGetAttribute("scope", out var scope) && scope.Value?.ToString() == "col")
            {
                var text = EntriesTableTagHelper.TextOf((await output.GetChildContentAsync()).GetContent());
                for (var i = 0; i < span; i++)
                {
                    headings.Add(text);
                }
            }
            position[0] += span;
        }
    }

    internal static int Span(TagHelperContext context) =>
        context.AllAttributes.TryGetAttribute("colspan", out var colspan) && int.TryParse(colspan.Value?.ToString(), out var n) && n > 1 ? n : 1;
}

/// <summary>A body cell of a <c>table.entries</c>: labelled with its column's heading unless it has a label already.</summary>
[HtmlTargetElement("td")]
public sealed class EntriesCellTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (context.Items.TryGetValue(EntriesTableTagHelper.HeadingsKey, out var h) && h is List<string> headings
            && context.Items.TryGetValue(EntriesRowTagHelper.PositionKey, out var p) && p is int[] position)
        {
            var column = position[0];
            position[0] += EntriesHeadingTagHelper.Span(context);
            // An empty cell gets no label: a heading with nothing under it says nothing.
            if (column < headings.Count && headings[column].Length > 0 && !output.Attributes.ContainsName("data-label")
                && !(await output.GetChildContentAsync()).IsEmptyOrWhiteSpace)
            {
                output.Attributes.SetAttribute("data-label", headings[column]);
            }
        }
    }
}
