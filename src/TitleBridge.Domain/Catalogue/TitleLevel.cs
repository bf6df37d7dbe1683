namespace TitleBridge.Domain.Catalogue;

/// <summary>
/// The engineering-series title ladder above Technician, lowest first (policy.md §1).
/// The numeric value is the rank, so levels compare with &lt; and &gt;.
/// </summary>
public enum TitleLevel
{
    AssistantEngineer = 1,
    Engineer = 2,
    SeniorEngineer = 3,
    ProfessorateSeniorEngineer = 4,
}

public static class TitleLevels
{
    public static readonly IReadOnlyList<TitleLevel> All =
        [TitleLevel.AssistantEngineer, TitleLevel.Engineer, TitleLevel.SeniorEngineer, TitleLevel.ProfessorateSeniorEngineer];

    /// <summary>The short code used in data files and the API: AE, E, SE, PSE.</summary>
    public static string Code(this TitleLevel level) => level switch
    {
        TitleLevel.AssistantEngineer => "AE",
        TitleLevel.Engineer => "E",
        TitleLevel.SeniorEngineer => "SE",
        TitleLevel.ProfessorateSeniorEngineer => "PSE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static Common.BilingualText Name(this TitleLevel level) => level switch
    {
        TitleLevel.AssistantEngineer => new("Assistant Engineer", "助理工程师"),
        TitleLevel.Engineer => new("Engineer", "工程师"),
        TitleLevel.SeniorEngineer => new("Senior Engineer", "高级工程师"),
        TitleLevel.ProfessorateSeniorEngineer => new("Professorate Senior Engineer", "正高级工程师"),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParseCode(string? code, out TitleLevel level)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }

    /// <summary>The level one above, or null above the top of the ladder.</summary>
    public static TitleLevel? Next(this TitleLevel level) =>
        level == TitleLevel.ProfessorateSeniorEngineer ? null : level + 1;
}
