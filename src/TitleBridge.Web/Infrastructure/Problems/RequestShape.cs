using System.Collections;
using System.Reflection;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure.Problems;

/// <summary>
/// Checks a request body that has been read: every list and string against its limit in
/// <see cref="InputLimits"/> (by the field's JSON path, indexes left out: <c>qualifications[].validityPeriods</c>),
/// every list for empty (null) entries, and every date against the plausible range. Request bodies are
/// records of this assembly; their properties are walked by reflection, so a new field is limited
/// without anyone remembering to.
/// </summary>
public static class RequestShape
{
    public static IReadOnlyList<Problem> Check(object? body, InputLimits limits)
    {
        var problems = new List<Problem>();
        Walk(body, "", "", limits, problems, depth: 0);
        return problems;
    }

    /// <summary>Records declared in TitleBridge are request shapes to walk; anything else is a value.</summary>
    public static bool IsRequestRecord(Type type) =>
        type.IsClass && type.Namespace?.StartsWith("TitleBridge", StringComparison.Ordinal) == true
        && type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null;

    private static void Walk(object? value, string path, string pattern, InputLimits limits, List<Problem> problems, int depth)
    {
        if (value is null || depth > 16)
        {
            return;
        }
        var field = path.Length == 0 ? "body" : path;
        switch (value)
        {
            case string text:
                var maxLength = limits.StringLength(pattern);
                if (text.Length > maxLength)
                {
                    problems.Add(new Problem("limit.length", new(
                        $"Write at most {maxLength:N0} characters here (this has {text.Length:N0}).",
                        $"此处最多填写 {maxLength:N0} 个字符（现为 {text.Length:N0} 个）。"), field));
                }
                return;
            case DateOnly date:
                var (earliest, latest) = limits.DateRange(pattern);
                if (date < earliest || date > latest)
                {
                    problems.Add(new Problem("limit.date", new(
                        $"Enter a date between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}.",
                        $"请填写 {earliest:yyyy-MM-dd} 至 {latest:yyyy-MM-dd} 之间的日期。"), field));
                }
                return;
            case IEnumerable list when value is not IDictionary:
                var items = list.Cast<object?>().ToList();
                var maxItems = limits.ListItems(pattern);
                if (items.Count > maxItems)
                {
                    problems.Add(new Problem("limit.items", new(
                        $"List at most {maxItems:N0} entries here (this list has {items.Count:N0}).",
                        $"此处最多列出 {maxItems:N0} 项（现为 {items.Count:N0} 项）。"), field));
                    return;
                }
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is null)
                    {
                        problems.Add(new Problem("list.null", new(
                            "This entry of the list is empty (null); remove it or fill it in.",
                            "列表中的这一项为空（null），请删除或填写。"), $"{path}[{i}]"));
                        continue;
                    }
                    Walk(items[i], $"{path}[{i}]", pattern + "[]", limits, problems, depth + 1);
                }
                return;
        }
        var type = value.GetType();
        if (!IsRequestRecord(type))
        {
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }
            var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Walk(property.GetValue(value), Join(path, name), Join(pattern, name), limits, problems, depth + 1);
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
