using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure.Email;

// The emails of the application workflow (DESIGN.md, "The application's life"). Wording follows the
// policy's own terms: 补正 (correction), 受理 (acceptance), 撤回 (withdrawal), 用人单位 (employer).

/// <summary>Sent when someone registers: the link proves they own the address.</summary>
public sealed record ConfirmEmail(Uri Link) : EmailTemplate
{
    protected override BilingualText Subject => new("Confirm your email address for TitleBridge", "请确认您在 TitleBridge 职称通登记的邮箱地址");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new("Someone, probably you, created a TitleBridge account with this email address. Confirm it to continue.",
            "有人（可能是您本人）使用此邮箱地址注册了 TitleBridge 职称通账户。请确认邮箱后继续。")),
        new EmailLink(new("Confirm your email address", "确认邮箱地址"), Link),
        new EmailParagraph(new("If you did not create an account, ignore this email: nothing will happen.",
            "如果您没有注册账户，请忽略本邮件，不会产生任何影响。")),
    ];
}

/// <summary>Sent to the owner of an address when someone tries to register it again (the registration answers as usual).</summary>
public sealed record AccountAlreadyExists(Uri SignIn) : EmailTemplate
{
    protected override BilingualText Subject => new("Someone tried to register your email address at TitleBridge", "有人尝试用您的邮箱地址注册 TitleBridge 职称通");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new("Someone, perhaps you, tried to create a TitleBridge account with this email address. You already have one, so nothing was created.",
            "有人（可能是您本人）尝试使用此邮箱地址注册 TitleBridge 职称通账户。该邮箱已有账户，因此未创建新账户。")),
        new EmailLink(new("Sign in to your account", "登录您的账户"), SignIn),
        new EmailParagraph(new("If this was not you, you need not do anything: your account and password are unchanged.",
            "如果不是您本人操作，您无需处理：您的账户和密码均未改变。")),
    ];
}

/// <summary>Sent to an employer when an officer approves its account.</summary>
public sealed record EmployerAccountApproved : EmailTemplate
{
    protected override BilingualText Subject => new("Your employer account has been approved", "您的用人单位账户已审核通过");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new("The bureau has approved your organisation's employer account. You can now sign in to confirm your employees' applications and run the pre-evaluation publicity.",
            "人力资源和社会保障部门已审核通过贵单位的用人单位账户。现在您可以登录，确认本单位人员的申报并组织评前公示。")),
        new EmailPageLink(new("Open your employer account", "进入用人单位账户"), "/employer"),
    ];
}

/// <summary>Sent to the applicant when an application is submitted.</summary>
public sealed record ApplicationSubmitted(string Reference, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference} submitted", $"申报 {Reference} 已提交");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"We have received your application. Your reference number is {Reference}; quote it whenever you contact us.",
            $"我们已收到您的申报，申报编号为 {Reference}。联系我们时请提供此编号。")),
        new EmailParagraph(new("Your employer will now be asked to confirm your employment and field of work.",
            "接下来将由您的用人单位确认您的任职情况和从事专业。")),
        ApplicationPage(ApplicationId),
    ];
}

/// <summary>Sent to the applicant when intake finds something to correct, with the deadline.</summary>
public sealed record CorrectionRequested(string Reference, IReadOnlyList<string> Items, DateOnly DueDate, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference}: corrections needed by {Date(DueDate).En}",
        $"申报 {Reference}：请于{Date(DueDate).Zh}前补正材料");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"Your application {Reference} needs the following corrections:",
            $"您的申报 {Reference} 需要补正以下内容：")),
        new EmailList(Items),
        new EmailParagraph(new($"Sign in and make the corrections by {Date(DueDate).En}. If they are not made by then, the application is treated as withdrawn.",
            $"请于{Date(DueDate).Zh}前登录系统完成补正。逾期未补正的，视为撤回申报。")),
        new EmailPageLink(new("Make the corrections", "进行补正"), $"/applications/{ApplicationId}"),
    ];
}

/// <summary>Sent to the applicant when intake accepts the application for review.</summary>
public sealed record ApplicationAccepted(string Reference, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference} accepted for review", $"申报 {Reference} 已受理");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"Your application {Reference} has passed intake and has been accepted. It will be reviewed by the expert committee of this year's evaluation.",
            $"您的申报 {Reference} 已通过形式审查并予以受理，将提交本年度评审委员会评审。")),
        ApplicationPage(ApplicationId),
    ];
}

/// <summary>
/// Sent to the applicant when an application is withdrawn, by them or by a missed deadline. The reason is
/// a pair because the system's own reasons exist in both languages; an applicant's own words go in both.
/// </summary>
public sealed record ApplicationWithdrawn(string Reference, BilingualText Reason, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference} withdrawn", $"申报 {Reference} 已撤回");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"Your application {Reference} has been withdrawn. Reason: {Reason.En}",
            $"您的申报 {Reference} 已撤回。原因：{Reason.Zh}")),
        new EmailParagraph(new("You may apply again in a later evaluation cycle.", "您可以在以后的评审年度重新申报。")),
        ApplicationPage(ApplicationId),
    ];
}

/// <summary>Sent to an employer when one of its employees submits an application needing its confirmation.</summary>
public sealed record EmployerReviewRequested(string Reference, string ApplicantName, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Please confirm application {Reference} from {ApplicantName}",
        $"请审核 {ApplicantName} 的职称申报 {Reference}");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"{ApplicantName} has applied for a professional title and named your organisation as employer (application {Reference}).",
            $"{ApplicantName} 已申报职称，并填报贵单位为用人单位（申报编号 {Reference}）。")),
        new EmailParagraph(new("Sign in to confirm their employment and field of work, and to run the pre-evaluation publicity.",
            "请登录系统确认其任职情况和从事专业，并组织评前公示。")),
        new EmailPageLink(new("Open the application", "打开该申报"), $"/employer/applications/{ApplicationId}"),
    ];
}

/// <summary>Sent to the applicant when the corrected application goes back to the bureau's intake, with a link to it.</summary>
public sealed record CorrectionResubmitted(string Reference, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference}: corrections received", $"申报 {Reference}：补正材料已提交");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"We have received the corrections to your application {Reference}. The bureau's intake will now check the application again.",
            $"我们已收到您对申报 {Reference} 的补正。人力资源和社会保障部门将重新进行受理审查。")),
        new EmailParagraph(new("We will email you when the bureau has decided whether to accept it for review.",
            "受理结果确定后，我们将以邮件通知您。")),
        ApplicationPage(ApplicationId),
    ];
}

/// <summary>Sent to the bureau's intake office when a corrected application comes back, with a link to its intake page.</summary>
public sealed record CorrectionResubmittedToOffice(string Reference, string ApplicantName, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference} corrected and resubmitted", $"申报 {Reference} 已补正并重新提交");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"{ApplicantName} has made the corrections asked for in the correction notice and resubmitted application {Reference}. It is back in the intake list for a formal check.",
            $"{ApplicantName} 已按补正通知完成补正，并重新提交申报 {Reference}。该申报已回到受理列表，等待形式审查。")),
        new EmailPageLink(new("Open the application in intake", "在受理页面打开该申报"), $"/officer/intake/{ApplicationId}"),
    ];
}
