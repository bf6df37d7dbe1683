using TitleBridge.Domain.Applications;
using static TitleBridge.Domain.Applications.ApplicationState;
using static TitleBridge.Domain.Applications.ApplicationTrigger;

namespace TitleBridge.Domain.Tests.Applications;

/// <summary>Every row of the table, every pair not in it, and every role: the matrix the API's 409s rely on.</summary>
public class ApplicationWorkflowTests
{
    private static readonly DateOnly Today = new(2027, 3, 10);

    /// <summary>A context in which every guard of <paramref name="row"/> holds.</summary>
    private static TransitionContext Satisfying(Transition row)
    {
        var context = new TransitionContext(Today)
        {
            DeclarationOfAuthenticityMade = true,
            EmploymentAndFieldConfirmed = true,
            PrePublicityLastDay = Today.AddDays(-1),
            CorrectionAlreadyRequested = false,
            CorrectionDueOn = Today,
            ReviewGroupAssigned = true,
            Ballot = BallotOutcome.Passed,
            ResultPublicityLastDay = Today.AddDays(-1),
            ReexaminationDueOn = Today,
            ReexaminationAlreadyRequested = false,
        };
        return row.Trigger switch
        {
            CorrectionDeadlinePassed => context with { CorrectionDueOn = Today.AddDays(-1) },
            RecordFailingVote => context with { Ballot = BallotOutcome.Failed },
            _ => context,
        };
    }

    private static Transition RowFor(ApplicationState from, ApplicationTrigger trigger) =>
        ApplicationWorkflow.Find(from, trigger) ?? throw new InvalidOperationException($"No row {from} {trigger}.");

    public static TheoryData<ApplicationState, ApplicationTrigger, Actor, ApplicationState> AllowedRoles()
    {
        var data = new TheoryData<ApplicationState, ApplicationTrigger, Actor, ApplicationState>();
        foreach (var row in ApplicationWorkflow.Transitions)
        {
            foreach (var role in row.Roles)
            {
                data.Add(row.From, row.Trigger, role, row.To);
            }
        }
        return data;
    }

    public static TheoryData<ApplicationState, ApplicationTrigger, Actor> RefusedRoles()
    {
        var data = new TheoryData<ApplicationState, ApplicationTrigger, Actor>();
        foreach (var row in ApplicationWorkflow.Transitions)
        {
            foreach (var actor in Enum.GetValues<Actor>().Where(a => !row.AllowsRole(a)))
            {
                data.Add(row.From, row.Trigger, actor);
            }
        }
        return data;
    }

