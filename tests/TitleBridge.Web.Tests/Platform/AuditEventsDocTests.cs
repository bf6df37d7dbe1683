using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Audit;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>docs/audit-events.md is the code's own description of the typed audit events; the admin viewer shows them with the chain's state.</summary>
public sealed class AuditEventsDocTests
{
    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TitleBridge.slnx")))
            {
                return Path.Combine(dir.FullName, "docs", "audit-events.md");
            }
        }
        throw new InvalidOperationException("TitleBridge.slnx not found above the test binaries.");
    }

    [Fact]
    public void TheDocument_IsGeneratedFromTheEventTypes()
    {
        var generated = AuditCatalogue.Markdown();
        if (Environment.GetEnvironmentVariable("UPDATE_AUDIT_DOC") == "1")
        {
            File.WriteAllText(DocPath(), generated);
        }
        Assert.Equal(generated, File.ReadAllText(DocPath()).Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.All(AuditCatalogue.Types, t => Assert.Contains($"## {t.Name}\n", generated, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheViewer_FiltersByType_AndShowsTheVerification(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var email = $"audit-{Guid.NewGuid():N}@test.localhost";
        Assert.Equal(HttpStatusCode.Created, (await app.Client().PostAsJsonAsync("/api/account/register",
            new { email, password = "Applicant-Password-1", displayName = "Audit", culture = "en", privacyNotice = Accounts.PrivacyTests.NoticeVersion })).StatusCode);
        await app.Services.GetRequiredService<AuditChain>().SealAsync();
        var admin = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode);

        var page = await admin.GetStringAsync("/admin/audit?type=ConsentGiven");

        Assert.Contains("data-chain=\"intact\"", page, StringComparison.Ordinal);
        Assert.Contains("verify-audit", page, StringComparison.Ordinal);
        Assert.Contains("\"version\":\"2026.1\"", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotMatch("<td[^>]*>CatalogueEditionPublished</td>", page);
    }
}
