using System.Text.Json;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Employers;

/// <summary>A district of Guangzhou with its administrative division code (GB/T 2260).</summary>
public sealed record GuangzhouDistrict(string Code, BilingualText Name);

/// <summary>
/// The 11 districts of Guangzhou, from <c>data/reference/guangzhou-districts.json</c> (codes as published by
/// the Ministry of Civil Affairs). Used to name the district of an employer from the division code in
/// positions 3–8 of its <see cref="UnifiedSocialCreditCode"/>.
/// </summary>
public sealed class GuangzhouDistricts
{
    public const string NotJsonCode = "districts.not-json";
    public const string IllTypedCode = "districts.ill-typed";
    public const string SourceMissingCode = "districts.source-missing";
    public const string CodeInvalidCode = "districts.code-invalid";
    public const string CodeDuplicateCode = "districts.code-duplicate";
    public const string NameMissingCode = "districts.name-missing";

    /// <summary>GB/T 2260: every district of Guangzhou (440100) has a code 4401xx.</summary>
    public const string CityCodePrefix = "4401";

    private GuangzhouDistricts(string source, IReadOnlyList<GuangzhouDistrict> districts)
    {
        Source = source;
        Districts = districts;
    }

    public string Source { get; }

    public IReadOnlyList<GuangzhouDistrict> Districts { get; }

    public GuangzhouDistrict? Find(string divisionCode) => Districts.FirstOrDefault(d => d.Code == divisionCode);

    public static Result<GuangzhouDistricts> LoadFile(string path) => Load(File.ReadAllText(path));

    public static Result<GuangzhouDistricts> Load(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Result<GuangzhouDistricts>.Failure(new Problem(NotJsonCode, new(
                $"The districts file is not valid JSON: {e.Message}", $"区划文件不是有效的 JSON：{e.Message}")));
        }
        using (document)
        {
            var problems = new List<Problem>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("districts", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return Result<GuangzhouDistricts>.Failure(new Problem(IllTypedCode, new(
                    "The districts file should be an object with a \"districts\" list.",
                    "区划文件应为包含 districts 列表的对象。"), "districts"));
            }
            var source = Text(root, "source");
            if (source is null)
            {
                problems.Add(new Problem(SourceMissingCode, new(
                    "The districts file has no source: name where the codes come from.",
                    "区划文件缺少来源：请注明代码的出处。"), "source"));
            }
            var districts = new List<GuangzhouDistrict>();
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                var path = $"districts[{i++}]";
                var code = item.ValueKind == JsonValueKind.Object ? Text(item, "code") : null;
                var zh = item.ValueKind == JsonValueKind.Object ? Text(item, "name_zh") : null;
                var en = item.ValueKind == JsonValueKind.Object ? Text(item, "name_en") : null;
                if (code is null || code.Length != 6 || !code.StartsWith(CityCodePrefix, StringComparison.Ordinal)
                    || code.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
                {
                    problems.Add(new Problem(CodeInvalidCode, new(
                        $"\"{code}\" is not a Guangzhou division code: 6 digits starting {CityCodePrefix} (GB/T 2260).",
                        $"“{code}”不是广州市的行政区划代码：应为以 {CityCodePrefix} 开头的 6 位数字（GB/T 2260）。"), $"{path}.code"));
                    continue;
                }
                if (districts.Any(d => d.Code == code))
                {
                    problems.Add(new Problem(CodeDuplicateCode, new(
                        $"The code {code} is listed twice.", $"代码 {code} 重复出现。"), $"{path}.code"));
                    continue;
                }
                if (zh is null || en is null)
                {
                    problems.Add(new Problem(NameMissingCode, new(
                        $"The district {code} needs both name_zh and name_en.",
                        $"区 {code} 须同时有 name_zh 和 name_en。"), path));
                    continue;
                }
                districts.Add(new GuangzhouDistrict(code, new BilingualText(en, zh)));
            }
            return problems.Count == 0
                ? Result<GuangzhouDistricts>.Success(new GuangzhouDistricts(source!, districts))
                : Result<GuangzhouDistricts>.Failure(problems);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
