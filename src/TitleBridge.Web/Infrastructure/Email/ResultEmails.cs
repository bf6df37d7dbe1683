using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure.Email;

// The emails of results and certificates (policy.md §5.5–5.7): 评后公示 (result publicity), 异议 (objection),
// 审核确认 (confirmation), 电子证书 (electronic certificate), 复查 (re-examination), 撤销 (revocation).

/// <summary>Sent to the applicant when their result is published for objections.</summary>
public sealed record ResultPublished(string Reference, DateOnly StartsOn, DateOnly LastDay, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference}: the committee's result is published", $"申报 {Reference}：评审结果已公示");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"The evaluation committee has passed your application {Reference}. The result is published for objections from {Date(StartsOn).En} to {Date(LastDay).En}.",
            $"您的申报 {Reference} 已通过评审委员会评审，评审结果于{Date(StartsOn).Zh}至{Date(LastDay).Zh}公示。")),
        new EmailParagraph(new("If no objection is upheld, the bureau confirms the result after the publicity and issues your electronic certificate.",
            "公示期满无异议或异议不成立的，人社部门审核确认后签发电子证书。")),
        new EmailPageLink(new("See the published results", "查看评审结果公示"), "/results"),
        ApplicationPage(ApplicationId),
    ];
}

/// <summary>Sent to the applicant when an objection to their result is upheld, with the office's findings.</summary>
public sealed record ObjectionUpheldEmail(string Reference, string Findings, DateOnly ReexaminationDueOn, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference}: an objection to the result was upheld", $"申报 {Reference}：对评审结果的异议经核查成立");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new("The office investigated an objection to your published result and upheld it. The result does not stand. The office's findings:",
            "人社部门对您评审结果公示期间收到的异议进行了核查，认定异议成立，评审结果不予确认。核查结论如下：")),
        new EmailList([Findings]),
        new EmailParagraph(new($"You may ask for re-examination once, with your grounds, until {Date(ReexaminationDueOn).En}: sign in and open the application.",
            $"您可在{Date(ReexaminationDueOn).Zh}前登录系统，说明理由申请复查一次。")),
        new EmailPageLink(new("Ask for re-examination", "申请复查"), $"/applications/{ApplicationId}/reexamination"),
    ];
}

/// <summary>Sent to the applicant when an objection to their result is dismissed.</summary>
public sealed record ObjectionDismissedEmail(string Reference, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference}: an objection was dismissed", $"申报 {Reference}：异议经核查不成立");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new("The office investigated an objection to your published result and dismissed it. Your result stands.",
            "人社部门对您评审结果公示期间收到的异议进行了核查，认定异议不成立，评审结果不受影响。")),
        ApplicationPage(ApplicationId),
    ];
}

/// <summary>Sent to the applicant when the certificate is issued, with its number, code and verification link.</summary>
public sealed record CertificateIssued(string Number, string Code, BilingualText Level, Uri VerificationUrl) : EmailTemplate
{
    protected override BilingualText Subject => new($"Your {Level.En} certificate {Number} is issued", $"您的{Level.Zh}电子证书 {Number} 已签发");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"The bureau has confirmed your result and issued your electronic title certificate: {Level.En}, number {Number}, verification code {Code}.",
            $"人社部门已审核确认您的评审结果并签发电子职称证书：{Level.Zh}，证书编号 {Number}，验证码 {Code}。")),
        new EmailParagraph(new("Sign in to download the PDF and the signed credential. Anyone you show it to can check it at this address:",
            "请登录下载 PDF 证书和签名凭证。他人可通过以下地址核验证书：")),
        new EmailLink(new("Check the certificate", "核验证书"), VerificationUrl),
    ];
}

/// <summary>Sent to the applicant when their re-examination request is recorded.</summary>
public sealed record ReexaminationRequestedEmail(string Reference, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference}: re-examination requested", $"申报 {Reference}：复查申请已受理");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new("We have received your request for re-examination. The file will be read by experts who did not read it before and decided again at a meeting of the committee.",
            "我们已收到您的复查申请。您的材料将由此前未参与评审的专家重新评议，并提交评审委员会会议重新表决。")),
        ApplicationPage(ApplicationId),
    ];
}

/// <summary>Sent to the holder when a certificate is revoked, with the reason and how long the integrity record runs.</summary>
public sealed record CertificateRevoked(string Number, string Reason, DateOnly RecordUntil) : EmailTemplate
{
    protected override BilingualText Subject => new($"Certificate {Number} has been revoked", $"证书 {Number} 已被撤销");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"The bureau has revoked your title certificate {Number}. It now shows as revoked wherever it is checked. The reason:",
            $"人社部门已撤销您的职称证书 {Number}，任何核验途径均显示该证书已撤销。撤销理由：")),
        new EmailList([Reason]),
        new EmailParagraph(new($"The case is entered in the integrity record until {Date(RecordUntil).En}; until then no application can be made with your identity document.",
            $"该情况已记入职称评审诚信档案，至{Date(RecordUntil).Zh}止；在此之前不能以您的身份证件申报职称。")),
        new EmailPageLink(new("See your certificates", "查看您的证书"), "/applicant/certificates"),
    ];
}

/// <summary>
/// Sent to the applicant when the committee's vote does not pass their file (policy.md §5.5, §5.7): the
/// result is known at once, and re-examination may be asked for once until the date given.
/// </summary>
public sealed record ResultNotPassed(string Reference, DateOnly ReexaminationDueOn, Guid ApplicationId) : EmailTemplate
{
    protected override BilingualText Subject => new($"Application {Reference}: the committee did not pass it", $"申报 {Reference}：未通过评审委员会评审");
    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"The evaluation committee voted on your application {Reference} and did not pass it this year.",
            $"评审委员会已对您的申报 {Reference} 进行表决，本年度未获通过。")),
        new EmailParagraph(new($"If you think the decision is wrong, you may ask for re-examination once, with your grounds, until {Date(ReexaminationDueOn).En}. The file is then read by experts who did not read it before. You may also apply again in a later evaluation cycle.",
            $"如对评审结果有异议，您可在{Date(ReexaminationDueOn).Zh}前说明理由申请复查一次，届时将由此前未参与评审的专家重新评议。您也可以在以后的评审年度重新申报。")),
        new EmailPageLink(new("Ask for re-examination", "申请复查"), $"/applications/{ApplicationId}/reexamination"),
        ApplicationPage(ApplicationId),
    ];
}
