using TitleBridge.Domain.Common;
using static TitleBridge.Domain.Applications.ApplicationState;

namespace TitleBridge.Domain.Applications;

/// <summary>
/// Things people do to an application that do not change its state (edit a section, upload or remove a
/// document, confirm employment, record an objection). Each is recorded on the timeline under its
/// <see cref="ApplicationWorkflow.StepRow.Event"/> name.
/// </summary>
public enum ApplicationStep
{
    EditSection,
    AddDocument,
    RemoveDocument,
    ConfirmEmployment,
    RecordObjection,
}

public static partial class ApplicationWorkflow
{
    /// <summary>One row of <see cref="Steps"/>: who may take a step in which states, and the timeline event it writes.</summary>
    public sealed record StepRow(ApplicationStep Step, Actor Role, IReadOnlyList<ApplicationState> States, string Event, BilingualText Name, BilingualText Done);

    /// <summary>
    /// THE table of steps beside the transitions: pages show a step's controls and handlers accept it only
    /// in these states, for this role. While a correction is open (policy.md §5.3) the applicant edits
    /// sections and replaces or removes documents; the employer confirms employment during its review and
    /// records objections during the publicity (§5.2).
    /// </summary>
    public static IReadOnlyList<StepRow> Steps { get; } =
    [
        new(ApplicationStep.EditSection, Actor.Applicant, [Draft, CorrectionRequested], "SectionCorrected",
            new("edit a section", "修改申报内容"), new("Section corrected", "修改了申报内容")),
        new(ApplicationStep.AddDocument, Actor.Applicant, [Draft, CorrectionRequested], "DocumentAdded",
            new("upload a document", "上传材料"), new("Document added", "补充了材料")),
        new(ApplicationStep.RemoveDocument, Actor.Applicant, [Draft, CorrectionRequested], "DocumentRemoved",
            new("remove a document", "删除材料"), new("Document removed", "删除了材料")),
        new(ApplicationStep.ConfirmEmployment, Actor.Employer, [EmployerReview], "EmploymentConfirmed",
            new("confirm employment and field", "确认任职及专业领域"), new("Employment and field confirmed", "单位确认了任职及专业领域")),
        new(ApplicationStep.RecordObjection, Actor.Employer, [PrePublicity], "PublicityObjectionRecorded",
            new("record an objection", "登记异议"), new("Objection recorded during the publicity", "登记了公示期间的异议")),
    ];

    public static StepRow Row(ApplicationStep step) => Steps.First(s => s.Step == step);

    /// <summary>Whether <paramref name="actor"/> may take <paramref name="step"/> while the application is in <paramref name="state"/>.</summary>
    public static bool Allows(ApplicationStep step, ApplicationState state, Actor actor) =>
        Row(step) is var row && row.Role == actor && row.States.Contains(state);

    /// <summary>The problem that refuses a step in the wrong state or for the wrong role.</summary>
    public static Problem StepRefused(ApplicationStep step, ApplicationState state)
    {
        var row = Row(step);
        var s = WorkflowNames.Of(state);
        return Problem.Conflict(NotAllowedCode, new(
            $"You cannot {row.Name.En} while the application is “{s.En}”.",
            $"申请当前状态为“{s.Zh}”，不能{row.Name.Zh}。"));
    }
}
