using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Browser.Tests.TestData;

/// <summary>Builders the browser tests share, through the app's real handlers: submitted files, confirmation links, states.</summary>
internal static partial class Scenario
{
    /// <summary>
    /// A complete draft of the open cycle submitted through the real handler, for a new applicant
    /// (<paramref name="emailPrefix"/>-…@browser.localhost); its cycle and reference.
    /// </summary>
    public static async Task<(int Cycle, string Reference)> SubmittedAsync(KestrelApp app, string emailPrefix)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var cycle = await DemoData.EnsureOpenCycleAsync(db, time.Today(), "browser-test");
        var email = $"{emailPrefix}-{Guid.NewGuid():N}@browser.localhost";
        await DemoData.CreateUserAsync(users, email, "Applicant", Roles.Applicant, null, "Browser-Password-1");
        var applicant = (await users.FindByEmailAsync(email))!.Id;
        var employer = await DemoData.CreateEmployerAsync(db, time, "91440101MA5T" + Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var draft = await DemoData.CreateCompleteDraftAsync(db, scope.ServiceProvider.GetRequiredService<IFileStore>(), time, applicant, employer.Id, cycle.Year);
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitApplication>().HandleAsync(new(draft.Id, true, true, null), applicant);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Problems.Select(p => p.Message.En)));
        return (cycle.Year, submitted.Value.Reference);
    }

    /// <summary>The path and query of the confirmation link in the one email the outbox holds for <paramref name="email"/>.</summary>
    public static async Task<string> ConfirmLinkAsync(KestrelApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var body = await db.OutboxEmails.Where(m => m.To == email).Select(m => m.TextBody).SingleAsync();
        return new Uri(ConfirmLink().Match(body).Value).PathAndQuery;
    }

    public static async Task<ApplicationState> StateAsync(KestrelApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync();
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/account/confirm-email\?userId=[^\s""<>]+")]
    private static partial Regex ConfirmLink();
}
