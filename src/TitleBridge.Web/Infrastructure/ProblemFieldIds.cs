using System.Text;
using System.Text.RegularExpressions;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// Where an error summary's item links to: the id of the input a problem's <see cref="Problem.Field"/> names
/// (GOV.UK error summary pattern). Problems carry API names (<c>accountEmail</c>, <c>qualifications[0].code</c>);
/// by default the input's id is the same name in ASP.NET's own form (<c>AccountEmail</c>,
/// <c>Qualifications_0__Code</c>). A page whose inputs are named otherwise sets
/// <c>ViewData[ProblemFieldIds.Key]</c> to a map from the API name to the id (an index may be written
/// <c>[]</c> to match any); a name mapped to <c>null</c> is not linked. Problems about a row of an
/// uploaded file are never linked: there is no input for them.
/// </summary>
public static partial class ProblemFieldIds
{
    public const string Key = "ProblemFieldIds";

    public static string? For(Problem problem, IReadOnlyDictionary<string, string?>? map)
    {
        if (problem.Field is not { Length: > 0 } field || problem.Row is not null)
        {
            return null;
        }
        if (map is not null)
        {
            if (map.TryGetValue(field, out var id) || map.TryGetValue(AnyIndex().Replace(field, "[]"), out id))
            {
                return id;
            }
        }
        return Default(field);
    }

    /// <summary><c>qualifications[0].obtainedOn</c> → <c>Qualifications_0__ObtainedOn</c>, the id asp-for would give.</summary>
    public static string Default(string field)
    {
        var id = new StringBuilder(field.Length);
        var startOfSegment = true;
        foreach (var c in field)
        {
            if (c is '.' or '[' or ']')
            {
                id.Append('_');
                startOfSegment = c is '.';
                continue;
            }
            id.Append(startOfSegment ? char.ToUpperInvariant(c) : c);
            startOfSegment = false;
        }
        return id.ToString();
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex AnyIndex();
}
