using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Features.Eligibility;

/// <summary>A parameter as the public sees it: value, where it comes from, and whether Guangzhou has confirmed it.</summary>
public sealed record ParameterDto(string Name, string Value, string Label, string Source, bool ConfirmedForGuangzhou)
{
    /// <summary>The parameter's name in both languages (<see cref="Name"/> is its key in the rule-set file).</summary>
    public TextDto Title { get; init; } = new(Name, Name);

    /// <summary>The value as people read it, in both languages.</summary>
    public TextDto ValueName { get; init; } = new(Value, Value);

    /// <summary>The documents the value comes from.</summary>
    public IReadOnlyList<SourceDto> Sources { get; init; } = [];
}

public sealed record RuleDto(string Id, TextDto Name, string Source)
{
    public IReadOnlyList<SourceDto> Sources { get; init; } = [];
}

public sealed record RuleSetDto(string Id, string Version, DateOnly EffectiveFrom, TextDto Name, string Source, IReadOnlyList<RuleDto> Rules, IReadOnlyList<ParameterDto> Parameters)
{
    public static RuleSetDto From(RuleSet r) => new(
        r.Id, r.Version, r.EffectiveFrom, new TextDto(r.Name.En, r.Name.Zh), r.Source,
        EligibilityRule.All.Select(rule => new RuleDto(rule.Id, new TextDto(rule.Name.En, rule.Name.Zh), rule.Source) { Sources = rule.Cites.Select(SourceDto.From).ToList() }).ToList(),
        ParametersOf(r).ToList());

    public static IEnumerable<ParameterDto> ParametersOf(RuleSet r) =>
        RuleSetParameters.Of(r).Select(p => new ParameterDto(p.Key, p.Raw, p.Label.ToString().ToLowerInvariant(), p.Source, p.ConfirmedForGuangzhou)
        {
            Title = new TextDto(p.Name.En, p.Name.Zh),
            ValueName = new TextDto(p.Value.En, p.Value.Zh),
            Sources = p.Cites.Select(SourceDto.From).ToList(),
        });
}

/// <summary>A document a rule or parameter comes from, cited in both languages, with its address where it has one.</summary>
public sealed record SourceDto(string Key, TextDto Citation, string? Address)
{
    public static SourceDto From(SourceDocument d) => new(d.Key, new TextDto(d.Citation.En, d.Citation.Zh), d.Address);
}
