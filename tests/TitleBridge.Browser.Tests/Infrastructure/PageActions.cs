using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Infrastructure;

/// <summary>What the journeys do on every page: sign in through the real form, post a form and wait for the next page.</summary>
public static class PageActions
{
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
    }

    /// <summary>Posts the (first) form of a page handler and waits for the next page, which must show no error summary.</summary>
    public static Task Submit(IPage page, string handler) =>
        ClickAndWaitAsync(page, page.Locator($"form[action*='handler={handler}'] button[type=submit]").First);

    /// <summary>Clicks a submit button and waits for the next document: the old one carries a mark the new one lacks.</summary>
    public static async Task ClickAndWaitAsync(IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => { window.__beforeSubmit = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__beforeSubmit === undefined");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Expect(page.Locator(".error-summary")).ToHaveCountAsync(0);
    }
}
