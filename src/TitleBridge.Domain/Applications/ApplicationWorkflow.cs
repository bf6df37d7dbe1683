using TitleBridge.Domain.Common;
using static TitleBridge.Domain.Applications.ApplicationState;
using static TitleBridge.Domain.Applications.ApplicationTrigger;

namespace TitleBridge.Domain.Applications;

/// <summary>
/// The application's life as one declared table (DESIGN.md "The application's life";
/// docs/decisions/0005-application-workflow.md). Permitted triggers drive the UI, refusals become
/// 409 in the API, and docs/workflow.md is generated from the same rows.
/// </summary>
public static partial class ApplicationWorkflow
{
    public const string NotAllowedCode = "transition.not-allowed";
    public const string RoleNotAllowedCode = "transition.role-not-allowed";
    public const string GuardFailedCode = "transition.guard-failed";

    /// <summary>Guards, each reading one fact of <see cref="TransitionContext"/>.</summary>
    public static class Guards
    {
        public static readonly TransitionGuard DeclarationMade = new(
            "declaration-made",
            nameof(TransitionContext.DeclarationOfAuthenticityMade),
            new("the applicant has made the declaration of authenticity", "申请人已作出真实性承诺"),
            "policy.md §5.1",
            c => c.DeclarationOfAuthenticityMade);

        public static readonly TransitionGuard EmploymentConfirmed = new(
            "employment-confirmed",
            nameof(TransitionContext.EmploymentAndFieldConfirmed),
            new("the employer has confirmed employment and field", "用人单位已确认聘用关系和专业领域"),
            "policy.md §5.2",
            c => c.EmploymentAndFieldConfirmed);

        // The last day still belongs to the publicity: objections may arrive until it ends, so the
        // employer recommends from the next day on (policy.md §5.2 "≥ 5 working days").
        public static readonly TransitionGuard PrePublicityCompleted = new(
            "pre-publicity-completed",
            nameof(TransitionContext.PrePublicityLastDay),
            new("the pre-evaluation publicity has run its full term (today is after its last day)",
                "评前公示期已满（今天晚于公示最后一日）"),
            "policy.md §5.2",
            c => c.PrePublicityLastDay is { } last && c.Today > last);

        // "Missing items are notified once, all together" (policy.md §5.3): a second notice would let
        // intake drip-feed requests and stretch the applicant's deadline.
        public static readonly TransitionGuard NoEarlierCorrection = new(
            "correction-once",
            nameof(TransitionContext.CorrectionAlreadyRequested),
            new("no correction notice has been issued before (missing items are notified once, all together)",
                "此前未发出过补正通知（缺件一次性告知）"),
            "policy.md §5.3",
            c => !c.CorrectionAlreadyRequested);

        public static readonly TransitionGuard CorrectionInTime = new(
            "correction-in-time",
            nameof(TransitionContext.CorrectionDueOn),
            new("the correction deadline has not passed (today is on or before the due date)",
                "补正期限未届满（今天不晚于补正截止日）"),
            "policy.md §5.3",
            c => c.CorrectionDueOn is { } due && c.Today <= due);

        // The exact complement of CorrectionInTime, so on any day exactly one of Resubmit and
        // CorrectionDeadlinePassed is possible and the sweep can never race a timely resubmission.
        public static readonly TransitionGuard CorrectionOverdue = new(
            "correction-overdue",
            nameof(TransitionContext.CorrectionDueOn),
            new("the correction deadline has passed (today is after the due date)",
                "补正期限已届满（今天晚于补正截止日）"),
            "policy.md §5.3",
            c => c.CorrectionDueOn is { } due && c.Today > due);

        public static readonly TransitionGuard ReviewGroupAssigned = new(
            "review-group-assigned",
            nameof(TransitionContext.ReviewGroupAssigned),
            new("a review group of at least three matching experts without conflicts is assigned",
                "已分配不少于三名专业对口且无需回避的评议专家"),
            "policy.md §5.4",
            c => c.ReviewGroupAssigned);

        public static readonly TransitionGuard BallotPassed = new(
            "ballot-passed",
            nameof(TransitionContext.Ballot),
            new("the plenary ballot has closed and passed", "评审会表决已结束且通过"),
            "policy.md §5.4",
            c => c.Ballot == BallotOutcome.Passed);

        public static readonly TransitionGuard BallotFailed = new(
            "ballot-failed",
            nameof(TransitionContext.Ballot),
            new("the plenary ballot has closed and did not pass", "评审会表决已结束且未通过"),
            "policy.md §5.4",
            c => c.Ballot == BallotOutcome.Failed);

        public static readonly TransitionGuard ResultPublicityCompleted = new(
            "result-publicity-completed",
            nameof(TransitionContext.ResultPublicityLastDay),
            new("the result publicity has run its full term (today is after its last day)",
                "评后公示期已满（今天晚于公示最后一日）"),
            "policy.md §5.5, §5.6",
            c => c.ResultPublicityLastDay is { } last && c.Today > last);

