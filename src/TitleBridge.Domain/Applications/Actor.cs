namespace TitleBridge.Domain.Applications;

/// <summary>The role in which someone (or the background sweep) acts on an application (DESIGN.md "Who uses it").</summary>
public enum Actor
{
    /// <summary>The person applying (§5.1).</summary>
    Applicant,
    /// <summary>The applicant's employer (用人单位) (§5.2).</summary>
    Employer,
    /// <summary>Bureau staff: intake, publicity, confirmation, certificates (§5.3, §5.5, §5.6).</summary>
    Officer,
    /// <summary>
    /// A review expert. Experts fire no trigger: ballots are anonymous (§5.4), so no transition may
    /// carry an expert's identity; the officer records the tally.
    /// </summary>
    Expert,
    /// <summary>
    /// The administrator: accounts, roles, audit, settings. Fires no trigger, so that whoever manages
    /// accounts cannot also decide cases.
    /// </summary>
    Admin,
    /// <summary>The background sweep that applies due transitions (DESIGN.md), e.g. a missed correction deadline.</summary>
    System,
}

/// <summary>The tally of the plenary's anonymous ballot on one application (policy.md §5.4).</summary>
public enum BallotOutcome
{
    /// <summary>Yes votes ≥ passFraction of the experts present and voting, with a quorum.</summary>
    Passed,
    /// <summary>Anything else.</summary>
    Failed,
}
