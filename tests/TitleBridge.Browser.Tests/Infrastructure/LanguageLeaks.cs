using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TitleBridge.Browser.Tests.Infrastructure;

/// <summary>
/// The check that a page speaks only its reader's language (issue #11): a Chinese page shows no
/// identifier-shaped token (camelCase, PascalCase, kebab-case, snake_case, JSON fragments) and an English
/// page shows no Chinese except inside an element marked <c>lang="zh-Hans"</c> (a thing's own name).
/// Text inside an element marked <c>lang="en"</c> on a Chinese page is likewise a thing's own name.
/// Any browser test calls <see cref="AssertNoLeaksAsync"/> (or <see cref="BrowserSession.CheckPageAsync"/>,
/// which does) on each page it visits.
/// </summary>
public static partial class LanguageLeaks
{
    /// <summary>
    /// Proper names that look like identifiers but are words in their own right. Keep it short: every
    /// entry is a name people write this way.
    /// </summary>
    public static readonly IReadOnlySet<string> AllowedTokens = new HashSet<string>(StringComparer.Ordinal)
    {
        // The service's own name, and vendors' and programmes' names inside Chinese qualification names.
        "TitleBridge", "CompTIA", "DevOps", "OffSec", "CyberOps", "DevNet", "PowerShell", "JavaScript", "PostgreSQL", "OpenAPI", "PhD",
    };

    // The visible text of the page, one entry per text node, each tagged with the language of its nearest
    // lang attribute. Hidden elements, scripts and styles are skipped; so are form control values,
    // which are the reader's own input, and text marked translate="no" (a key or code to be copied as it is).
    private const string CollectTextScript = """
        () => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.nodeValue.trim();
            if (!text) continue;
            const el = node.parentElement;
            if (!el || el.closest('script,style,noscript,template,textarea,option[hidden],[translate="no"]')) continue;
            if (!el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true })) continue;
            const langEl = el.closest('[lang]');
            out.push({ lang: langEl ? langEl.getAttribute('lang') : '', text });
          }
          return out;
        }
        """;

    /// <summary>One visible text node and the language of its nearest <c>lang</c> attribute.</summary>
    public sealed class TextRun
    {
        public TextRun()
        {
        }

        public TextRun(string lang, string text)
        {
            Lang = lang;
            Text = text;
        }

        public string Lang { get; set; } = "";
        public string Text { get; set; } = "";
    }

    /// <summary>Fails naming every leaked token and where on the page it is.</summary>
    public static async Task AssertNoLeaksAsync(IPage page, string step)
    {
        var pageLang = await page.EvaluateAsync<string>("() => document.documentElement.lang");
        var runs = await page.EvaluateAsync<TextRun[]>(CollectTextScript);
        var leaks = Find(pageLang, runs);
        if (leaks.Count > 0)
        {
            Assert.Fail($"{leaks.Count} language leak(s) on {page.Url} ({step}, page language {pageLang}):\n- " + string.Join("\n- ", leaks));
        }
    }

    /// <summary>The leaks in a page's text runs: what the check reports, without a browser.</summary>
    public static IReadOnlyList<string> Find(string pageLang, IEnumerable<TextRun> runs)
    {
        var chinesePage = pageLang.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var leaks = new List<string>();
        foreach (var run in runs)
        {
            var runChinese = run.Lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
            if (chinesePage && !runChinese)
            {
                // lang="en" marks an English thing's own name on a Chinese page.
                continue;
            }
            if (!chinesePage && runChinese)
            {
                continue;
            }
            if (chinesePage)
            {
                var text = Harmless().Replace(run.Text, " ");
                foreach (Match m in IdentifierShaped().Matches(text))
                {
                    if (!AllowedTokens.Contains(m.Value))
                    {
                        leaks.Add($"identifier “{m.Value}” in “{Excerpt(run.Text)}”");
                    }
                }
            }
            else if (Chinese().Match(run.Text) is { Success: true } zh)
            {
                leaks.Add($"Chinese “{zh.Value}” outside lang=\"zh-Hans\" in “{Excerpt(run.Text)}”");
            }
        }
        return leaks;
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..117] + "…";

    // E-mail addresses, web addresses and file names are the reader's own data or places, not labels.
    [GeneratedRegex(@"\S+@\S+|https?://\S+|/[\w\-./?=&%]+|\b[\w\-]+\.(?:pdf|png|jpe?g|csv|xlsx|json)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Harmless();

    // ASCII boundaries, not \b: a Chinese character is a word character, so "专业computer-software" has
    // no \b before the key.
    private const string Start = @"(?<![A-Za-z0-9_\-])";
    private const string End = @"(?![A-Za-z0-9_\-])";

    [GeneratedRegex(
        Start + @"[a-z]+[A-Z][A-Za-z0-9]*" + End +              // camelCase: renewalGraceDays
        "|" + Start + @"[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*" + End +  // PascalCase: EmploymentConfirmed
        "|" + Start + @"[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+" + End + // kebab-case: computer-software
        "|" + Start + @"[a-z][a-z0-9]*(?:_[a-z0-9]+)+" + End +   // snake_case: count_until
        @"|[{}]|""\w+""\s*:")]                                   // JSON: {"kind":
    private static partial Regex IdentifierShaped();

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\u3000-\u303F\uFF01-\uFF5E]+")]
    private static partial Regex Chinese();
}
