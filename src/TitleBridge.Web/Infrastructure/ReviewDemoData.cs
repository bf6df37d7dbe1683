using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Review;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// The review stage of the Development sample data (issue #7): seven demo experts, a committee drawn from
/// them, two files in review (one with every opinion submitted, one with an opinion still pending) and a
/// meeting ready to vote on the first, everyone recorded present. Everything from the files' submission on
/// goes through the real handlers, so the sample is what the workflow would have produced.
/// </summary>
public static class ReviewDemoData
{
    public static async Task<List<(string Role, string Email, string Password)>> SeedAsync(
        IServiceProvider services, EvaluationCycle cycle, Employer employer, string employerActor, string officerActor)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var time = services.GetRequiredService<TimeProvider>();
        var today = time.Today();
        var accounts = new List<(string Role, string Email, string Password)>();
        var experts = new List<Expert>();
        for (var i = 1; i <= 7; i++)
        {
            var email = $"expert{i}@titlebridge.localhost";
            var account = await DemoData.CreateUserAsync(users, email, $"演示专家{i}", Roles.Expert, null);
            accounts.Add(account);
            var user = (await users.FindByEmailAsync(email))!;
            user.PreferredCulture = i % 2 == 0 ? Localization.English : Localization.Chinese;
            await users.UpdateAsync(user);
            var expert = new Expert
            {
                UserId = user.Id, NameZh = $"演示专家{i}", NameEn = $"Demo Expert {i}", Email = email, TitleHeld = i == 1 ? "PSE" : "SE",
                EmployerName = $"Guangzhou Demo Institute {i}", Specialties = [i <= 5 ? "computer-networks" : "information-security"],
                TermFrom = today.AddDays(-30), TermTo = today.AddYears(2), PreferredCulture = user.PreferredCulture,
                CreatedAt = time.GetUtcNow(), CreatedBy = "demo", UpdatedAt = time.GetUtcNow(),
            };
            db.Experts.Add(expert);
            experts.Add(expert);
        }
        await db.SaveChangesAsync();

        // Two files taken through the real handlers to the bureau's acceptance (submitted, confirmed and
        // publicised by the employer, recommended, accepted), like the "accepted" stage of DemoStages.
        var files = new List<Application>();
        for (var i = 1; i <= 2; i++)
        {
            var applicant = await DemoData.CreateUserAsync(users, $"applicant-review{i}@titlebridge.localhost", $"Review applicant {i}", Roles.Applicant, null);
            var applicantId = (await users.FindByEmailAsync(applicant.Email))!.Id;
            files.Add(await DemoStages.FileAtStageAsync(services, "accepted", applicantId, employer.Id, employerActor, officerActor, cycle.Year));
        }

        var committees = services.GetRequiredService<Committees>();
        var committee = Require(await committees.CreateAsync(new(cycle.Year, "intermediate-junior", "by-series", null, "工程系列中级评审委员会（演示）", "Engineering intermediate committee (demo)",
            7, experts[0].Id, [experts[1].Id], 20260601), "demo", default), "committee");
        var assign = services.GetRequiredService<AssignReviewGroups>();
        Require(await assign.ProposeAsync(committee.Id, "demo", default), "review groups");
        Require(await assign.ConfirmAsync(committee.Id, "demo", Actor.Officer, default), "confirming the review groups");

        var opinions = services.GetRequiredService<ExpertFiles>();
        var groups = await db.ReviewAssignments.AsNoTracking().ToListAsync();
        var scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 3 };
        foreach (var a in groups.Where(g => g.ApplicationId == files[0].Id))
        {
            Require(await opinions.SaveOpinionAsync(experts.Single(e => e.Id == a.ExpertId), a.ApplicationId,
                new(scores, "网络规划与建设经验扎实，专业技术报告具体。", Localization.Chinese, true), submit: true, default), "an opinion");
        }
        var second = groups.Where(g => g.ApplicationId == files[1].Id).ToList();
        Require(await opinions.SaveOpinionAsync(experts.Single(e => e.Id == second[0].ExpertId), files[1].Id,
            new(scores, "Relevant project experience; the report is specific about the results.", Localization.English, true), submit: true, default), "an opinion");
        Require(await opinions.SaveOpinionAsync(experts.Single(e => e.Id == second[1].ExpertId), files[1].Id,
            new(scores, "技术报告待细读。", Localization.Chinese, null), submit: false, default), "a draft opinion");

        var plenary = services.GetRequiredService<Plenary>();
        var meeting = Require(await plenary.ScheduleAsync(committee.Id, today, "demo", default), "the meeting");
        Require(await plenary.RecordAttendanceAsync(meeting.Id, experts.Select(e => e.Id).ToList(), "demo", default), "the attendance");
        return accounts;
    }

    /// <summary>The sample data is made by the real handlers; a refusal is a bug in it, not an outcome.</summary>
    private static T Require<T>(TitleBridge.Domain.Common.Result<T> result, string what) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException($"Demo review stage, {what}: " + string.Join(" ", result.Problems.Select(p => p.Message.En)));
}
