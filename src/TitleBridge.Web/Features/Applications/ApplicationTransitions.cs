using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// What the workflow table permits an actor on an application, and the facts its guards read. State is
/// changed only through <see cref="UnitOfWork"/> (decision record 0038); a concurrent change makes that
/// fail with <see cref="ChangedCode"/> (the API answers 409).
/// </summary>
public sealed class ApplicationTransitions(TimeProvider time)
{
    public const string ChangedCode = "application.changed";

    /// <summary>The facts the workflow's guards read, taken from the application as stored.</summary>
    public TransitionContext ContextFor(Application application) => new(time.Today())
    {
        DeclarationOfAuthenticityMade = application.DeclarationMadeAt is not null,
        EmploymentAndFieldConfirmed = application.EmploymentConfirmed,
        PrePublicityLastDay = application.PrePublicityLastDay,
        CorrectionAlreadyRequested = application.CorrectionRequested,
        CorrectionDueOn = application.CorrectionDueOn,
        ResultPublicityLastDay = application.ResultPublicityLastDay,
        ReexaminationDueOn = application.ReexaminationDueOn,
        ReexaminationAlreadyRequested = application.ReexaminationRequestedAt is not null,
    };

    /// <summary>The clock's time now, for data that goes with a transition.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyList<ApplicationTrigger> Permitted(Application application, Actor actor) =>
        ApplicationWorkflow.PermittedTriggers(application.State, actor, ContextFor(application));

    /// <summary>The answer to a change made meanwhile by someone else (the API answers 409).</summary>
    public static Problem Changed() => Problem.Conflict(ChangedCode, new(
        "Someone else changed this application at the same time. Reload the page to see what happened, then try again.",
        "其他人同时处理了该申请。请刷新页面查看最新情况后重试。"));
}