        // Null when no result was published (refused at intake): re-examination is of the experts'
        // result, by experts who did not review the file (policy.md §5.7).
        public static readonly TransitionGuard ReexaminationInTime = new(
            "reexamination-in-time",
            nameof(TransitionContext.ReexaminationDueOn),
            new("a result was published and the time for re-examination has not run out",
                "评审结果已公布且仍在申请复查期限内"),
            "policy.md §5.7",
            c => c.ReexaminationDueOn is { } due && c.Today <= due);

        public static readonly TransitionGuard NoEarlierReexamination = new(
            "reexamination-once",
            nameof(TransitionContext.ReexaminationAlreadyRequested),
            new("re-examination has not been requested before", "此前未申请过复查"),
            "docs/decisions/0005-application-workflow.md",
            c => !c.ReexaminationAlreadyRequested);
    }

    private static readonly Actor[] ApplicantOnly = [Actor.Applicant];
    private static readonly Actor[] EmployerOnly = [Actor.Employer];
    private static readonly Actor[] OfficerOnly = [Actor.Officer];
    private static readonly Actor[] SystemOnly = [Actor.System];

    private static Transition Row(ApplicationState from, ApplicationTrigger trigger, Actor[] roles, ApplicationState to, params TransitionGuard[] guards) =>
        new(from, trigger, roles, guards, to);

    /// <summary>THE table. Order is the order of the main line, then side exits; docs follow it.</summary>
    public static IReadOnlyList<Transition> Transitions { get; } =
    [
        // §5.1 application
        Row(Draft, Submit, ApplicantOnly, Submitted, Guards.DeclarationMade),
        // §5.2 employer review and pre-evaluation publicity
        Row(Submitted, OpenEmployerReview, EmployerOnly, EmployerReview),
        Row(EmployerReview, StartPrePublicity, EmployerOnly, PrePublicity, Guards.EmploymentConfirmed),
        Row(PrePublicity, Recommend, EmployerOnly, Intake, Guards.PrePublicityCompleted),
        Row(EmployerReview, Decline, EmployerOnly, DeclinedByEmployer),
        // Objections recorded during publicity may lead the employer to decline before the term ends.
        Row(PrePublicity, Decline, EmployerOnly, DeclinedByEmployer),
        // §5.3 intake
        Row(Intake, Accept, OfficerOnly, Accepted),
        Row(Intake, RequestCorrection, OfficerOnly, CorrectionRequested, Guards.NoEarlierCorrection),
        Row(CorrectionRequested, Resubmit, ApplicantOnly, Intake, Guards.CorrectionInTime),
        Row(CorrectionRequested, CorrectionDeadlinePassed, SystemOnly, Withdrawn, Guards.CorrectionOverdue),
        Row(Intake, RejectAtIntake, OfficerOnly, Rejected),
        // §5.4 expert review
        Row(Accepted, StartReview, OfficerOnly, InReview, Guards.ReviewGroupAssigned),
        Row(InReview, RecordPassingVote, OfficerOnly, Voted, Guards.BallotPassed),
        Row(InReview, RecordFailingVote, OfficerOnly, Rejected, Guards.BallotFailed),
        // §5.5 result publicity
        Row(Voted, StartResultPublicity, OfficerOnly, ResultPublicity),
        Row(ResultPublicity, UpholdObjection, OfficerOnly, ObjectionUpheld),
        // §5.6 confirmation and certificate
        Row(ResultPublicity, Confirm, OfficerOnly, Confirmed, Guards.ResultPublicityCompleted),
        Row(Confirmed, IssueCertificate, OfficerOnly, CertificateIssued),
        // §5.7 re-examination and revocation
        Row(Rejected, RequestReexamination, ApplicantOnly, ReexaminationRequested, Guards.ReexaminationInTime, Guards.NoEarlierReexamination),
        Row(ObjectionUpheld, RequestReexamination, ApplicantOnly, ReexaminationRequested, Guards.ReexaminationInTime, Guards.NoEarlierReexamination),
        Row(ReexaminationRequested, StartReview, OfficerOnly, InReview, Guards.ReviewGroupAssigned),
        Row(Confirmed, Revoke, OfficerOnly, Revoked),
        Row(CertificateIssued, Revoke, OfficerOnly, Revoked),
        // Withdrawal by the applicant: until the bureau accepts the file (decision 0005). From
        // Accepted on, the file is in the committee's hands and ends only by a decision.
        Row(Draft, Withdraw, ApplicantOnly, Withdrawn),
        Row(Submitted, Withdraw, ApplicantOnly, Withdrawn),
        Row(EmployerReview, Withdraw, ApplicantOnly, Withdrawn),
        Row(PrePublicity, Withdraw, ApplicantOnly, Withdrawn),
        Row(Intake, Withdraw, ApplicantOnly, Withdrawn),
        Row(CorrectionRequested, Withdraw, ApplicantOnly, Withdrawn),
    ];

