using Xunit.Sdk;

namespace TitleBridge.Browser.Tests.Infrastructure;

/// <summary>The axe check itself: a clean run elsewhere only means something if a broken page fails it.</summary>
public sealed class AccessibilityCheckTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AssertAccessible_PageWithAnImageWithoutAltText_FailsNamingTheRuleAndTheElement()
    {
        await using var session = await fixture.NewSessionAsync(nameof(AssertAccessible_PageWithAnImageWithoutAltText_FailsNamingTheRuleAndTheElement), "en-US");
        await session.Page.GotoAsync("/");
        await session.Page.EvaluateAsync("() => { const img = document.createElement('img'); img.id = 'no-alt'; img.src = '/favicon.ico'; document.querySelector('main').append(img); }");

        var failure = await Assert.ThrowsAsync<FailException>(() => session.AssertAccessibleAsync("broken"));

        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#no-alt", failure.Message, StringComparison.Ordinal);
    }
}
