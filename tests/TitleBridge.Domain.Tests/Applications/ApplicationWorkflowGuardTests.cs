using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using static TitleBridge.Domain.Applications.ApplicationState;
using static TitleBridge.Domain.Applications.ApplicationTrigger;

namespace TitleBridge.Domain.Tests.Applications;

/// <summary>Each guard on both sides. Day offsets are relative to "today"; null means the date is not set.</summary>
public class ApplicationWorkflowGuardTests
{
    private static readonly DateOnly Today = new(2027, 3, 10);

    private static DateOnly? Day(int? offset) => offset is { } days ? Today.AddDays(days) : null;

    private static void AssertOutcome(Result<ApplicationState> result, bool allowed, ApplicationState to, string fact)
    {
        if (allowed)
        {
            Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message.En)));
            Assert.Equal(to, result.Value);
        }
        else
        {
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ApplicationWorkflow.GuardFailedCode, problem.Code);
            Assert.Equal(fact, problem.Field);
            Assert.Contains("it requires that", problem.Message.En);
            Assert.Contains("暂不能办理", problem.Message.Zh);
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Submit_NeedsTheDeclarationOfAuthenticity(bool declared, bool allowed)
    {
        var context = new TransitionContext(Today) { DeclarationOfAuthenticityMade = declared };
        AssertOutcome(ApplicationWorkflow.Fire(Draft, Submit, Actor.Applicant, context), allowed, Submitted,
            nameof(TransitionContext.DeclarationOfAuthenticityMade));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void StartPrePublicity_NeedsEmploymentAndFieldConfirmed(bool confirmed, bool allowed)
    {
        var context = new TransitionContext(Today) { EmploymentAndFieldConfirmed = confirmed };
        AssertOutcome(ApplicationWorkflow.Fire(EmployerReview, StartPrePublicity, Actor.Employer, context), allowed, PrePublicity,
            nameof(TransitionContext.EmploymentAndFieldConfirmed));
    }

    [Theory]
    [InlineData(-10, true)]
    [InlineData(-1, true)] // the day after the last day of publicity
    [InlineData(0, false)] // the last day still belongs to the publicity: objections may still come
    [InlineData(3, false)]
    [InlineData(null, false)] // publicity dates not set
    public void Recommend_OnlyAfterThePrePublicityHasRunItsFullTerm(int? lastDayOffset, bool allowed)
    {
        var context = new TransitionContext(Today) { PrePublicityLastDay = Day(lastDayOffset) };
        AssertOutcome(ApplicationWorkflow.Fire(PrePublicity, Recommend, Actor.Employer, context), allowed, Intake,
            nameof(TransitionContext.PrePublicityLastDay));
    }

    [Fact]
    public void Decline_DuringPrePublicity_NeedsNoCompletedTerm()
    {
        // Objections recorded during publicity may lead the employer to decline at once (policy.md §5.2).
        var context = new TransitionContext(Today) { PrePublicityLastDay = Today.AddDays(4) };
        Assert.Equal(DeclinedByEmployer, ApplicationWorkflow.Fire(PrePublicity, Decline, Actor.Employer, context).Value);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)] // missing items are notified once, all together (policy.md §5.3)
    public void RequestCorrection_OnlyOncePerApplication(bool alreadyRequested, bool allowed)
    {
        var context = new TransitionContext(Today) { CorrectionAlreadyRequested = alreadyRequested };
        AssertOutcome(ApplicationWorkflow.Fire(Intake, RequestCorrection, Actor.Officer, context), allowed, CorrectionRequested,
            nameof(TransitionContext.CorrectionAlreadyRequested));
    }

    [Fact]
    public void RequestCorrection_AfterAResubmission_IsRefusedSoTheApplicationMustBeAcceptedOrRefused()
    {
        // The second pass through intake carries the fact that the one notice was used.
        var context = new TransitionContext(Today) { CorrectionAlreadyRequested = true };

        Assert.Equal(
            [Accept, RejectAtIntake],
            ApplicationWorkflow.PermittedTriggers(Intake, Actor.Officer, context));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(0, true)] // the due date itself is in time
    [InlineData(-1, false)]
    [InlineData(null, false)]
    public void Resubmit_OnlyUntilTheCorrectionDueDate(int? dueOffset, bool allowed)
    {
        var context = new TransitionContext(Today) { CorrectionAlreadyRequested = true, CorrectionDueOn = Day(dueOffset) };
        AssertOutcome(ApplicationWorkflow.Fire(CorrectionRequested, Resubmit, Actor.Applicant, context), allowed, Intake,
            nameof(TransitionContext.CorrectionDueOn));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(-30, true)]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(null, false)]
    public void CorrectionDeadlinePassed_OnlyAfterTheDueDate(int? dueOffset, bool allowed)
    {
        var context = new TransitionContext(Today) { CorrectionDueOn = Day(dueOffset) };
        AssertOutcome(ApplicationWorkflow.Fire(CorrectionRequested, CorrectionDeadlinePassed, Actor.System, context), allowed, Withdrawn,
            nameof(TransitionContext.CorrectionDueOn));
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void CorrectionDueDate_OnAnyDayExactlyOneOfResubmitAndTheSweepIsPossible(int dueOffset)
    {
        var context = new TransitionContext(Today) { CorrectionDueOn = Today.AddDays(dueOffset) };

        var resubmit = ApplicationWorkflow.PermittedTriggers(CorrectionRequested, Actor.Applicant, context).Contains(Resubmit);
        var sweep = ApplicationWorkflow.PermittedTriggers(CorrectionRequested, Actor.System, context).Contains(CorrectionDeadlinePassed);

        Assert.NotEqual(resubmit, sweep);
    }

    [Theory]
    [InlineData(Accepted, true, true)]
    [InlineData(Accepted, false, false)]
    [InlineData(ReexaminationRequested, true, true)]
    [InlineData(ReexaminationRequested, false, false)]
    public void StartReview_NeedsAnAssignedReviewGroup(ApplicationState from, bool assigned, bool allowed)
    {
        var context = new TransitionContext(Today) { ReviewGroupAssigned = assigned };
        AssertOutcome(ApplicationWorkflow.Fire(from, StartReview, Actor.Officer, context), allowed, InReview,
            nameof(TransitionContext.ReviewGroupAssigned));
    }

    [Theory]
    [InlineData(BallotOutcome.Passed, true)]
    [InlineData(BallotOutcome.Failed, false)]
    [InlineData(null, false)] // ballot not closed
    public void RecordPassingVote_OnlyWhenTheBallotPassed(BallotOutcome? ballot, bool allowed)
    {
        var context = new TransitionContext(Today) { Ballot = ballot };
        AssertOutcome(ApplicationWorkflow.Fire(InReview, RecordPassingVote, Actor.Officer, context), allowed, Voted,
            nameof(TransitionContext.Ballot));
    }

    [Theory]
    [InlineData(BallotOutcome.Failed, true)]
    [InlineData(BallotOutcome.Passed, false)]
    [InlineData(null, false)]
    public void RecordFailingVote_OnlyWhenTheBallotFailed(BallotOutcome? ballot, bool allowed)
    {
        var context = new TransitionContext(Today) { Ballot = ballot };
        AssertOutcome(ApplicationWorkflow.Fire(InReview, RecordFailingVote, Actor.Officer, context), allowed, Rejected,
            nameof(TransitionContext.Ballot));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(4, false)]
    [InlineData(null, false)]
    public void Confirm_OnlyAfterTheResultPublicityHasRunItsFullTerm(int? lastDayOffset, bool allowed)
    {
        var context = new TransitionContext(Today) { ResultPublicityLastDay = Day(lastDayOffset) };
        AssertOutcome(ApplicationWorkflow.Fire(ResultPublicity, Confirm, Actor.Officer, context), allowed, Confirmed,
            nameof(TransitionContext.ResultPublicityLastDay));
    }

    [Fact]
    public void UpholdObjection_DuringResultPublicity_NeedsNoCompletedTerm()
    {
        var context = new TransitionContext(Today) { ResultPublicityLastDay = Today.AddDays(2) };
        Assert.Equal(ObjectionUpheld, ApplicationWorkflow.Fire(ResultPublicity, UpholdObjection, Actor.Officer, context).Value);
    }

    [Theory]
    [InlineData(Rejected, 30, true)]
    [InlineData(Rejected, 0, true)] // the last day allowed
    [InlineData(Rejected, -1, false)]
    [InlineData(Rejected, null, false)] // no result was published: refused at intake
    [InlineData(ObjectionUpheld, 0, true)]
    [InlineData(ObjectionUpheld, -1, false)]
    public void RequestReexamination_OnlyWithinTheTimeAfterAPublishedResult(ApplicationState from, int? dueOffset, bool allowed)
    {
        var context = new TransitionContext(Today) { ReexaminationDueOn = Day(dueOffset) };
        AssertOutcome(ApplicationWorkflow.Fire(from, RequestReexamination, Actor.Applicant, context), allowed, ReexaminationRequested,
            nameof(TransitionContext.ReexaminationDueOn));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void RequestReexamination_OnlyOnce(bool alreadyRequested, bool allowed)
    {
        var context = new TransitionContext(Today) { ReexaminationDueOn = Today, ReexaminationAlreadyRequested = alreadyRequested };
        AssertOutcome(ApplicationWorkflow.Fire(Rejected, RequestReexamination, Actor.Applicant, context), allowed, ReexaminationRequested,
            nameof(TransitionContext.ReexaminationAlreadyRequested));
    }

    [Fact]
    public void Fire_SeveralGuardsUnmet_ReportsEachOne()
    {
        var context = new TransitionContext(Today) { ReexaminationDueOn = null, ReexaminationAlreadyRequested = true };

        var result = ApplicationWorkflow.Fire(Rejected, RequestReexamination, Actor.Applicant, context);

        Assert.Equal(
            [nameof(TransitionContext.ReexaminationDueOn), nameof(TransitionContext.ReexaminationAlreadyRequested)],
            result.Problems.Select(p => p.Field));
        Assert.All(result.Problems, p => Assert.Equal(ApplicationWorkflow.GuardFailedCode, p.Code));
    }

    [Fact]
    public void Fire_WrongRoleAndGuardUnmet_ReportsTheRoleFirst()
    {
        // Someone without the role learns nothing about the application's facts.
        var result = ApplicationWorkflow.Fire(Draft, Submit, Actor.Employer, new TransitionContext(Today));

        Assert.Equal(ApplicationWorkflow.RoleNotAllowedCode, Assert.Single(result.Problems).Code);
    }
}
