using Xunit.Sdk;

namespace TitleBridge.Browser.Tests.Infrastructure;

/// <summary>The leak check itself: a clean run elsewhere only means something if a planted leak fails it.</summary>
public sealed class LanguageLeakCheckTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ChinesePage_WithAPlantedEventIdentifier_FailsNamingIt()
    {
        await using var session = await fixture.NewSessionAsync(nameof(ChinesePage_WithAPlantedEventIdentifier_FailsNamingIt), "zh-CN");
        await session.Page.GotoAsync("/");
        await LanguageLeaks.AssertNoLeaksAsync(session.Page, "clean");
        await session.Page.EvaluateAsync("() => { const p = document.createElement('p'); p.textContent = '时间线：EmploymentConfirmed'; document.querySelector('main').append(p); }");

        var failure = await Assert.ThrowsAsync<FailException>(() => session.CheckPageAsync("planted-identifier"));

        Assert.Contains("“EmploymentConfirmed”", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnglishPage_WithAPlantedChineseSentence_FailsNamingIt_ButAMarkedOwnNamePasses()
    {
        await using var session = await fixture.NewSessionAsync(nameof(EnglishPage_WithAPlantedChineseSentence_FailsNamingIt_ButAMarkedOwnNamePasses), "en-US");
        await session.Page.GotoAsync("/");
        await session.Page.EvaluateAsync("() => { const s = document.createElement('span'); s.lang = 'zh-Hans'; s.textContent = '广州示例科技有限公司'; document.querySelector('main').append(s); }");
        await LanguageLeaks.AssertNoLeaksAsync(session.Page, "own-name");
        await session.Page.EvaluateAsync("() => { const p = document.createElement('p'); p.textContent = 'Status: 申请已提交，请等待单位审核。'; document.querySelector('main').append(p); }");

        var failure = await Assert.ThrowsAsync<FailException>(() => session.CheckPageAsync("planted-chinese"));

        Assert.Contains("申请已提交", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("广州示例科技有限公司", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("专业computer-software", "computer-software")]
    [InlineData("参数 renewalGraceDays", "renewalGraceDays")]
    [InlineData("count_until", "count_until")]
    [InlineData("[{\"kind\":\"identity\"}]", "{")]
    public void Find_OnAChinesePage_ReportsEachIdentifierShape(string text, string expected)
    {
        var leaks = LanguageLeaks.Find("zh-Hans", [new LanguageLeaks.TextRun("zh-Hans", text)]);

        Assert.Contains(leaks, l => l.Contains($"“{expected}”", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GZ-2026-000001 已提交")]
    [InlineData("chen-da-wen@test.localhost 已确认")]
    [InlineData("identity-card.pdf（12 KB）")]
    [InlineData("AWS Certified Solutions Architect – Associate")]
    public void Find_OnAChinesePage_LetsReferencesAddressesAndNamesThrough(string text)
    {
        Assert.Empty(LanguageLeaks.Find("zh-Hans", [new LanguageLeaks.TextRun("zh-Hans", text)]));
    }
}
