using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TitleBridge.Browser.Tests.Infrastructure;

/// <summary>One test's browser context and page, with the checks every visited page gets.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, string name) : IAsyncDisposable
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    public IBrowserContext Context => context;

    public IPage Page => page;

    /// <summary>Saves a full-page screenshot as artifacts/screenshots/&lt;test&gt;-&lt;step&gt;.png, then runs axe.</summary>
    public async Task CheckPageAsync(string step)
    {
        await ScreenshotAsync(step);
        await AssertAccessibleAsync(step);
    }

    public async Task ScreenshotAsync(string step)
    {
        var file = Path.Combine(RepositoryRoot.Screenshots, $"{name}-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    /// <summary>Fails on any serious or critical violation of WCAG 2.0, 2.1 or 2.2 at level A or AA.</summary>
    public async Task AssertAccessibleAsync(string step)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (blocking.Count == 0)
        {
            return;
        }
        var report = new StringBuilder($"axe found {blocking.Count} serious or critical violation(s) on {page.Url} ({name}-{step}):");
        foreach (var v in blocking)
        {
            report.AppendLine().Append($"- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                report.AppendLine().Append($"    {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    report.AppendLine().Append($"      {check.Message}");
                }
            }
        }
        Assert.Fail(report.ToString());
    }

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
