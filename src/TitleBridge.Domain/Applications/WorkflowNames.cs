using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Applications;

/// <summary>
/// The names people see for states, triggers and roles, in both languages, using the policy's terms
/// (评前公示, 受理, 补正, 评后公示, 复查). One name per concept across UI, API and docs.
/// </summary>
public static class WorkflowNames
{
    public static BilingualText Of(ApplicationState state) => state switch
    {
        ApplicationState.Draft => new("Draft", "草稿"),
        ApplicationState.Submitted => new("Submitted", "已提交"),
        ApplicationState.EmployerReview => new("Employer review", "单位审核中"),
        ApplicationState.PrePublicity => new("Pre-evaluation publicity", "评前公示中"),
        ApplicationState.Intake => new("Intake check", "受理审查中"),
        ApplicationState.CorrectionRequested => new("Correction requested", "待补正"),
        ApplicationState.Accepted => new("Accepted", "已受理"),
        ApplicationState.InReview => new("In expert review", "评审中"),
        ApplicationState.Voted => new("Passed the vote", "评审表决通过"),
        ApplicationState.ResultPublicity => new("Result publicity", "评后公示中"),
        ApplicationState.Confirmed => new("Confirmed", "已确认"),
        ApplicationState.CertificateIssued => new("Certificate issued", "已发证"),
        ApplicationState.Withdrawn => new("Withdrawn", "已撤回"),
        ApplicationState.DeclinedByEmployer => new("Not recommended by employer", "单位不予推荐"),
        ApplicationState.Rejected => new("Not successful", "未通过"),
        ApplicationState.ObjectionUpheld => new("Objection upheld", "异议成立"),
        ApplicationState.Revoked => new("Revoked", "已撤销"),
        ApplicationState.ReexaminationRequested => new("Re-examination requested", "已申请复查"),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static BilingualText Of(ApplicationTrigger trigger) => trigger switch
    {
        ApplicationTrigger.Submit => new("Submit application", "提交申请"),
        ApplicationTrigger.OpenEmployerReview => new("Open employer review", "开始单位审核"),
        ApplicationTrigger.StartPrePublicity => new("Start pre-evaluation publicity", "开始评前公示"),
        ApplicationTrigger.Recommend => new("Recommend", "单位推荐"),
        ApplicationTrigger.Decline => new("Decline to recommend", "不予推荐"),
        ApplicationTrigger.Accept => new("Accept for review", "受理"),
        ApplicationTrigger.RequestCorrection => new("Request correction", "一次性告知补正"),
        ApplicationTrigger.Resubmit => new("Resubmit with corrections", "提交补正材料"),
        ApplicationTrigger.CorrectionDeadlinePassed => new("Correction deadline passed", "补正期限届满"),
        ApplicationTrigger.Withdraw => new("Withdraw application", "撤回申请"),
        ApplicationTrigger.RejectAtIntake => new("Refuse at intake", "不予受理"),
        ApplicationTrigger.StartReview => new("Start expert review", "开始评审"),
        ApplicationTrigger.RecordPassingVote => new("Record vote: passed", "记录表决结果：通过"),
        ApplicationTrigger.RecordFailingVote => new("Record vote: not passed", "记录表决结果：未通过"),
        ApplicationTrigger.StartResultPublicity => new("Start result publicity", "开始评后公示"),
        ApplicationTrigger.UpholdObjection => new("Uphold objection", "认定异议成立"),
        ApplicationTrigger.Confirm => new("Confirm result", "确认评审结果"),
        ApplicationTrigger.IssueCertificate => new("Issue certificate", "颁发电子证书"),
        ApplicationTrigger.RequestReexamination => new("Request re-examination", "申请复查"),
        ApplicationTrigger.Revoke => new("Revoke title", "撤销职称"),
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    /// <summary>What a trigger did, as the timeline says it: "Application submitted", not the button's "Submit application".</summary>
    public static BilingualText Done(ApplicationTrigger trigger) => trigger switch
    {
        ApplicationTrigger.Submit => new("Application submitted", "申请已提交"),
        ApplicationTrigger.OpenEmployerReview => new("Employer began its review", "用人单位开始审核"),
        ApplicationTrigger.StartPrePublicity => new("Pre-evaluation publicity began", "评前公示开始"),
        ApplicationTrigger.Recommend => new("Recommended by the employer", "用人单位已推荐"),
        ApplicationTrigger.Decline => new("Not recommended by the employer", "用人单位不予推荐"),
        ApplicationTrigger.Accept => new("Accepted for expert review", "已受理，进入评审"),
        ApplicationTrigger.RequestCorrection => new("Correction requested", "一次性告知补正"),
        ApplicationTrigger.Resubmit => new("Resubmitted with corrections", "已提交补正材料"),
        ApplicationTrigger.CorrectionDeadlinePassed => new("Correction deadline passed", "补正期限届满"),
        ApplicationTrigger.Withdraw => new("Application withdrawn", "申请已撤回"),
        ApplicationTrigger.RejectAtIntake => new("Refused at intake", "不予受理"),
        ApplicationTrigger.StartReview => new("Expert review began", "专家评审开始"),
        ApplicationTrigger.RecordPassingVote => new("Committee vote: passed", "评审委员会表决：通过"),
        ApplicationTrigger.RecordFailingVote => new("Committee vote: not passed", "评审委员会表决：未通过"),
        ApplicationTrigger.StartResultPublicity => new("Result published for public notice", "评审结果开始公示"),
        ApplicationTrigger.UpholdObjection => new("Objection upheld", "异议成立"),
        ApplicationTrigger.Confirm => new("Result confirmed", "评审结果已确认"),
        ApplicationTrigger.IssueCertificate => new("Certificate issued", "电子证书已颁发"),
        ApplicationTrigger.RequestReexamination => new("Re-examination requested", "已申请复查"),
        ApplicationTrigger.Revoke => new("Title revoked", "职称已撤销"),
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    public static BilingualText Of(Actor actor) => actor switch
    {
        Actor.Applicant => new("applicant", "申请人"),
        Actor.Employer => new("employer", "用人单位"),
        Actor.Officer => new("bureau officer", "人社部门经办人员"),
        Actor.Expert => new("review expert", "评审专家"),
        Actor.Admin => new("administrator", "系统管理员"),
        Actor.System => new("automatic", "系统自动处理"),
        _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, null),
    };

    /// <summary>
    /// A timeline event's name: a trigger's, or a step's (<see cref="ApplicationWorkflow.Steps"/>). An event
    /// written by an older version under a name no longer known reads as a neutral "Application updated".
    /// </summary>
    public static BilingualText OfEvent(string what) =>
        Enum.TryParse<ApplicationTrigger>(what, out var trigger) && Enum.IsDefined(trigger) ? Done(trigger)
        : ApplicationWorkflow.Steps.FirstOrDefault(s => s.Event == what)?.Done
          ?? new("Application updated", "申请信息有更新");

    /// <summary>Roles joined for a sentence: "applicant or employer" / "申请人或用人单位".</summary>
    public static BilingualText Join(IReadOnlyList<Actor> roles) => new(
        string.Join(" or ", roles.Select(r => Of(r).En)),
        string.Join("或", roles.Select(r => Of(r).Zh)));
}
