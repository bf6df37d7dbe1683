namespace TitleBridge.Domain.Applications;

/// <summary>
/// Where an application stands in the annual evaluation procedure (policy.md §5; DESIGN.md "The
/// application's life"). The main line runs Draft → CertificateIssued; the rest are side exits.
/// Which states are terminal is decided by <see cref="ApplicationWorkflow"/>'s table, not here.
/// </summary>
public enum ApplicationState
{
    /// <summary>Being written by the applicant (§5.1); nobody else sees it.</summary>
    Draft,
    /// <summary>Submitted with the declaration of authenticity (§5.1); waiting for the employer.</summary>
    Submitted,
    /// <summary>The employer is confirming employment and field (§5.2).</summary>
    EmployerReview,
    /// <summary>Pre-evaluation publicity (评前公示) inside the employer, ≥ PrePublicityWorkingDays (§5.2).</summary>
    PrePublicity,
    /// <summary>Recommended by the employer; the bureau's formal check (受理) is under way (§5.3).</summary>
    Intake,
    /// <summary>The one correction notice has been sent; waiting for the missing items (§5.3).</summary>
    CorrectionRequested,
    /// <summary>Accepted for expert review in this cycle (§5.3).</summary>
    Accepted,
    /// <summary>A review group is reading the file (§5.4).</summary>
    InReview,
    /// <summary>The plenary ballot passed (§5.4).</summary>
    Voted,
    /// <summary>Result publicity (评后公示), ≥ ResultPublicityWorkingDays (§5.5).</summary>
    ResultPublicity,
    /// <summary>Confirmed by the bureau (§5.6).</summary>
    Confirmed,
    /// <summary>The electronic certificate has been issued (§5.6).</summary>
    CertificateIssued,

    /// <summary>Withdrawn by the applicant, or by a missed correction deadline (§5.3).</summary>
    Withdrawn,
    /// <summary>The employer did not recommend the application (§5.2).</summary>
    DeclinedByEmployer,
    /// <summary>Refused at intake, or the plenary ballot did not pass (§5.3, §5.4).</summary>
    Rejected,
    /// <summary>An objection during result publicity was investigated and overturned the result (§5.5).</summary>
    ObjectionUpheld,
    /// <summary>The title was revoked, e.g. because it was obtained by fraud (§5.7).</summary>
    Revoked,
    /// <summary>The applicant asked for re-examination (复查) of a published result (§5.7).</summary>
    ReexaminationRequested,
}
