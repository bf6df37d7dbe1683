using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Features.Calendar;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Statistics;

public sealed record CountItem(string Key, BilingualText Name, int Count);

public sealed record StageTime([property: JsonConverter(typeof(JsonStringEnumConverter<ApplicationState>))] ApplicationState State, BilingualText Name, int Stays, double? MedianDays, double? P90Days);

public sealed record DueFile(Guid Id, string Reference, BilingualText Deadline, DateOnly DueOn, [property: JsonConverter(typeof(JsonStringEnumConverter<ApplicationState>))] ApplicationState State);

/// <summary>A rate from exact figures (officers see exact figures, policy.md §7); null when nothing is counted yet.</summary>
public sealed record Rate(int Numerator, int Denominator)
{
    public double? Percent => Denominator == 0 ? null : Math.Round(100.0 * Numerator / Denominator, 1);
}

/// <summary>One chart of the dashboard: its title, the sentence a screen reader hears, and the figures of its table.</summary>
public sealed record Chart(string Id, BilingualText Title, BilingualText Description, BilingualText Category, IReadOnlyList<CountItem> Items);

public sealed record DashboardView(
    int Cycle, int Submitted, IReadOnlyList<Chart> Charts, IReadOnlyList<StageTime> StageTimes, IReadOnlyList<DueFile> DueSoon,
    int DueHorizonWorkingDays, Rate CorrectionRate, Rate PassRate);

/// <summary>
/// The officers' dashboard of a cycle, in exact figures: where the files are (a funnel in workflow order), what
/// they are (level, sector, specialty, country or region of the qualification), how long each stage takes,
/// what falls due soon (every kind of deadline: the employer's publicity, the correction notice, the result publicity),
/// and the correction rate and the pass rate of the plenary vote (passed, of the files the vote decided).
/// </summary>
public sealed class Dashboard(CycleFacts facts, ReferenceData reference, WorkingCalendar calendar, TimeProvider time)
{
    /// <summary>How far ahead "due soon" looks, in working days (issue #9: the next 5 working days).</summary>
    public const int DueHorizonWorkingDays = 5;

    public async Task<DashboardView> BuildAsync(int cycle, CancellationToken ct = default)
    {
        var all = await facts.LoadAsync(cycle, ct);
        var now = time.GetUtcNow();
        var today = time.Today();

        var funnel = Enum.GetValues<ApplicationState>().Where(s => s != ApplicationState.Draft)
            .Select(s => new CountItem(s.ToString(), WorkflowNames.Of(s), all.Count(f => f.State == s))).ToList();
        var byLevel = TitleLevels.All.Select(l => new CountItem(l.Code(), l.Name(), all.Count(f => f.Level == l.Code()))).ToList();
        var bySector = reference.Sectors.Select(s => new CountItem(s.Code, s.Name, all.Count(f => f.Sector == s.Code))).ToList();
        var bySpecialty = all.GroupBy(f => f.Specialty).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CountItem(g.Key, reference.SpecialtyName(g.Key), g.Count())).ToList();
        var byCountry = reference.CountriesRegions.Select(c => new CountItem(c.Code, c.Name, all.Count(f => f.CountryRegion == c.Code))).ToList();
        var unknown = new BilingualText("Not in the catalogue in force", "不在现行目录中");
        if (all.Count(f => reference.FindSector(f.Sector) is null) is > 0 and var noSector)
        {
            bySector.Add(new CountItem(ApplicationFact.Unknown, unknown, noSector));
        }
        if (all.Count(f => reference.FindCountryRegion(f.CountryRegion) is null) is > 0 and var noCountry)
        {
            byCountry.Add(new CountItem(ApplicationFact.Unknown, unknown, noCountry));
        }

        var charts = new List<Chart>
        {
            Make("funnel", new("Applications by state", "按状态统计的申请"), new("State", "状态"), funnel, cycle),
            Make("level", new("Applications by title level", "按职称级别统计的申请"), new("Title level", "职称级别"), byLevel, cycle),
            Make("sector", new("Applications by sector", "按领域统计的申请"), new("Sector", "领域"), bySector, cycle),
            Make("specialty", new("Applications by specialty", "按专业统计的申请"), new("Specialty", "专业"), bySpecialty, cycle),
            Make("country-region", new("Applications by country or region of the qualification", "按资格所属国家（地区）统计的申请"), new("Country or region", "国家（地区）"), byCountry, cycle),
        };

        var stageTimes = Enum.GetValues<ApplicationState>()
            .Select(s => StageTimeOf(s, all, now)).Where(t => t.Stays > 0).ToList();

