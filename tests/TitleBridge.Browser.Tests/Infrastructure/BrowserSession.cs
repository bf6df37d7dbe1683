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

    /// <summary>
    /// The checks every visited page gets: a full-page screenshot as artifacts/screenshots/&lt;test&gt;-&lt;step&gt;.png,
    /// axe, the language-leak check, error-summary links that lead to a field on the page, and no sideways
    /// scrolling at 320 px (with a screenshot at that width).
    /// </summary>
    public async Task CheckPageAsync(string step)
    {
        await ScreenshotAsync(step);
        await AssertAccessibleAsync(step);
        await AssertErrorSummaryLinksAsync(step);
        await LanguageLeaks.AssertNoLeaksAsync(page, $"{name}-{step}");
        await AssertNoSideScrollAsync(step);
    }

    /// <summary>Every link in an error summary points to an element of this page (GOV.UK error summary pattern).</summary>
    public async Task AssertErrorSummaryLinksAsync(string step)
    {
        var broken = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.error-summary a')]
              .filter(a => { const href = a.getAttribute('href') || ''; return !href.startsWith('#') || !document.getElementById(decodeURIComponent(href.slice(1))); })
              .map(a => `${a.getAttribute('href')}: ${a.textContent.trim()}`)
            """);
        if (broken.Length > 0)
        {
            Assert.Fail($"{page.Url} ({name}-{step}) has error-summary links to no element of the page:\n- " + string.Join("\n- ", broken));
        }
    }

    /// <summary>WCAG 1.4.10 reflow: at 320 CSS pixels the page does not scroll sideways.</summary>
    public async Task AssertNoSideScrollAsync(string step)
    {
        var before = page.ViewportSize;
        await page.SetViewportSizeAsync(320, 800);
        try
        {
            var overflow = await page.EvaluateAsync<string[]>(NarrowOverflowScript);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Screenshots, $"{name}-{step}-320.png"), FullPage = true });
            if (overflow.Length > 0)
            {
                Assert.Fail($"{page.Url} ({name}-{step}) scrolls sideways at 320 px; widest elements:\n- " + string.Join("\n- ", overflow));
            }
        }
        finally
        {
            if (before is not null)
            {
                await page.SetViewportSizeAsync(before.Width, before.Height);
            }
        }
    }

    // Empty when the document is no wider than the window; otherwise the elements sticking out furthest
    // that do not sit inside a box that scrolls on its own (a wide table in a scrolling wrapper is fine).
    private const string NarrowOverflowScript = """
        () => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return [];
          const width = root.clientWidth;
          const scrollsItself = el => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
          return [...document.body.querySelectorAll('*')]
            .filter(el => el.getBoundingClientRect().right > width + 1 && !scrollsItself(el))
            .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
            .slice(0, 5)
            .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)} px): ${(el.textContent || '').trim().slice(0, 60)}`);
        }
        """;

    public async Task ScreenshotAsync(string step)
    {
        var file = Path.Combine(RepositoryRoot.Screenshots, $"{name}-{step}.png");
        // A loaded machine can take longer than an action's 10 s to finish a page; the picture waits for it.
        await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 30_000 });
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        }
        catch (PlaywrightException e) when (e.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
        {
            // Chromium's capture (not the page) fails now and then on a loaded machine; a second attempt is the same picture.
            await Task.Delay(500);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        }
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
