using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Features.Certificates;

/// <summary>
/// Settings under "Certificates". The public base address, where verification links and QR codes point, is
/// not set here: it is TitleBridge:PublicBaseAddress, the one address every absolute link is built from,
/// never the request's Host header.
/// </summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>Copied from TitleBridge:PublicBaseAddress when the options are built (CertificatesApi.AddResultsAndCertificates).</summary>
    public string PublicBaseAddress { get; set; } = "http://127.0.0.1:5080";

    public string ApprovingBodyEn { get; set; } = "Guangzhou Municipal Human Resources and Social Security Bureau";
    public string ApprovingBodyZh { get; set; } = "广州市人力资源和社会保障局";

    public string SeriesEn { get; set; } = "Engineering";
    public string SeriesZh { get; set; } = "工程技术";

    /// <summary>Committee names per level band (junior, intermediate, senior) when the file does not name its committee.</summary>
    public Dictionary<string, CommitteeName> Committees { get; set; } = new()
    {
        ["junior"] = new() { En = "Guangzhou Junior Engineering Title Evaluation Committee", Zh = "广州市工程技术初级职称评审委员会" },
        ["intermediate"] = new() { En = "Guangzhou Intermediate Engineering Title Evaluation Committee", Zh = "广州市工程技术中级职称评审委员会" },
        ["senior"] = new() { En = "Guangzhou Senior Engineering Title Evaluation Committee", Zh = "广州市工程技术高级职称评审委员会" },
    };

    public Uri VerificationUrl(string number, string? code = null)
    {
        var root = PublicBaseAddress.TrimEnd('/');
        var url = $"{root}/verify/{Uri.EscapeDataString(number)}";
        return new Uri(code is null ? url : $"{url}?code={Uri.EscapeDataString(code)}");
    }

    public BilingualText Issuer => new(ApprovingBodyEn, ApprovingBodyZh);

    /// <summary>
    /// The committee a certificate names. The seam until expert review (#7) records each file's committee: the
    /// cycle's committee for the level band, by name from configuration (policy.md §5.4: committees per cycle
    /// and level band).
    /// </summary>
    public BilingualText CommitteeFor(TitleLevel level)
    {
        var band = level switch
        {
            TitleLevel.AssistantEngineer => "junior",
            TitleLevel.Engineer => "intermediate",
            _ => "senior",
        };
        var name = Committees.GetValueOrDefault(band) ?? new CommitteeName { En = band, Zh = band };
        return new(name.En, name.Zh);
    }
}

public sealed class CommitteeName
{
    public string En { get; set; } = "";
    public string Zh { get; set; } = "";
}
