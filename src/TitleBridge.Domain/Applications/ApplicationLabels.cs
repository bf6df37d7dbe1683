using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Applications;

/// <summary>The names of the kinds of document (the documents section's parts) an application carries (policy.md §5.1), with their codes.</summary>
public static class ApplicationLabels
{
    /// <summary>Document kinds in the order the documents section lists them.</summary>
    public static readonly IReadOnlyDictionary<string, BilingualText> DocumentKinds = new Dictionary<string, BilingualText>
    {
        ["identity"] = new("Identity document", "身份证件"),
        ["qualification"] = new("Proof of the qualification's validity and renewals", "职业资格有效期及续期证明"),
        ["degree"] = new("Degree certificate", "学历学位证书"),
        ["degree-certification"] = new("Certification of the overseas degree", "境外学历学位认证书"),
        ["work"] = new("Proof of work history", "工作经历证明"),
        ["achievement"] = new("Proof of an achievement", "业绩成果证明"),
        ["report"] = new("Professional report", "工作总结"),
        ["other"] = new("Other supporting document", "其他证明材料"),
    };

    public static BilingualText DocumentKind(string kind) => DocumentKinds.GetValueOrDefault(kind) ?? new("Document", "材料");
}