        var working = await calendar.CurrentAsync(ct);
        var horizon = working.AddWorkingDays(today, DueHorizonWorkingDays);
        var lastDay = horizon.Succeeded ? horizon.Value : today.AddDays(DueHorizonWorkingDays);
        var due = new List<DueFile>();
        foreach (var f in all)
        {
            if (f.State == ApplicationState.PrePublicity && f.PrePublicityLastDay is { } p && p >= today && p <= lastDay)
            {
                due.Add(new DueFile(f.Id, f.Reference ?? "", new("Last day of the pre-evaluation publicity", "评前公示最后一天"), p, f.State));
            }
            if (f.State == ApplicationState.CorrectionRequested && f.CorrectionDueOn is { } c && c >= today && c <= lastDay)
            {
                due.Add(new DueFile(f.Id, f.Reference ?? "", new("Correction due", "补正截止"), c, f.State));
            }
            if (f.State == ApplicationState.ResultPublicity && f.ResultPublicityLastDay is { } r && r >= today && r <= lastDay)
            {
                due.Add(new DueFile(f.Id, f.Reference ?? "", new("Last day of the result publicity", "评后公示最后一天"), r, f.State));
            }
        }

        var reachedIntake = all.Count(f => f.CorrectionRequested || f.Entered.Any(e => e.State == ApplicationState.Intake) || f.State == ApplicationState.Intake);
        return new DashboardView(cycle, all.Count, charts, stageTimes, [.. due.OrderBy(d => d.DueOn).ThenBy(d => d.Reference, StringComparer.Ordinal)],
            DueHorizonWorkingDays, new Rate(all.Count(f => f.CorrectionRequested), reachedIntake), new Rate(all.Count(f => f.LastVotePassed == true), all.Count(f => f.LastVotePassed is not null)));
    }

    private static Chart Make(string id, BilingualText title, BilingualText category, IReadOnlyList<CountItem> items, int cycle)
    {
        var total = items.Sum(i => i.Count);
        var top = items.OrderByDescending(i => i.Count).FirstOrDefault(i => i.Count > 0);
        var description = top is null
            ? new BilingualText($"Cycle {cycle}: no submitted applications yet.", $"{cycle} 年度：尚无已提交的申请。")
            : new BilingualText($"Cycle {cycle}: {total} applications; most in {top.Name.En} ({top.Count}). The table beside gives every figure.",
                $"{cycle} 年度：共 {total} 份申请，最多的是{top.Name.Zh}（{top.Count} 份）。旁边的表格列出全部数字。");
        return new Chart(id, title, description, category, items);
    }

    /// <summary>Days spent in a state: from entering it to entering the next one, or until now for files still in it.</summary>
    private static StageTime StageTimeOf(ApplicationState state, IReadOnlyList<ApplicationFact> all, DateTimeOffset now)
    {
        var days = new List<double>();
        foreach (var f in all)
        {
            for (var i = 0; i < f.Entered.Count; i++)
            {
                if (f.Entered[i].State != state)
                {
                    continue;
                }
                var end = i + 1 < f.Entered.Count ? f.Entered[i + 1].At : now;
                days.Add((end - f.Entered[i].At).TotalDays);
            }
        }
        days.Sort();
        return new StageTime(state, WorkflowNames.Of(state), days.Count, Percentile(days, 0.5), Percentile(days, 0.9));
    }

    /// <summary>Nearest-rank percentile, to one decimal: the smallest value at or above the share <paramref name="q"/>.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return null;
        }
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank, 1, sorted.Count) - 1], 1);
    }

    /// <summary>Every figure of the dashboard as CSV (section, key, English and Chinese label, value).</summary>
    public static string ToCsv(DashboardView view)
    {
        var csv = new StringBuilder("section,key,name_en,name_zh,value\r\n");
        void Line(string section, string key, BilingualText name, string value) =>
            csv.AppendJoin(',', Csv.Field(section), Csv.Field(key), Csv.Field(name.En), Csv.Field(name.Zh), value).Append("\r\n");
        foreach (var chart in view.Charts)
        {
            foreach (var item in chart.Items)
            {
                Line(chart.Id, item.Key, item.Name, item.Count.ToString(CultureInfo.InvariantCulture));
            }
        }
        foreach (var s in view.StageTimes)
        {
            Line("stage-median-days", s.State.ToString(), s.Name, s.MedianDays?.ToString(CultureInfo.InvariantCulture) ?? "");
            Line("stage-p90-days", s.State.ToString(), s.Name, s.P90Days?.ToString(CultureInfo.InvariantCulture) ?? "");
        }
        foreach (var d in view.DueSoon)
        {
            Line("due-soon", d.Reference, d.Deadline, d.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        Line("rate", "correction", new("Correction rate (%)", "补正率（%）"), view.CorrectionRate.Percent?.ToString(CultureInfo.InvariantCulture) ?? "");
        Line("rate", "pass", new("Pass rate (%)", "通过率（%）"), view.PassRate.Percent?.ToString(CultureInfo.InvariantCulture) ?? "");
        return csv.ToString();
    }
}
