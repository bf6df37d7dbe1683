using System.Globalization;
using System.Text;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Statistics;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Statistics;

/// <summary>One published figure: the rounded number, or none with the reason (kind "small" or "withheld").</summary>
public sealed record FigureDto(int? Value, string Kind, BilingualText Text)
{
    public static FigureDto From(PublishedCount count, DisclosureParameters p) =>
        new(count.Value, count.Kind switch { CellKind.Shown => "shown", CellKind.Small => "small", _ => "withheld" }, count.Text(p));
}

public sealed record LabelDto(string Key, BilingualText Name);

public sealed record PublicRowDto(string Key, BilingualText Name, IReadOnlyList<FigureDto> Cells, FigureDto? Total, PercentDto? Percent);

/// <summary>A percentage of exact figures, or none when policy.md §7 forbids it (base below 23, or a hidden numerator).</summary>
public sealed record PercentDto(int? Value, BilingualText Text);

public sealed record PublicTableDto(
    string Id, BilingualText Title, BilingualText RowHeading, IReadOnlyList<LabelDto> Columns, BilingualText? PercentHeading,
    IReadOnlyList<PublicRowDto> Rows, PublicRowDto Total);

/// <summary>The open statistics of a cycle: only the suppressed tables (the exact figures never leave the server).</summary>
public sealed record OpenStatisticsDto(int Cycle, string RuleSet, BilingualText Method, IReadOnlyList<PublicTableDto> Tables);

/// <summary>
/// The fixed public tables of policy.md §7 for one cycle: applications and titles granted by level × sector, by
/// country or region (with the percentage granted), and applications by month of submission — each passed
/// through <see cref="Disclosure.Table"/>.
/// </summary>
public sealed class OpenStatistics(CycleFacts facts, RuleSetStore rules, ReferenceData reference, TimeProvider time)
{
    public async Task<OpenStatisticsDto> BuildAsync(int cycle, DateOnly opensOn, DateOnly closesOn, CancellationToken ct = default)
    {
        var all = await facts.LoadAsync(cycle, ct);
        var ruleSet = await rules.InForceAsync(time.Today(), ct) ?? throw new InvalidOperationException("No rule set is in force.");
        var p = ruleSet.Statistics;
        var levels = TitleLevels.All.Select(l => new LabelDto(l.Code(), l.Name())).ToList();
        var sectors = reference.Sectors.Select(s => new LabelDto(s.Code, s.Name)).ToList();
        if (all.Any(f => reference.FindSector(f.Sector) is null))
        {
            sectors.Add(new LabelDto(ApplicationFact.Unknown, new("Not in the catalogue in force", "不在现行目录中")));
        }
        var countries = reference.CountriesRegions.Select(c => new LabelDto(c.Code, c.Name)).ToList();
        if (all.Any(f => reference.FindCountryRegion(f.CountryRegion) is null))
        {
            countries.Add(new LabelDto(ApplicationFact.Unknown, new("Not in the catalogue in force", "不在现行目录中")));
        }
        var months = Months(opensOn, closesOn).ToList();

        var tables = new List<PublicTableDto>
        {
            Crossed("applications-by-level-sector", new("Applications by title level and sector", "按职称级别和领域统计的申请"), levels, sectors, all, p),
            Crossed("titles-granted-by-level-sector", new("Titles granted by title level and sector", "按职称级别和领域统计的授予职称"), levels, sectors, all.Where(f => f.Granted).ToList(), p),
            ByCountry(countries, all, p),
            ByMonth(months, all, p),
        };
        var method = new BilingualText(
            $"Counts are rounded to the nearest {p.RoundTo.Value}; 0 is shown as 0; 1 to {p.SmallCountBelow.Value - 1} is shown as “< {p.SmallCountBelow.Value}”; " +
            $"totals are computed from the exact figures and then rounded; a percentage whose base is below {p.MinPercentageBase.Value} is not shown; " +
            "where a hidden figure could be worked out from a total, another figure is withheld too.",
            $"人数四舍五入到最接近的 {p.RoundTo.Value} 的倍数；0 显示为 0；1 至 {p.SmallCountBelow.Value - 1} 显示为“少于{p.SmallCountBelow.Value}”；" +
            $"合计按精确数计算后再取整；基数少于 {p.MinPercentageBase.Value} 的百分比不公布；如某个隐藏的数字可以由合计推算出来，另一个数字也不公开。");
        return new OpenStatisticsDto(cycle, $"{ruleSet.Id} {ruleSet.Version}", method, tables);
    }

    private static PublicTableDto Crossed(string id, BilingualText title, List<LabelDto> levels, List<LabelDto> sectors, IReadOnlyList<ApplicationFact> facts, DisclosureParameters p)
    {
        var exact = new int[levels.Count, sectors.Count];
        foreach (var f in facts)
        {
            var r = levels.FindIndex(l => l.Key == f.Level);
            var c = sectors.FindIndex(s => s.Key == f.Sector);
            if (r >= 0)
            {
                exact[r, c >= 0 ? c : sectors.Count - 1]++;
            }
        }
        var table = Disclosure.Table(exact, p);
        var rows = levels.Select((l, r) => new PublicRowDto(l.Key, l.Name, table.Cells[r].Select(x => FigureDto.From(x, p)).ToList(), FigureDto.From(table.RowTotals![r], p), null)).ToList();
        var total = new PublicRowDto("total", new("Total", "合计"), table.ColumnTotals.Select(x => FigureDto.From(x, p)).ToList(), FigureDto.From(table.GrandTotal, p), null);
        return new PublicTableDto(id, title, new("Title level", "职称级别"), sectors, null, rows, total);
    }

