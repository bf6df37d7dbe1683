using TitleBridge.Domain.Review;

namespace TitleBridge.Domain.Tests.Review;

public class ConflictFinderTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly EmployerIdentity Acme = new("Acme Engineering Co., Ltd.", "91440101MA5CXXXX1X");
    private static readonly ExpertConflictFacts Expert = new("x1", Acme);

    private static FileConflictFacts File(EmploymentPeriod[]? work = null, EmployerIdentity? endorsing = null, string[]? earlier = null) =>
        new("f1", work ?? [], endorsing, (earlier ?? []).ToHashSet());

    private static EmploymentPeriod At(EmployerIdentity e, string from, string? to) =>
        new(e, DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));

    public static TheoryData<string, FileConflictFacts, RecordedConflict[], ConflictKind[]> Cases => new()
    {
        { "no link", File([At(new("Other Ltd", "91440101MA5CYYYY2Y"), "2020-01-01", null)]), [], [] },
        { "same code now", File([At(new("ACME (renamed)", "91440101MA5CXXXX1X"), "2024-01-01", null)]), [], [ConflictKind.SameEmployer] },
        { "same code, different name, within lookback", File([At(new("Old name", "91440101ma5cxxxx1x"), "2019-01-01", "2023-06-01")]), [], [ConflictKind.SameEmployer] },
        { "same code, ended exactly at the lookback start", File([At(Acme, "2019-01-01", "2023-06-01")]), [], [ConflictKind.SameEmployer] },
        { "same code, ended the day before the lookback", File([At(Acme, "2019-01-01", "2023-05-31")]), [], [] },
        { "different codes but the same name are different employers", File([At(new("Acme Engineering Co., Ltd.", "91440101MA5CZZZZ3Z"), "2024-01-01", null)]), [], [] },
        { "no code: normalised name (case, width, punctuation, Limited)", File([At(new("ＡＣＭＥ engineering company limited", null), "2024-01-01", null)]), [], [ConflictKind.SameEmployer] },
        { "starts after today", File([At(Acme, "2026-07-01", null)]), [], [] },
        { "endorsing employer's staff", File(endorsing: new("acme engineering co ltd", null)), [], [ConflictKind.EndorsingEmployer] },
        { "earlier involvement", File(earlier: ["x1"]), [], [ConflictKind.EarlierInvolvement] },
        { "someone else's earlier involvement", File(earlier: ["x2"]), [], [] },
        { "declared", File(), [new(ConflictKind.Declared, false, "co-author")], [ConflictKind.Declared] },
        { "added by an officer", File(), [new(ConflictKind.AddedByOfficer, false, "former supervisor")], [ConflictKind.AddedByOfficer] },
        { "detected then lifted by an officer", File(endorsing: Acme), [new(ConflictKind.EndorsingEmployer, true, "different subsidiary")], [] },
        { "added then lifted", File(), [new(ConflictKind.AddedByOfficer, false, "x"), new(ConflictKind.AddedByOfficer, true, "mistake")], [] },
        { "a declaration cannot be lifted by an officer", File(), [new(ConflictKind.Declared, false, "relative"), new(ConflictKind.Declared, true, "no")], [ConflictKind.Declared] },
        { "several kinds at once", File([At(Acme, "2025-01-01", null)], Acme, ["x1"]), [], [ConflictKind.SameEmployer, ConflictKind.EndorsingEmployer, ConflictKind.EarlierInvolvement] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Find_EveryKind(string because, FileConflictFacts file, RecordedConflict[] recorded, ConflictKind[] expected)
    {
        var found = ConflictFinder.Find(Expert, file, Today, lookbackYears: 3, recorded);

        Assert.True(expected.SequenceEqual(found.Select(c => c.Kind)), $"{because}: {string.Join(", ", found.Select(c => c.Kind))}");
        Assert.All(found, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason.Zh)));
    }

    [Theory]
    [InlineData("广州市某某科技有限责任公司", "广州市某某科技有限公司")]
    [InlineData("Acme  Co.,Ltd", "ACME COMPANY LIMITED")]
    public void Normalise_SameEmployerWrittenTwoWays_IsEqual(string a, string b) =>
        Assert.Equal(EmployerNames.Normalise(a), EmployerNames.Normalise(b));
}
