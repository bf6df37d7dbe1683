using System.Text.RegularExpressions;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Tests.Email;

public sealed partial class EmailTemplateTests
{
    private static readonly Guid File = new Guid("0b7c1c53-0e4e-4c59-9d38-6a1f0c0e5a11");

    /// <summary>The public address page links are made absolute with (TitleBridge:PublicBaseAddress).</summary>
    private static readonly Uri Site = new("https://titlebridge.example/");

    /// <summary>One example of every template; <see cref="Examples_CoverEveryTemplate"/> fails when a new one has none.</summary>
    public static readonly IReadOnlyList<EmailTemplate> Examples =
    [
        new ConfirmEmail(new Uri("https://titlebridge.example/account/confirm?token=abc%2F123")),
        new AccountAlreadyExists(new Uri("https://titlebridge.example/account/login")),
        new EmployerAccountApproved(),
        new ApplicationSubmitted("GZ-2026-000123", File),
        new CorrectionRequested("GZ-2026-000123", ["Degree certificate: the translation is missing", "学历证书：缺少翻译件"], new DateOnly(2026, 12, 5), File),
        new ApplicationAccepted("GZ-2026-000123", File),
        new ApplicationWithdrawn("GZ-2026-000123", new BilingualText("the corrections were not made in time", "未在期限内补正"), File),
        new CorrectionResubmitted("GZ-2026-000123", File),
        new CorrectionResubmittedToOffice("GZ-2026-000123", "Maria Silva", File),
        new EmployerReviewRequested("GZ-2026-000123", "Maria Silva", File),
        // employer & officer side
        new EmployerAccountRejected("The credit code belongs to another organisation."),
        new ApplicationDeclinedByEmployer("GZ-2026-000123", "The applicant no longer works for us.", File),
        new ApplicationRejectedAtIntake("GZ-2026-000123", "The target level is not offered this year.", File),
        // results and certificates
        new ResultPublished("GZ-2026-000123", new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 9), File),
        new ObjectionUpheldEmail("GZ-2026-000123", "The project reference was not the applicant's own work.", new DateOnly(2026, 11, 8), File),
        new ObjectionDismissedEmail("GZ-2026-000123", File),
        new CertificateIssued("GZZC-2026-000001-7", "7K3QD-9XW2M", new BilingualText("Senior Engineer", "高级工程师"), new Uri("https://titlebridge.example/verify/GZZC-2026-000001-7?code=7K3QD-9XW2M")),
        new ReexaminationRequestedEmail("GZ-2026-000123", File),
        new ResultNotPassed("GZ-2026-000123", new DateOnly(2026, 11, 8), File),
        new CertificateRevoked("GZZC-2026-000001-7", "The qualification certificate was forged.", new DateOnly(2029, 10, 8)),
        // expert review
        new TitleBridge.Web.Features.Review.ExpertInvitation(new Uri("https://titlebridge.example/account/set-password?token=abc"), new DateOnly(2026, 6, 1), new DateOnly(2029, 5, 31)),
        new TitleBridge.Web.Features.Review.ReviewGroupConfirmed(3, new DateOnly(2026, 7, 15)),
    ];

    public static TheoryData<string> TemplateKeys() => new(Examples.Select(e => e.Key));

    [Fact]
    public void Examples_CoverEveryTemplate()
    {
        var templates = typeof(EmailTemplate).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(EmailTemplate)) && !t.IsAbstract)
            .Select(t => t.Name).Order();

        Assert.Equal(templates, Examples.Select(e => e.Key).Order());
    }

    [Theory]
    [MemberData(nameof(TemplateKeys))]
    public void Render_EveryTemplate_IsCompleteAndDifferentInEachLanguage(string key)
    {
        var template = Examples.Single(e => e.Key == key);

        var zh = template.Render("zh-Hans", "王小明", Site);
        var en = template.Render("en", "Wang Xiaoming", Site);

        foreach (var email in new[] { zh, en })
        {
            Assert.False(string.IsNullOrWhiteSpace(email.Subject));
            Assert.False(string.IsNullOrWhiteSpace(email.TextBody));
            Assert.False(string.IsNullOrWhiteSpace(email.HtmlBody));
            Assert.DoesNotMatch(Placeholder(), email.Subject);
            Assert.DoesNotMatch(Placeholder(), email.TextBody);
            Assert.DoesNotMatch(Placeholder(), email.HtmlBody);
            Assert.DoesNotContain('\n', email.Subject);
        }
        Assert.NotEqual(zh.Subject, en.Subject);
        Assert.NotEqual(zh.TextBody, en.TextBody);
        Assert.NotEqual(zh.HtmlBody, en.HtmlBody);
        Assert.Matches(Han(), zh.Subject);
        Assert.Matches(Han(), zh.TextBody);
        Assert.DoesNotMatch(Han(), en.Subject.Replace("王小明", "", StringComparison.Ordinal));
        Assert.Contains("王小明", zh.TextBody, StringComparison.Ordinal);
        Assert.Contains("Wang Xiaoming", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-Hans\"", zh.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", en.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ArgumentsAppearInBothLanguages_AndAreHtmlEncoded()
    {
        var template = new CorrectionRequested("GZ-1", ["<script>alert(1)</script>"], new DateOnly(2026, 12, 5), File);

        var zh = template.Render("zh-Hans", "", Site);
        var en = template.Render("en", "", Site);

        Assert.Contains("2026年12月5日", zh.Subject, StringComparison.Ordinal);
        Assert.Contains("5 December 2026", en.Subject, StringComparison.Ordinal);
        Assert.Contains("- <script>alert(1)</script>", en.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", en.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", en.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Link_IsAnAnchorInHtmlAndALineOfItsOwnInText()
    {
        var link = new Uri("https://titlebridge.example/confirm?token=a&b=c");

        var email = new ConfirmEmail(link).Render("en", "", Site);

        Assert.Contains("\nhttps://titlebridge.example/confirm?token=a&b=c\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://titlebridge.example/confirm?token=a&amp;b=c\">", email.HtmlBody, StringComparison.Ordinal);
    }

    /// <summary>The page each example must link to: the page the email concerns, where the reader's next step is.</summary>
    private static readonly Dictionary<string, string> PageOf = new()
    {
        [nameof(ConfirmEmail)] = "https://titlebridge.example/account/confirm?token=abc%2F123",
        [nameof(AccountAlreadyExists)] = "https://titlebridge.example/account/login",
        [nameof(EmployerAccountApproved)] = "https://titlebridge.example/employer",
        [nameof(ApplicationSubmitted)] = $"https://titlebridge.example/applications/{File}",
        [nameof(CorrectionRequested)] = $"https://titlebridge.example/applications/{File}",
        [nameof(ApplicationAccepted)] = $"https://titlebridge.example/applications/{File}",
        [nameof(ApplicationWithdrawn)] = $"https://titlebridge.example/applications/{File}",
        [nameof(CorrectionResubmitted)] = $"https://titlebridge.example/applications/{File}",
        [nameof(CorrectionResubmittedToOffice)] = $"https://titlebridge.example/officer/intake/{File}",
        [nameof(EmployerReviewRequested)] = $"https://titlebridge.example/employer/applications/{File}",
        [nameof(EmployerAccountRejected)] = "https://titlebridge.example/",
        [nameof(ApplicationDeclinedByEmployer)] = $"https://titlebridge.example/applications/{File}",
        [nameof(ApplicationRejectedAtIntake)] = $"https://titlebridge.example/applications/{File}",
        [nameof(ResultPublished)] = $"https://titlebridge.example/applications/{File}",
        [nameof(ObjectionUpheldEmail)] = $"https://titlebridge.example/applications/{File}/reexamination",
        [nameof(ObjectionDismissedEmail)] = $"https://titlebridge.example/applications/{File}",
        [nameof(CertificateIssued)] = "https://titlebridge.example/verify/GZZC-2026-000001-7?code=7K3QD-9XW2M",
        [nameof(ReexaminationRequestedEmail)] = $"https://titlebridge.example/applications/{File}",
        [nameof(ResultNotPassed)] = $"https://titlebridge.example/applications/{File}/reexamination",
        [nameof(CertificateRevoked)] = "https://titlebridge.example/applicant/certificates",
        ["ExpertInvitation"] = "https://titlebridge.example/account/set-password?token=abc",
        ["ReviewGroupConfirmed"] = "https://titlebridge.example/expert",
    };

    /// <summary>Every email links to the page it concerns on this service: a line of its own in text, an anchor in HTML, in both languages.</summary>
    [Theory]
    [MemberData(nameof(TemplateKeys))]
    public void Render_EveryTemplate_LinksToThePageItConcerns(string key)
    {
        var template = Examples.Single(e => e.Key == key);
        var page = PageOf[key];

        foreach (var culture in new[] { "zh-Hans", "en" })
        {
            var email = template.Render(culture, "", Site);

            Assert.Contains(page, email.TextBody.Split('\n'));
            Assert.Contains($"<a href=\"{System.Net.WebUtility.HtmlEncode(page)}\">", email.HtmlBody, StringComparison.Ordinal);
        }
    }

    // Leftovers of format strings or templating: {0}, {Reference}, {{x}}, %s.
    [GeneratedRegex(@"\{[^}]*\}|%s")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