    private static readonly Dictionary<(ApplicationState, ApplicationTrigger), Transition> ByStateAndTrigger = Index(Transitions);

    private static Dictionary<(ApplicationState, ApplicationTrigger), Transition> Index(IReadOnlyList<Transition> rows)
    {
        var index = new Dictionary<(ApplicationState, ApplicationTrigger), Transition>();
        foreach (var row in rows)
        {
            // One row per (state, trigger): the outcome of a trigger never depends on row order.
            if (!index.TryAdd((row.From, row.Trigger), row))
            {
                throw new InvalidOperationException($"The workflow table has two rows for {row.Trigger} from {row.From}.");
            }
        }
        return index;
    }

    /// <summary>The table's row for a trigger in a state, or null if the trigger is not possible there for anyone.</summary>
    public static Transition? Find(ApplicationState state, ApplicationTrigger trigger) =>
        ByStateAndTrigger.GetValueOrDefault((state, trigger));

    /// <summary>The rows leaving <paramref name="state"/>, in table order.</summary>
    public static IReadOnlyList<Transition> From(ApplicationState state) =>
        [.. Transitions.Where(t => t.From == state)];

    /// <summary>True when nothing can happen to an application in <paramref name="state"/> any more.</summary>
    public static bool IsTerminal(ApplicationState state) => !Transitions.Any(t => t.From == state);

    /// <summary>
    /// True while the file is with the employer, the office or the experts, who read the applicant's profile
    /// as it stands: from submission to the final decision (an issued certificate or a terminal state). While a
    /// correction is open the file is back with the applicant, who may correct the profile too. Outside these
    /// states the applicant corrects the profile themselves; inside them they ask the office (PIPL Art. 46, issue #9).
    /// </summary>
    public static bool IsUnderEvaluation(ApplicationState state) =>
        state is not (ApplicationState.Draft or ApplicationState.CorrectionRequested or ApplicationState.CertificateIssued) && !IsTerminal(state);

    /// <summary>The triggers <paramref name="actor"/> may fire now; the UI shows exactly these.</summary>
    public static IReadOnlyList<ApplicationTrigger> PermittedTriggers(ApplicationState state, Actor actor, TransitionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [.. Transitions
            .Where(t => t.From == state && t.AllowsRole(actor) && t.Guards.All(g => g.Holds(context)))
            .Select(t => t.Trigger)];
    }

    /// <summary>
    /// The state after <paramref name="trigger"/>, or the problem that refuses it: not possible in
    /// this state, not for this role, or a guard not met (one problem per unmet guard).
    /// </summary>
    public static Result<ApplicationState> Fire(ApplicationState state, ApplicationTrigger trigger, Actor actor, TransitionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Enum.IsDefined(state)) throw new ArgumentOutOfRangeException(nameof(state), state, null);
        if (!Enum.IsDefined(trigger)) throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null);
        if (!Enum.IsDefined(actor)) throw new ArgumentOutOfRangeException(nameof(actor), actor, null);

        var s = WorkflowNames.Of(state);
        var t = WorkflowNames.Of(trigger);
        if (Find(state, trigger) is not { } row)
        {
            var closed = IsTerminal(state);
            return Result<ApplicationState>.Failure(new Problem(
                NotAllowedCode,
                new BilingualText(
                    $"“{t.En}” is not possible while the application is “{s.En}”." +
                        (closed ? " The application is closed." : ""),
                    $"申请当前状态为“{s.Zh}”，不能办理“{t.Zh}”。" + (closed ? "该申请已办结。" : "")))
            { Kind = ProblemKind.Conflict });
        }

        if (!row.AllowsRole(actor))
        {
            var a = WorkflowNames.Of(actor);
            var roles = WorkflowNames.Join(row.Roles);
            return Result<ApplicationState>.Failure(new Problem(
                RoleNotAllowedCode,
                new BilingualText(
                    $"“{t.En}” while the application is “{s.En}” is for the {roles.En} only, not the {a.En}.",
                    $"申请处于“{s.Zh}”时，“{t.Zh}”只能由{roles.Zh}办理，{a.Zh}无权办理。"))
            { Kind = ProblemKind.Conflict });
        }

        var unmet = row.Guards
            .Where(g => !g.Holds(context))
            .Select(g => new Problem(
                GuardFailedCode,
                new BilingualText(
                    $"“{t.En}” is not possible while the application is “{s.En}”: it requires that {g.Requirement.En}.",
                    $"申请处于“{s.Zh}”时暂不能办理“{t.Zh}”：须{g.Requirement.Zh}。"),
                Field: g.Fact)
            { Kind = ProblemKind.Conflict })
            .ToList();
        return unmet.Count == 0
            ? Result<ApplicationState>.Success(row.To)
            : Result<ApplicationState>.Failure(unmet);
    }
}
