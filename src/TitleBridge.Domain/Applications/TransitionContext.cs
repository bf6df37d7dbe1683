namespace TitleBridge.Domain.Applications;

/// <summary>
/// The facts a guard needs, gathered by the caller from the application and the calendar. The
/// workflow computes no calendar: working-day dates (publicity end, correction due) are worked out by
/// the calendar and stored on the application (DESIGN.md), so guards only compare dates.
/// </summary>
/// <param name="Today">The legal date in Guangzhou on which the trigger is fired.</param>
public sealed record TransitionContext(DateOnly Today)
{
    /// <summary>The applicant has made the declaration of authenticity (§5.1).</summary>
    public bool DeclarationOfAuthenticityMade { get; init; }

    /// <summary>The employer has confirmed employment and field (§5.2).</summary>
    public bool EmploymentAndFieldConfirmed { get; init; }

    /// <summary>The last working day of the pre-evaluation publicity (the PrePublicityWorkingDays-th), or null if not set.</summary>
    public DateOnly? PrePublicityLastDay { get; init; }

    /// <summary>A correction notice has already been issued for this application (§5.3).</summary>
    public bool CorrectionAlreadyRequested { get; init; }

    /// <summary>The last day on which the missing items may be supplied (CorrectionWorkingDays after the notice), or null.</summary>
    public DateOnly? CorrectionDueOn { get; init; }

    /// <summary>A review group of matching, unconflicted experts is assigned (§5.4).</summary>
    public bool ReviewGroupAssigned { get; init; }

    /// <summary>The tally of the plenary ballot, or null before the ballot closes (§5.4).</summary>
    public BallotOutcome? Ballot { get; init; }

    /// <summary>The last working day of the result publicity (the ResultPublicityWorkingDays-th), or null if not set.</summary>
    public DateOnly? ResultPublicityLastDay { get; init; }

    /// <summary>
    /// The last day on which re-examination may be requested (ReexaminationDays after the result was
    /// published), or null when no result was published (e.g. refused at intake) (§5.7).
    /// </summary>
    public DateOnly? ReexaminationDueOn { get; init; }

    /// <summary>The applicant has already requested re-examination of this application (§5.7).</summary>
    public bool ReexaminationAlreadyRequested { get; init; }
}
