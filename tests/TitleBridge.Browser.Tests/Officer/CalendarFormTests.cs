using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Web.Features.Calendar;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Officer;

/// <summary>
/// An officer adds a year to the working-day calendar through the form (issue #11): each wrong field is
/// named in the error summary, whose links lead to the fields, in the officer's language; a correct year
/// is added, with its source, and working days are counted with it.
/// </summary>
public sealed class CalendarFormTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", 2027, "Sign in", "Add a year with a form", "Check and add the year", new[]
    {
        "Enter the source: the State Council notice the dates come from.|#Source",
        "The last day off of holiday 1 must be on or after its first day.|#HolidayTo_0",
        "Enter the name of holiday 2.|#HolidayName_1",
        "Enter the first day off of holiday 2 in 2027: the form adds one year.|#HolidayFrom_1",
        "Enter a Saturday or a Sunday as working weekend day 1: 2027-02-03 is a weekday.|#WorkingDay_0",
    })]
    [InlineData("zh-CN", 2028, "登录", "用表单添加年份", "检查并添加该年份", new[]
    {
        "请填写来源：这些日期所依据的国务院办公厅通知。|#Source",
        "节假日 1 的放假最后一天不能早于第一天。|#HolidayTo_0",
        "请填写节假日 2 的名称。|#HolidayName_1",
        "请将节假日 2 的放假第一天填写为 2028 年内的日期：本表单只添加一个年份。|#HolidayFrom_1",
        "调休上班日 1须为星期六或星期日：2028-02-02 不是周末。|#WorkingDay_0",
    })]
    public async Task AddYear_WrongFieldsNamedWithLinks_ThenAddedWithItsSource(string locale, int year, string signIn, string addLink, string save, string[] problems)
    {
        var officerEmail = await fixture.App.CreateOfficerAsync($"calendar-{locale}@browser.localhost");
        await using var session = await fixture.NewSessionAsync(nameof(CalendarFormTests), locale);
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(officerEmail);
        await page.Locator("#Password").FillAsync(KestrelApp.OfficerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = signIn, Exact = true }).ClickAsync();
        await page.GotoAsync("/officer/calendar");
        await page.GetByRole(AriaRole.Link, new() { Name = addLink, Exact = true }).ClickAsync();
        await Expect(page.Locator("#Year")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^20\d\d$"));
        await session.CheckPageAsync("add-year");

        // Wrong: no source; a holiday ending before it starts; a second without a name, in another year; a Wednesday as working day.
        await page.Locator("#Year").FillAsync($"{year}");
        await page.Locator("#HolidayName_0").FillAsync("元旦 New Year's Day");
        await page.Locator("#HolidayFrom_0").FillAsync($"{year}-01-03");
        await page.Locator("#HolidayTo_0").FillAsync($"{year}-01-01");
        await page.Locator("#HolidayFrom_1").FillAsync($"{year - 1}-02-06");
        await page.Locator("#HolidayTo_1").FillAsync($"{year}-02-12");
        await page.Locator("#WorkingDay_0").FillAsync(year == 2027 ? "2027-02-03" : "2028-02-02");
        await page.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        var links = await summary.Locator("li a").EvaluateAllAsync<string[]>("links => links.map(a => `${a.textContent.trim()}|${a.getAttribute('href')}`)");
        Assert.Equal(problems, links);
        await session.CheckPageAsync("add-year-problems");
        await summary.Locator("li a").First.ClickAsync();
        await Expect(page.Locator("#Source")).ToBeFocusedAsync();

        // Right: the source, two holidays, one working Sunday.
        var source = $"国务院办公厅关于{year}年部分节假日安排的通知";
        await page.Locator("#Source").FillAsync(source);
        await page.Locator("#HolidayFrom_0").FillAsync($"{year}-01-01");
        await page.Locator("#HolidayName_1").FillAsync("春节 Spring Festival");
        await page.Locator("#HolidayFrom_1").FillAsync($"{year}-02-06");
        await page.Locator("#WorkingDay_0").FillAsync(year == 2027 ? "2027-02-14" : "2028-02-13");
        await page.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/officer/calendar\\?saved=1(#.*)?$"));
        await Expect(page.Locator("table.entries tbody tr", new() { HasText = source })).ToHaveCountAsync(1);
        await session.CheckPageAsync("calendar-with-year");
        var calendar = await fixture.App.Services.GetRequiredService<WorkingCalendar>().CurrentAsync();
        Assert.True(calendar.Covers(year));
        Assert.False(calendar.IsWorkingDay(new DateOnly(year, 2, 8)).Value);
        Assert.True(calendar.IsWorkingDay(year == 2027 ? new DateOnly(2027, 2, 14) : new DateOnly(2028, 2, 13)).Value);
    }
}
