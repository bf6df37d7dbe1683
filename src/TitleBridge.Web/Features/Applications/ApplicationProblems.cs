using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Features.Applications;

/// <summary>The problems the applicant's use cases share, so the pages and the API answer alike (404, 409, 400).</summary>
public static class ApplicationProblems
{
    public const string NotFoundCode = "application.notFound";
    public const string NotEditableCode = "application.notEditable";

    public static Problem NotFound => new(NotFoundCode, new("There is no such application among yours.", "您的申请中没有该申请。"));

    public static Problem NotEditable(ApplicationState state) => new(NotEditableCode, new(
        $"This application is “{WorkflowNames.Of(state).En}” and can no longer be changed.",
        $"该申请处于“{WorkflowNames.Of(state).Zh}”状态，不能再修改。"));

    /// <summary>Codes that mean "the application is in the wrong state or changed meanwhile": the API answers 409.</summary>
    public static bool IsConflict(Problem p) => p.Code is NotEditableCode or ApplicationTransitions.ChangedCode
        or ApplicationWorkflow.NotAllowedCode or ApplicationWorkflow.RoleNotAllowedCode or ApplicationWorkflow.GuardFailedCode or "application.alreadyStarted";

    /// <summary>The applicant edits while writing the draft, and again while correcting after the one correction notice (policy.md §5.3).</summary>
    public static bool IsEditable(ApplicationState state) => state is ApplicationState.Draft or ApplicationState.CorrectionRequested;
}