    private static PublicTableDto ByCountry(List<LabelDto> countries, IReadOnlyList<ApplicationFact> facts, DisclosureParameters p)
    {
        var exact = new int[countries.Count, 2];
        foreach (var f in facts)
        {
            var r = countries.FindIndex(c => c.Key == f.CountryRegion);
            r = r >= 0 ? r : countries.Count - 1;
            exact[r, 0]++;
            exact[r, 1] += f.Granted ? 1 : 0;
        }
        // Titles granted are part of the applications, so a row has no total; each column has its own.
        var table = Disclosure.Table(exact, p, rowTotals: false);
        var columns = new List<LabelDto> { new("applications", new("Applications", "申请")), new("granted", new("Titles granted", "授予职称")) };
        var rows = countries.Select((c, r) => new PublicRowDto(c.Key, c.Name, table.Cells[r].Select(x => FigureDto.From(x, p)).ToList(), null,
            Percent(exact[r, 1], exact[r, 0], table.Cells[r][1].Hidden || table.Cells[r][0].Hidden, p))).ToList();
        var grantedAll = exact.Cast<int>().Where((_, i) => i % 2 == 1).Sum();
        var appliedAll = exact.Cast<int>().Where((_, i) => i % 2 == 0).Sum();
        var total = new PublicRowDto("total", new("Total", "合计"), table.ColumnTotals.Select(x => FigureDto.From(x, p)).ToList(), null,
            Percent(grantedAll, appliedAll, table.ColumnTotals[1].Hidden || table.ColumnTotals[0].Hidden, p));
        return new PublicTableDto("by-country-region", new("Applications and titles granted by country or region of the qualification", "按资格所属国家（地区）统计的申请和授予职称"),
            new("Country or region", "国家（地区）"), columns, new("Percentage granted", "授予比例"), rows, total);
    }

    private static PublicTableDto ByMonth(List<(DateOnly Month, BilingualText Name)> months, IReadOnlyList<ApplicationFact> facts, DisclosureParameters p)
    {
        var exact = new int[Math.Max(months.Count, 1), 1];
        foreach (var f in facts)
        {
            var r = months.FindIndex(m => m.Month.Year == f.SubmittedOn.Year && m.Month.Month == f.SubmittedOn.Month);
            if (r >= 0)
            {
                exact[r, 0]++;
            }
        }
        var table = Disclosure.Table(exact, p, rowTotals: false);
        var rows = months.Select((m, r) => new PublicRowDto(m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.Name, [FigureDto.From(table.Cells[r][0], p)], null, null)).ToList();
        var total = new PublicRowDto("total", new("Total", "合计"), [FigureDto.From(table.ColumnTotals[0], p)], null, null);
        return new PublicTableDto("applications-by-month", new("Applications by month of submission", "按提交月份统计的申请"), new("Month", "月份"),
            [new("applications", new("Applications submitted", "提交的申请"))], null, rows, total);
    }

    private static PercentDto Percent(int numerator, int denominator, bool hidden, DisclosureParameters p) =>
        Disclosure.Percentage(numerator, denominator, p, hidden) is { } value
            ? new PercentDto(value, new($"{value}%", $"{value}%"))
            : new PercentDto(null, new("not shown", "不公布"));

    public static IEnumerable<(DateOnly Month, BilingualText Name)> Months(DateOnly from, DateOnly to)
    {
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            yield return (m, new(m.ToString("MMMM yyyy", CultureInfo.InvariantCulture), $"{m.Year}年{m.Month}月"));
        }
    }

    /// <summary>The same tables as CSV, one figure a line, labels in both languages; hidden figures carry no number.</summary>
    public static string ToCsv(OpenStatisticsDto dto)
    {
        var csv = new StringBuilder("table,row,row_en,row_zh,column,column_en,column_zh,value,shown_en,shown_zh\r\n");
        foreach (var t in dto.Tables)
        {
            foreach (var row in t.Rows.Append(t.Total))
            {
                for (var c = 0; c < t.Columns.Count; c++)
                {
                    Line(csv, t.Id, row, t.Columns[c].Key, t.Columns[c].Name, row.Cells[c].Value, row.Cells[c].Text);
                }
                if (row.Total is { } total)
                {
                    Line(csv, t.Id, row, "total", new("Total", "合计"), total.Value, total.Text);
                }
                if (row.Percent is { } percent && t.PercentHeading is { } heading)
                {
                    Line(csv, t.Id, row, "percent", heading, percent.Value, percent.Text);
                }
            }
        }
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, string table, PublicRowDto row, string column, BilingualText columnName, int? value, BilingualText shown) =>
        csv.AppendJoin(',', Csv.Field(table), Csv.Field(row.Key), Csv.Field(row.Name.En), Csv.Field(row.Name.Zh), Csv.Field(column), Csv.Field(columnName.En), Csv.Field(columnName.Zh),
            value?.ToString(CultureInfo.InvariantCulture) ?? "", Csv.Field(shown.En), Csv.Field(shown.Zh)).Append("\r\n");
}

/// <summary>RFC 4180 fields; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
public static class Csv
{
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
