using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Review;

namespace TitleBridge.Domain.Tests.Review;

/// <summary>policy.md §5.4: quorum ≥ 2/3 of members; pass when 3 × yes ≥ 2 × present (present, not voting).</summary>
public class PlenaryRulesTests
{
    private static readonly Fraction TwoThirds = new(2, 3);

    [Theory]
    [InlineData(17, 12, 5, 0, true)]    // 36 ≥ 34
    [InlineData(17, 11, 6, 0, false)]   // 33 < 34
    [InlineData(17, 11, 0, 0, false)]   // six did not vote: they count against
    [InlineData(17, 11, 0, 6, false)]   // abstentions count against
    [InlineData(18, 12, 0, 6, true)]    // 36 ≥ 36 exactly
    [InlineData(18, 11, 7, 0, false)]
    [InlineData(3, 2, 1, 0, true)]
    [InlineData(3, 2, 0, 1, true)]
    [InlineData(3, 1, 0, 2, false)]
    [InlineData(1, 1, 0, 0, true)]
    [InlineData(1, 0, 0, 1, false)]
    [InlineData(0, 0, 0, 0, false)]     // nobody present decides nothing
    public void Decide_YesAgainstThosePresent(int present, int yes, int no, int abstain, bool passes)
    {
        var outcome = PlenaryRules.Decide(new Tally(yes, no, abstain), present, TwoThirds);

        Assert.Equal(passes, outcome.Passed);
        Assert.Contains($"{yes}", outcome.Reason.Zh);
    }

    [Fact]
    public void Decide_ARecusedMemberChangesTheDenominator()
    {
        // 18 at the meeting, 11 yes: 33 < 36 with nobody recused, 33 < 34 with one recused, 33 ≥ 32 with two.
        Assert.False(PlenaryRules.Decide(new Tally(11, 0, 0), PlenaryRules.PresentFor(18, 0), TwoThirds).Passed);
        Assert.False(PlenaryRules.Decide(new Tally(11, 0, 0), PlenaryRules.PresentFor(18, 1), TwoThirds).Passed);
        Assert.True(PlenaryRules.Decide(new Tally(11, 0, 0), PlenaryRules.PresentFor(18, 2), TwoThirds).Passed);
    }

    [Fact]
    public void Decide_MoreVotesThanPresent_IsABug() =>
        Assert.Throws<ArgumentException>(() => PlenaryRules.Decide(new Tally(3, 1, 0), 3, TwoThirds));

    [Theory]
    [InlineData(25, 17, true)]    // 51 ≥ 50
    [InlineData(25, 16, false)]   // 48 < 50
    [InlineData(27, 18, true)]    // exactly 2/3
    [InlineData(27, 17, false)]
    [InlineData(11, 8, true)]
    [InlineData(11, 7, false)]
    [InlineData(7, 5, true)]
    [InlineData(7, 4, false)]
    [InlineData(0, 0, false)]
    public void HasQuorum_TwoThirdsOfMembers(int members, int present, bool quorate)
    {
        Assert.Equal(quorate, PlenaryRules.HasQuorum(members, present, TwoThirds));
        if (members > 0)
        {
            Assert.Equal(quorate, present >= PlenaryRules.QuorumOf(members, TwoThirds));
        }
    }
}
