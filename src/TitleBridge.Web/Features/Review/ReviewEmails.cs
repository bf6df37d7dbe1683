using TitleBridge.Domain.Common;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Review;

/// <summary>Sent to a new expert of the pool: the link sets their password (policy.md §5.4 expert pool).</summary>
public sealed record ExpertInvitation(Uri Link, DateOnly TermFrom, DateOnly TermTo) : EmailTemplate
{
    protected override BilingualText Subject => new("You are invited to the TitleBridge expert pool", "诚邀您加入 TitleBridge 职称通评审专家库");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"The bureau has added you to its pool of review experts for the term {TermFrom:yyyy-MM-dd} to {TermTo:yyyy-MM-dd}. Set your password to sign in.",
            $"人力资源和社会保障部门已将您纳入评审专家库，聘任期 {TermFrom:yyyy-MM-dd} 至 {TermTo:yyyy-MM-dd}。请设置密码后登录。")),
        new EmailLink(new("Set your password", "设置密码"), Link),
        new EmailParagraph(new("Before reading any file, declare any conflict you have with its applicant.",
            "阅读任何申请材料之前，请先申报您与申请人之间的回避情形。")),
    ];
}

/// <summary>Sent to an expert when a review group including them is confirmed.</summary>
public sealed record ReviewGroupConfirmed(int Files, DateOnly DueOn) : EmailTemplate
{
    protected override BilingualText Subject => new("Files assigned to you for review", "已为您分配评审材料");

    protected override IEnumerable<EmailBlock> Body =>
    [
        new EmailParagraph(new($"{Files} file(s) have been assigned to you. Your opinions are due by {DueOn:yyyy-MM-dd}.",
            $"已为您分配 {Files} 份申请材料，请于 {DueOn:yyyy-MM-dd} 前提交评审意见。")),
        new EmailPageLink(new("Open your files", "查看评审材料"), "/expert"),
    ];
}
