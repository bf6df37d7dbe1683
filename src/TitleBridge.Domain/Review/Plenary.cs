using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;

namespace TitleBridge.Domain.Review;

/// <summary>The counts of one closed ballot. Only counts exist: no vote is ever tied to a voter.</summary>
public sealed record Tally(int Yes, int No, int Abstain)
{
    public int Cast => Yes + No + Abstain;
}

/// <summary>What a closed ballot decided and why, in both languages.</summary>
public sealed record BallotDecision(bool Passed, int PresentForItem, Tally Tally, BilingualText Reason);

/// <summary>
/// The plenary's rules (policy.md §5.4), in integers so no rounding ever decides a title:
/// quorum <c>present × d ≥ n × members</c>, pass <c>yes × d ≥ n × present</c> with <c>quorumFraction</c>
/// and <c>passFraction</c> = n/d (2/3: <c>3 × yes ≥ 2 × present</c>).
/// </summary>
public static class PlenaryRules
{
    public static bool HasQuorum(int members, int present, Fraction quorum) =>
        members > 0 && (long)present * quorum.Denominator >= (long)quorum.Numerator * members;

    /// <summary>The smallest number present that makes the quorum.</summary>
    public static int QuorumOf(int members, Fraction quorum) =>
        (int)(((long)quorum.Numerator * members + quorum.Denominator - 1) / quorum.Denominator);

    /// <summary>Members present for one application: those present at the meeting less those recused from it, who leave the room.</summary>
    public static int PresentFor(int presentAtMeeting, int recusedAmongPresent) => presentAtMeeting - recusedAmongPresent;

    /// <summary>Yes votes against those present for the item: an abstention or a missing vote counts against.</summary>
    public static BallotDecision Decide(Tally tally, int presentForItem, Fraction pass)
    {
        if (tally.Cast > presentForItem)
        {
            throw new ArgumentException($"{tally.Cast} votes cast by {presentForItem} members present: a bug, not an outcome.", nameof(tally));
        }
        var passed = presentForItem > 0 && (long)tally.Yes * pass.Denominator >= (long)pass.Numerator * presentForItem;
        var needed = (int)(((long)pass.Numerator * presentForItem + pass.Denominator - 1) / pass.Denominator);
        var reason = new BilingualText(
            $"{tally.Yes} of the {presentForItem} members present for this file voted yes; at least {needed} were needed ({pass} of those present). {tally.No} voted no, {tally.Abstain} abstained, {presentForItem - tally.Cast} did not vote.",
            $"就本申报出席委员 {presentForItem} 名，同意 {tally.Yes} 票，至少需 {needed} 票（出席委员的 {pass}）；反对 {tally.No} 票，弃权 {tally.Abstain} 票，未投票 {presentForItem - tally.Cast} 名。");
        return new BallotDecision(passed, presentForItem, tally, reason);
    }
}
