using System.Globalization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>Stable codes of the reason sentences of a trace.</summary>
public enum ReasonCode : byte
{
    NotInCatalogue,
    CatInCatalogue,
    CatNotInCatalogue,
    ValidUntil,
    ValidNoExpiry,
    ValidExpired,
    ValidNotYetObtained,
    HoldNotOneUp,
    HoldNotValid,
    HoldMet,
    HoldNotYet,
    LocalMet,
    LocalMonthsMet,
    LocalMonthsNotYet,
    LocalNotInGuangzhou,
    LocalDissimilar,
    ExpNotOneUp,
    ExpDegreeNoRoute,
    ExpMet,
    ExpNotYet,
    ExpNever,
    EquivOtherLevel,
    EquivMet,
    EquivOnlyTime,
    EquivNotMet,
    UpNotAbove,
    UpTwoOrMore,
    UpNoThreshold,
    UpMet,
    UpOnlyTime,
    UpNotMet,
    HeldMet,
    HeldNone,
    CountCounted,
    CountNotOneUp,
}

/// <summary>The one-sentence reasons, in English and Chinese, composed when a trace line is read.</summary>
internal static class Reasons
{
    public static BilingualText Compose(in RuleCheck check)
    {
        var a = check.Arguments;
        var dA = D(a.DateA);
        var dB = D(a.DateB);
        var dC = D(a.DateC);
        return check.ReasonCode switch
        {
            ReasonCode.NotInCatalogue => new("Not applicable: the qualification is not in the catalogue.", "不适用：该资格不在目录中。"),
            ReasonCode.CatInCatalogue => new($"{a.Text} is in the catalogue, corresponding to {En(a.LevelA)}.", $"{a.Text} 列入目录，对应{Zh(a.LevelA)}。"),
            ReasonCode.CatNotInCatalogue => new($"{a.Text} is not an entry of the catalogue edition in force.", $"{a.Text} 不是现行目录中的资格。"),
            ReasonCode.ValidUntil => new($"Valid on {dA}: a validity period runs until {dB}.", $"{dA} 有效：有效期至 {dB}。"),
            ReasonCode.ValidNoExpiry => new($"Valid on {dA}: it needs no renewal.", $"{dA} 有效：无需续期。"),
            ReasonCode.ValidExpired => a.DateB == default
                ? new($"No validity period covers {dA}; renew it first.", $"{dA} 不在任何有效期内，请先续期。")
                : new($"Expired on {dB}, so not valid on {dA}; renew it first.", $"已于 {dB} 到期，{dA} 无效，请先续期。"),
            ReasonCode.ValidNotYetObtained => new($"Not yet obtained on {dA} (obtained {dB}).", $"{dA} 尚未取得（取得日期 {dB}）。"),
            ReasonCode.HoldNotOneUp => new("Not applicable: the holding period matters only for one level up.", "不适用：持证年限仅用于高一级申报。"),
            ReasonCode.HoldNotValid => new("No holding period runs: the qualification is not valid on the evaluation date.", "持证年限不连续：评价日该资格无效。"),
            ReasonCode.HoldMet => new($"Held since {dA}; the {a.NumberA} years' holding period is complete on {dB}.", $"自 {dA} 持证；{a.NumberA} 年持证期于 {dB} 届满。"),
            ReasonCode.HoldNotYet => new($"Held since {dA}; the {a.NumberA} years' holding period is complete only on {dB}.", $"自 {dA} 持证；{a.NumberA} 年持证期至 {dB} 方届满。"),
            ReasonCode.LocalMet => new($"Works in Guangzhou on {dA} in a specialty same as or similar to the qualification's.", $"{dA} 在广州从事与该资格相同或相近专业的工作。"),
            ReasonCode.LocalMonthsMet => new($"Works in Guangzhou in a similar specialty since {dA}; the {a.NumberA} months needed are complete on {dB}.", $"自 {dA} 在广州从事相近专业工作；{a.NumberA} 个月于 {dB} 届满。"),
            ReasonCode.LocalMonthsNotYet => new($"Works in Guangzhou in a similar specialty since {dA}; the {a.NumberA} months needed are complete only on {dB}.", $"自 {dA} 在广州从事相近专业工作；{a.NumberA} 个月至 {dB} 方届满。"),
            ReasonCode.LocalNotInGuangzhou => new($"No work period in Guangzhou covers {dA}.", $"{dA} 不在广州工作。"),
            ReasonCode.LocalDissimilar => new($"Works in Guangzhou on {dA}, but not in a specialty same as or similar to the qualification's.", $"{dA} 在广州工作，但专业与该资格不相同也不相近。"),
            ReasonCode.ExpNotOneUp => new("Not applicable: experience years matter only for one level up.", "不适用：工作年限仅用于高一级申报。"),
            ReasonCode.ExpDegreeNoRoute => new($"The rules set no years of experience after a {((DegreeLevel)a.NumberA).Name().En} degree, so it cannot use the one-level-up route.", $"规则未规定{((DegreeLevel)a.NumberA).Name().Zh}学历所需的工作年限，不能高一级申报。"),
            ReasonCode.ExpMet => new($"{Days(a)} days of relevant experience from {dA} to {dB}; {a.NumberB} years ({Needed(a)} days) are needed after a {DegreeName(a.Text).En} degree.", $"{dA} 至 {dB} 相关工作经历 {Days(a)} 天；{DegreeName(a.Text).Zh}学历需 {a.NumberB} 年（{Needed(a)} 天）。"),
            ReasonCode.ExpNotYet => new($"{Days(a)} days of relevant experience from {dA} to {dB}; the {a.NumberB} years ({Needed(a)} days) needed after a {DegreeName(a.Text).En} degree are reached on {dC} if the work continues.", $"{dA} 至 {dB} 相关工作经历 {Days(a)} 天；{DegreeName(a.Text).Zh}学历所需的 {a.NumberB} 年（{Needed(a)} 天）在工作持续的情况下于 {dC} 达到。"),
            ReasonCode.ExpNever => new($"{Days(a)} days of relevant experience from {dA} to {dB}; {a.NumberB} years ({Needed(a)} days) are needed and no ongoing relevant work adds more.", $"{dA} 至 {dB} 相关工作经历 {Days(a)} 天；需 {a.NumberB} 年（{Needed(a)} 天），且无持续的相关工作。"),
            ReasonCode.EquivOtherLevel => new($"Not applicable: the qualification corresponds to {En(a.LevelA)}, not {En(a.LevelB)}.", $"不适用：该资格对应{Zh(a.LevelA)}，而非{Zh(a.LevelB)}。"),
            ReasonCode.EquivMet => new($"The qualification is in the catalogue and valid, and the work is in Guangzhou in a related field, so {En(a.LevelA)}, the entry's own level, is open.", $"该资格列入目录且有效，并在广州从事相关专业工作，可申报目录对应的{Zh(a.LevelA)}。"),
            ReasonCode.EquivOnlyTime => new($"Only the months of work in Guangzhou are missing; {En(a.LevelA)} is open from {dA}.", $"仅差在穗工作月数；自 {dA} 起可申报{Zh(a.LevelA)}。"),
            ReasonCode.EquivNotMet => new($"{En(a.LevelA)} is the entry's own level, but not every condition is met: {RuleMask.Names(a.NumberA).En}.", $"{Zh(a.LevelA)}为目录对应级别，但以下条件未满足：{RuleMask.Names(a.NumberA).Zh}。"),
            ReasonCode.UpNotAbove => new($"Not applicable: {En(a.LevelB)} is not above the entry's level {En(a.LevelA)}.", $"不适用：{Zh(a.LevelB)}不高于目录对应的{Zh(a.LevelA)}。"),
            ReasonCode.UpTwoOrMore => new($"{En(a.LevelB)} is two or more levels above {En(a.LevelA)}: one level up only, never two.", $"{Zh(a.LevelB)}比{Zh(a.LevelA)}高两级及以上：只能高一级申报。"),
            ReasonCode.UpNoThreshold => new($"The rules set no conditions for applying one level up from {En(a.LevelA)} to {En(a.LevelB)}.", $"规则未规定从{Zh(a.LevelA)}高一级申报{Zh(a.LevelB)}的条件。"),
            ReasonCode.UpMet => new($"One level above {En(a.LevelA)}: the qualification is valid, the work is in Guangzhou in a related field, and the holding period and the experience are enough for {En(a.LevelB)}.", $"比{Zh(a.LevelA)}高一级：资格有效，在广州从事相关专业工作，持证年限和相关工作经历均已满足，可申报{Zh(a.LevelB)}。"),
            ReasonCode.UpOnlyTime => new($"One level above {En(a.LevelA)}: only time is missing ({RuleMask.Names(a.NumberA).En}); {En(a.LevelB)} is open from {dA}.", $"比{Zh(a.LevelA)}高一级：仅差年限（{RuleMask.Names(a.NumberA).Zh}）；自 {dA} 起可申报{Zh(a.LevelB)}。"),
            ReasonCode.UpNotMet => new($"One level above {En(a.LevelA)}, but not every condition is met: {RuleMask.Names(a.NumberA).En}.", $"比{Zh(a.LevelA)}高一级，但以下条件未满足：{RuleMask.Names(a.NumberA).Zh}。"),
            ReasonCode.HeldMet => new($"A {En(a.LevelA)} title obtained on {dA} is held, at or above {En(a.LevelB)}.", $"已于 {dA} 取得{Zh(a.LevelA)}职称，不低于{Zh(a.LevelB)}。"),
            ReasonCode.HeldNone => new($"No Chinese title at or above {En(a.LevelB)} is held.", $"未取得{Zh(a.LevelB)}及以上职称。"),
            ReasonCode.CountCounted => (CountingConvention)a.NumberA == CountingConvention.GuangdongCalendarYear
                ? new($"Time is counted in whole calendar years up to {dA}, as Guangdong counts it.", $"年限按自然年计算至 {dA}（广东省口径）。")
                : new($"Time is counted up to {dA}: holding by anniversary, experience in days.", $"年限计算至 {dA}：持证按周年，经历按天数。"),
            ReasonCode.CountNotOneUp => new("Not applicable: no time condition on this route.", "不适用：该途径无年限条件。"),
            _ => throw new ArgumentOutOfRangeException(nameof(check), check.ReasonCode, null),
        };
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string En(TitleLevel level) => level.Name().En;

    private static string Zh(TitleLevel level) => level.Name().Zh;

    private static BilingualText DegreeName(string? code) =>
        DegreeLevels.TryParseCode(code, out var degree) ? degree.Name() : new BilingualText(code ?? "", code ?? "");

    private static long Needed(in ReasonArguments a) => (long)a.NumberB * a.NumberC;

    private static string Days(in ReasonArguments a) =>
        ((decimal)a.NumberA / a.Scale).ToString("0.##", CultureInfo.InvariantCulture);
}
