using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Features.Applications;

/// <summary>The problems the applicant's use cases share, so the pages and the API answer alike (404, 409, 400).</summary>
public static class ApplicationProblems
{
    public const string NotFoundCode = "application.not-found";
    public const string NotEditableCode = "application.not-editable";

    public static Problem NotFound => Problem.NotFound(NotFoundCode, new("There is no such application among yours.", "您的申请中没有该申请。"));

    public static Problem NotEditable(ApplicationState state) => Problem.Conflict(NotEditableCode, new(
        $"This application is “{WorkflowNames.Of(state).En}” and can no longer be changed.",
        $"该申请处于“{WorkflowNames.Of(state).Zh}”状态，不能再修改。"));

    /// <summary>The applicant edits while writing the draft, and again while correcting after the one correction notice (policy.md §5.3).</summary>
    public static bool IsEditable(ApplicationState state) => state is ApplicationState.Draft or ApplicationState.CorrectionRequested;
}
