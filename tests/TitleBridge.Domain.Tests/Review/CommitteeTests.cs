using TitleBridge.Domain.Review;
using TitleBridge.Domain.Tests.Eligibility;

namespace TitleBridge.Domain.Tests.Review;

public class CommitteeTests
{
    private static readonly DateOnly Meeting = new(2026, 6, 1);

    private static CommitteeMemberTerm[] Members(int n) =>
        Enumerable.Range(0, n).Select(i => new CommitteeMemberTerm($"x{i:D3}", new(2025, 1, 1), new(2027, 12, 31))).ToArray();

    [Theory]
    [InlineData(LevelBand.Senior, CommitteeOrganisation.BySeries, 25, new string[0])]
    [InlineData(LevelBand.Senior, CommitteeOrganisation.BySeries, 23, new[] { "committee.too-small" })]
    [InlineData(LevelBand.Senior, CommitteeOrganisation.BySeries, 26, new[] { "committee.even" })]
    [InlineData(LevelBand.Senior, CommitteeOrganisation.BySpecialty, 11, new string[0])]
    [InlineData(LevelBand.Senior, CommitteeOrganisation.BySpecialty, 9, new[] { "committee.too-small" })]
    [InlineData(LevelBand.Senior, CommitteeOrganisation.BySpecialty, 10, new[] { "committee.even", "committee.too-small" })]
    [InlineData(LevelBand.IntermediateJunior, CommitteeOrganisation.BySeries, 7, new string[0])]
    [InlineData(LevelBand.IntermediateJunior, CommitteeOrganisation.BySpecialty, 5, new[] { "committee.too-small" })]
    [InlineData(LevelBand.IntermediateJunior, CommitteeOrganisation.BySpecialty, 8, new[] { "committee.even" })]
    public void MeetingProblems_SizeRules(LevelBand band, CommitteeOrganisation organisation, int size, string[] codes)
    {
        var problems = CommitteeRules.MeetingProblems(Members(size), band, organisation, TestRepo.RuleSet, Meeting);

        Assert.Equal(codes, problems.Select(p => p.Code));
        Assert.All(problems, p => Assert.Contains($"{size}", p.Message.Zh));
    }

    [Fact]
    public void MeetingProblems_AMemberWhoseTermEndedBeforeTheMeeting_IsNamedAsAReason()
    {
        var members = Members(7);
        members[3] = members[3] with { TermTo = Meeting.AddDays(-1) };

        var problem = Assert.Single(CommitteeRules.MeetingProblems(members, LevelBand.IntermediateJunior, CommitteeOrganisation.BySpecialty, TestRepo.RuleSet, Meeting));

        Assert.Equal("committee.term", problem.Code);
    }

    private static readonly DrawCandidate[] Pool = Enumerable.Range(0, 40)
        .Select(i => new DrawCandidate($"x{i:D2}", [i % 4 == 0 ? "civil-structural" : "computer-software", i == 37 ? "energy" : "mechanical"]))
        .ToArray();

    [Fact]
    public void Draw_SameSeed_ReplaysExactly_InAnyInputOrder()
    {
        var a = CommitteeDraw.Draw(Pool, ["x05"], 11, ["energy", "civil-structural"], seed: 20260601).Value;
        var b = CommitteeDraw.Draw(Pool.Reverse().ToArray(), ["x05"], 11, ["civil-structural", "energy"], seed: 20260601).Value;
        var c = CommitteeDraw.Draw(Pool, ["x05"], 11, ["energy", "civil-structural"], seed: 20260602).Value;

        Assert.Equal(a.Members, b.Members);
        Assert.NotEqual(a.Members, c.Members);
        Assert.Equal(11, a.Members.Distinct().Count());
        Assert.Equal("x05", a.Members[0]);
        Assert.Contains("x37", a.Members);   // the only energy expert: coverage draws them
    }

    [Fact]
    public void Draw_ASpecialtyNobodyHas_IsReported_AndAPoolTooSmall_IsRefused()
    {
        Assert.Equal(["urban-planning"], CommitteeDraw.Draw(Pool, [], 7, ["urban-planning"], 1).Value.UncoveredSpecialties);
        Assert.Equal("committee.pool-too-small", Assert.Single(CommitteeDraw.Draw(Pool, [], 41, [], 1).Problems).Code);
        Assert.Equal("committee.chair-unavailable", Assert.Single(CommitteeDraw.Draw(Pool, ["nobody"], 7, [], 1).Problems).Code);
    }
}
