namespace TitleBridge.Domain.Applications;

/// <summary>
/// Something that happens to an application, named in the policy's own words (policy.md §5).
/// Who may fire each trigger, from which state and under which guard is declared once, in
/// <see cref="ApplicationWorkflow.Transitions"/>; docs/workflow.md is generated from it.
/// </summary>
public enum ApplicationTrigger
{
    /// <summary>The applicant submits, having made the declaration of authenticity (§5.1).</summary>
    Submit,
    /// <summary>The employer opens the application to confirm employment and field (§5.2).</summary>
    OpenEmployerReview,
    /// <summary>The employer starts the internal pre-evaluation publicity (§5.2).</summary>
    StartPrePublicity,
    /// <summary>The employer recommends the application after the publicity has run its full term (§5.2).</summary>
    Recommend,
    /// <summary>The employer declines to recommend (§5.2).</summary>
    Decline,
    /// <summary>The bureau accepts the application for expert review (§5.3).</summary>
    Accept,
    /// <summary>The bureau notifies the missing items — once, all together, with a deadline (§5.3).</summary>
    RequestCorrection,
    /// <summary>The applicant supplies the missing items before the deadline (§5.3).</summary>
    Resubmit,
    /// <summary>The background sweep records that the correction deadline passed: a withdrawal (§5.3).</summary>
    CorrectionDeadlinePassed,
    /// <summary>The applicant withdraws the application.</summary>
    Withdraw,
    /// <summary>The bureau refuses the application at intake (不予受理) (§5.3).</summary>
    RejectAtIntake,
    /// <summary>The review group starts reading the file (§5.4); also starts a re-examination (§5.7).</summary>
    StartReview,
    /// <summary>The plenary ballot's tally is recorded as passed (§5.4).</summary>
    RecordPassingVote,
    /// <summary>The plenary ballot's tally is recorded as not passed (§5.4).</summary>
    RecordFailingVote,
    /// <summary>The bureau starts result publicity (§5.5).</summary>
    StartResultPublicity,
    /// <summary>An objection was investigated and overturns the result (§5.5).</summary>
    UpholdObjection,
    /// <summary>The bureau confirms the result after the publicity has run its full term (§5.6).</summary>
    Confirm,
    /// <summary>The bureau issues the electronic certificate (§5.6).</summary>
    IssueCertificate,
    /// <summary>The applicant asks for re-examination (复查) within the time allowed (§5.7).</summary>
    RequestReexamination,
    /// <summary>The bureau revokes a title, e.g. one obtained by fraud (§5.7).</summary>
    Revoke,
}
