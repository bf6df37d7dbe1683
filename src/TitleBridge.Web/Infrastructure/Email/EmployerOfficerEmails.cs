using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure.Email;

// Emails of the employer review (policy.md §5.2) and intake (§5.3) that the first set did not cover.

/// <summary>Sent to the contact of an organisation whose employer account an officer refused.</summary>
public sealed record EmployerAccountRejected(string Reason) : EmailTemplate
{
    protected override BilingualText Subject => new("Your employer account was not approved", "您的用人单位账户未通过审核");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"The bureau did not approve your organisation's employer account. Reason: {Reason}",
            $"人力资源和社会保障部门未通过贵单位的用人单位账户审核。原因：{Reason}")),
        new EmailParagraph(new("If you think this is a mistake, contact the bureau and quote your unified social credit code.",
            "如有疑问，请联系人力资源和社会保障部门并提供贵单位的统一社会信用代码。")),
        new EmailPageLink(new("How TitleBridge works", "TitleBridge 职称通服务说明"), "/"),
    ];
}

/// <summary>Sent to the applicant when the employer declines to recommend the application (§5.2).</summary>
public sealed record ApplicationDeclinedByEmployer(string Reference, string Reason, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference}: your employer did not recommend it", $"申报 {Reference}：用人单位未予推荐");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"Your employer has declined to recommend your application {Reference}. Reason given: {Reason}",
            $"您的用人单位决定不推荐您的申报 {Reference}。理由：{Reason}")),
        new EmailParagraph(new("The application ends here. You may apply again in a later evaluation cycle.",
            "该申报就此办结。您可以在以后的评审年度重新申报。")),
        ApplicationPage(ApplicationId),
    ];
}

/// <summary>Sent to the applicant when intake refuses the application (§5.3).</summary>
public sealed record ApplicationRejectedAtIntake(string Reference, string Reason, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference} not accepted", $"申报 {Reference} 不予受理");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"The bureau's intake review did not accept your application {Reference}. Reason: {Reason}",
            $"经形式审查，您的申报 {Reference} 不予受理。原因：{Reason}")),
        ApplicationPage(ApplicationId),
    ];
}
