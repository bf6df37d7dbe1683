using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Cycles;

/// <summary>What an officer types to open or change a cycle, and the checks on it.</summary>
public sealed record CycleForm(int? Year, DateOnly? OpensOn, DateOnly? ClosesOn, DateOnly? CountUntil, IReadOnlyList<string>? Levels, IReadOnlyList<string>? Specialties)
{
    /// <summary>Policy.md §5: applications usually January–March of the following year; COUNT: until 31 December.</summary>
    public static CycleForm Usual(int year) => new(year, new DateOnly(year + 1, 1, 1), new DateOnly(year + 1, 3, 31), new DateOnly(year, 12, 31),
        [.. TitleLevels.All.Select(l => l.Code())], []);

    public IReadOnlyList<Problem> Validate(ReferenceData reference)
    {
        var problems = new List<Problem>();
        if (Year is null or < 2025 or > 2100)
        {
            problems.Add(new("cycle.year", new("Enter the evaluation year, from 2025 (the catalogue's first year).", "请填写评审年度（2025 年及以后）。"), "Year"));
        }
        if (OpensOn is null)
        {
            problems.Add(new("cycle.opensOn", new("Enter the date applications open.", "请填写申报开始日期。"), "OpensOn"));
        }
        if (ClosesOn is null)
        {
            problems.Add(new("cycle.closesOn", new("Enter the date applications close.", "请填写申报截止日期。"), "ClosesOn"));
        }
        else if (OpensOn is not null && ClosesOn < OpensOn)
        {
            problems.Add(new("cycle.closesBeforeOpens", new("Applications must close on or after the day they open.", "申报截止日期不得早于开始日期。"), "ClosesOn"));
        }
        if (CountUntil is null)
        {
            problems.Add(new("cycle.countUntil", new("Enter the date until which time is counted (usually 31 December of the evaluation year).", "请填写年限计算截止日期（通常为评审年度 12 月 31 日）。"), "CountUntil"));
        }
        if (Levels is null || Levels.Count == 0)
        {
            problems.Add(new("cycle.levels", new("Choose at least one title level.", "请至少选择一个职称层级。"), "Levels"));
        }
        else if (Levels.FirstOrDefault(l => !TitleLevels.TryParseCode(l, out _)) is { } badLevel)
        {
            problems.Add(new("cycle.levels", new($"'{badLevel}' is not a title level (AE, E, SE, PSE).", $"“{badLevel}”不是职称层级（AE、E、SE、PSE）。"), "Levels"));
        }
        if (Specialties?.FirstOrDefault(s => !reference.Specialties.ContainsKey(s)) is { } badSpecialty)
        {
            problems.Add(new("cycle.specialties", new($"'{badSpecialty}' is not a specialty of the catalogue.", $"“{badSpecialty}”不是目录中的专业。"), "Specialties"));
        }
        return problems;
    }

    public void ApplyTo(EvaluationCycle cycle)
    {
        cycle.OpensOn = OpensOn!.Value;
        cycle.ClosesOn = ClosesOn!.Value;
        cycle.CountUntil = CountUntil!.Value;
        cycle.Levels = Levels!.Select(l => l.ToUpperInvariant()).Distinct().ToList();
        cycle.Specialties = Specialties?.Distinct().ToList() ?? [];
    }
}