    public static TheoryData<ApplicationState, ApplicationTrigger> PairsNotInTable()
    {
        var data = new TheoryData<ApplicationState, ApplicationTrigger>();
        foreach (var state in Enum.GetValues<ApplicationState>())
        {
            foreach (var trigger in Enum.GetValues<ApplicationTrigger>())
            {
                if (ApplicationWorkflow.Find(state, trigger) is null)
                {
                    data.Add(state, trigger);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedRoles))]
    public void Fire_AllowedRoleWithGuardsMet_MovesToTheTablesState(ApplicationState from, ApplicationTrigger trigger, Actor actor, ApplicationState to)
    {
        var result = ApplicationWorkflow.Fire(from, trigger, actor, Satisfying(RowFor(from, trigger)));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message.En)));
        Assert.Equal(to, result.Value);
    }

    [Theory]
    [MemberData(nameof(RefusedRoles))]
    public void Fire_OtherRole_IsRefusedAsRoleNotAllowed(ApplicationState from, ApplicationTrigger trigger, Actor actor)
    {
        var result = ApplicationWorkflow.Fire(from, trigger, actor, Satisfying(RowFor(from, trigger)));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ApplicationWorkflow.RoleNotAllowedCode, problem.Code);
        Assert.Contains(WorkflowNames.Of(actor).En, problem.Message.En);
        Assert.Contains(WorkflowNames.Of(actor).Zh, problem.Message.Zh);
    }

    [Theory]
    [MemberData(nameof(PairsNotInTable))]
    public void Fire_PairNotInTable_IsRefusedAsNotAllowedForEveryRole(ApplicationState from, ApplicationTrigger trigger)
    {
        // A context in which every guard of every row holds, so only the table can refuse.
        var context = new TransitionContext(Today)
        {
            DeclarationOfAuthenticityMade = true,
            EmploymentAndFieldConfirmed = true,
            PrePublicityLastDay = Today.AddDays(-1),
            CorrectionDueOn = Today,
            ReviewGroupAssigned = true,
            Ballot = BallotOutcome.Passed,
            ResultPublicityLastDay = Today.AddDays(-1),
            ReexaminationDueOn = Today,
        };
        foreach (var actor in Enum.GetValues<Actor>())
        {
            var result = ApplicationWorkflow.Fire(from, trigger, actor, context);

            var problem = Assert.Single(result.Problems);
            Assert.Equal(ApplicationWorkflow.NotAllowedCode, problem.Code);
            Assert.Contains(WorkflowNames.Of(from).En, problem.Message.En);
            Assert.Contains(WorkflowNames.Of(trigger).En, problem.Message.En);
            Assert.Contains(WorkflowNames.Of(from).Zh, problem.Message.Zh);
            Assert.Contains(WorkflowNames.Of(trigger).Zh, problem.Message.Zh);
        }
    }

    [Fact]
    public void Table_CoversEveryPairExactlyOnce_EitherAsARowOrAsARefusal()
    {
        var states = Enum.GetValues<ApplicationState>().Length;
        var triggers = Enum.GetValues<ApplicationTrigger>().Length;
        var rows = ApplicationWorkflow.Transitions.Count;

        Assert.Equal(rows, ApplicationWorkflow.Transitions.Select(t => (t.From, t.Trigger)).Distinct().Count());
        Assert.Equal(states * triggers - rows, PairsNotInTable().Count());
    }

    [Fact]
    public void Table_EveryTriggerIsUsedAndEveryRowHasARole()
    {
        Assert.All(Enum.GetValues<ApplicationTrigger>(), trigger =>
            Assert.Contains(ApplicationWorkflow.Transitions, t => t.Trigger == trigger));
        Assert.All(ApplicationWorkflow.Transitions, t => Assert.NotEmpty(t.Roles));
    }

    [Fact]
    public void Table_EveryStateIsReachableFromDraft()
    {
        var reached = new HashSet<ApplicationState> { Draft };
        var queue = new Queue<ApplicationState>([Draft]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var row in ApplicationWorkflow.From(state))
            {
                if (reached.Add(row.To))
                {
                    queue.Enqueue(row.To);
                }
            }
        }

        Assert.Equal(Enum.GetValues<ApplicationState>().OrderBy(s => s), reached.OrderBy(s => s));
    }

    [Fact]
    public void Table_FromEveryStateATerminalStateIsReachable()
    {
        foreach (var start in Enum.GetValues<ApplicationState>())
        {
            var seen = new HashSet<ApplicationState> { start };
            var queue = new Queue<ApplicationState>([start]);
            var ends = false;
            while (queue.TryDequeue(out var state))
            {
                ends |= ApplicationWorkflow.IsTerminal(state);
                foreach (var row in ApplicationWorkflow.From(state).Where(r => seen.Add(r.To)))
                {
                    queue.Enqueue(row.To);
                }
            }
            Assert.True(ends, $"No way out of {start}.");
        }
    }

    [Fact]
    public void Table_ExpertAndAdminFireNoTrigger()
    {
        // Experts vote by anonymous ballot (policy.md §5.4); administrators do not decide cases (decision 0005).
        Assert.DoesNotContain(ApplicationWorkflow.Transitions, t => t.AllowsRole(Actor.Expert) || t.AllowsRole(Actor.Admin));
    }

    [Fact]
    public void Table_TheBackgroundSweepOnlyAppliesTheMissedCorrectionDeadline()
    {
        var sweep = Assert.Single(ApplicationWorkflow.Transitions, t => t.AllowsRole(Actor.System));
        Assert.Equal((CorrectionRequested, CorrectionDeadlinePassed, Withdrawn), (sweep.From, sweep.Trigger, sweep.To));
        Assert.Equal([Actor.System], sweep.Roles);
    }

    [Fact]
    public void Guards_HaveUniqueIdsAndCiteTheirSource()
    {
        var guards = ApplicationWorkflow.Transitions.SelectMany(t => t.Guards).Distinct().ToList();

        Assert.Equal(guards.Count, guards.Select(g => g.Id).Distinct().Count());
        Assert.All(guards, g =>
        {
            Assert.Matches("^(policy\\.md §|docs/decisions/)", g.Source);
            Assert.NotNull(typeof(TransitionContext).GetProperty(g.Fact));
            Assert.False(string.IsNullOrWhiteSpace(g.Requirement.En));
            Assert.False(string.IsNullOrWhiteSpace(g.Requirement.Zh));
        });
    }

    [Theory]
    [InlineData(Withdrawn)]
    [InlineData(DeclinedByEmployer)]
    [InlineData(Revoked)]
    public void SideExit_IsTerminal_NothingIsPermittedAndEveryTriggerIsRefused(ApplicationState state)
    {
        Assert.True(ApplicationWorkflow.IsTerminal(state));
        foreach (var row in ApplicationWorkflow.Transitions)
        {
            foreach (var actor in Enum.GetValues<Actor>())
            {
                Assert.Empty(ApplicationWorkflow.PermittedTriggers(state, actor, Satisfying(row)));
            }
        }
        foreach (var trigger in Enum.GetValues<ApplicationTrigger>())
        {
            var problem = Assert.Single(ApplicationWorkflow.Fire(state, trigger, Actor.Officer, new TransitionContext(Today)).Problems);
            Assert.Equal(ApplicationWorkflow.NotAllowedCode, problem.Code);
            Assert.EndsWith("The application is closed.", problem.Message.En);
            Assert.EndsWith("该申请已办结。", problem.Message.Zh);
        }
    }

    [Fact]
    public void TerminalStates_AreExactlyWithdrawnDeclinedAndRevoked()
    {
        Assert.Equal(
            [Withdrawn, DeclinedByEmployer, Revoked],
            Enum.GetValues<ApplicationState>().Where(ApplicationWorkflow.IsTerminal));
    }

    [Theory]
    [InlineData(Rejected)]
    [InlineData(ObjectionUpheld)]
    public void NegativeResult_OnlyLeadsToReexamination(ApplicationState state)
    {
        var row = Assert.Single(ApplicationWorkflow.From(state));
        Assert.Equal((RequestReexamination, ReexaminationRequested), (row.Trigger, row.To));
        Assert.Equal([Actor.Applicant], row.Roles);
    }

    [Theory]
    [InlineData(Draft, true)]
    [InlineData(Submitted, true)]
    [InlineData(EmployerReview, true)]
    [InlineData(PrePublicity, true)]
    [InlineData(Intake, true)]
    [InlineData(CorrectionRequested, true)]
    [InlineData(Accepted, false)]
    [InlineData(InReview, false)]
    [InlineData(Voted, false)]
    [InlineData(ResultPublicity, false)]
    [InlineData(Confirmed, false)]
    [InlineData(CertificateIssued, false)]
    [InlineData(Rejected, false)]
    [InlineData(ObjectionUpheld, false)]
    [InlineData(ReexaminationRequested, false)]
    public void Withdraw_ByApplicant_IsAllowedOnlyUntilTheBureauAccepts(ApplicationState state, bool allowed)
    {
        var result = ApplicationWorkflow.Fire(state, Withdraw, Actor.Applicant, new TransitionContext(Today));

        Assert.Equal(allowed, result.Succeeded);
        if (allowed)
        {
            Assert.Equal(Withdrawn, result.Value);
        }
        else
        {
            Assert.Equal(ApplicationWorkflow.NotAllowedCode, Assert.Single(result.Problems).Code);
        }
    }

    public static TheoryData<ApplicationState, Actor> StatesAndActors()
    {
        var data = new TheoryData<ApplicationState, Actor>();
        foreach (var state in Enum.GetValues<ApplicationState>())
        {
            foreach (var actor in Enum.GetValues<Actor>())
            {
                data.Add(state, actor);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StatesAndActors))]
    public void PermittedTriggers_AreExactlyTheTriggersThatFireSucceeds(ApplicationState state, Actor actor)
    {
        // The UI shows PermittedTriggers and the API calls Fire: they must never disagree.
        var contexts = ApplicationWorkflow.Transitions.Select(Satisfying).Append(new TransitionContext(Today));
        foreach (var context in contexts)
        {
            var expected = Enum.GetValues<ApplicationTrigger>()
                .Where(t => ApplicationWorkflow.Fire(state, t, actor, context).Succeeded);

            Assert.Equal(expected.OrderBy(t => t), ApplicationWorkflow.PermittedTriggers(state, actor, context).OrderBy(t => t));
        }
    }

    [Fact]
    public void PermittedTriggers_InIntakeForTheOfficer_OfferAcceptCorrectionAndRefusal()
    {
        var context = new TransitionContext(Today);

        Assert.Equal([Accept, RequestCorrection, RejectAtIntake], ApplicationWorkflow.PermittedTriggers(Intake, Actor.Officer, context));
        Assert.Equal([Withdraw], ApplicationWorkflow.PermittedTriggers(Intake, Actor.Applicant, context));
        Assert.Empty(ApplicationWorkflow.PermittedTriggers(Intake, Actor.Employer, context));
    }

    [Fact]
    public void Fire_UndefinedEnumValue_IsABugNotAResult()
    {
        var context = new TransitionContext(Today);
        Assert.Throws<ArgumentOutOfRangeException>(() => ApplicationWorkflow.Fire((ApplicationState)99, Submit, Actor.Applicant, context));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApplicationWorkflow.Fire(Draft, (ApplicationTrigger)99, Actor.Applicant, context));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApplicationWorkflow.Fire(Draft, Submit, (Actor)99, context));
    }

    [Fact]
    public void Fire_TheWholeMainLine_EndsWithACertificate()
    {
        (ApplicationTrigger Trigger, Actor Actor)[] steps =
        [
            (Submit, Actor.Applicant), (OpenEmployerReview, Actor.Employer), (StartPrePublicity, Actor.Employer),
            (Recommend, Actor.Employer), (RequestCorrection, Actor.Officer), (Resubmit, Actor.Applicant),
            (Accept, Actor.Officer), (StartReview, Actor.Officer), (RecordPassingVote, Actor.Officer),
            (StartResultPublicity, Actor.Officer), (Confirm, Actor.Officer), (IssueCertificate, Actor.Officer),
        ];
        var state = Draft;
        foreach (var (trigger, actor) in steps)
        {
            state = ApplicationWorkflow.Fire(state, trigger, actor, Satisfying(RowFor(state, trigger))).Value;
        }
        Assert.Equal(CertificateIssued, state);
    }
}
