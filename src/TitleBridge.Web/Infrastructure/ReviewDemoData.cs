using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// The review stage of the Development sample data (issue #7): seven demo experts, a committee drawn from
/// them, two files in review (one with every opinion submitted, one with an opinion still pending) and a
/// meeting ready to vote on the first, everyone recorded present. Everything after the files' acceptance
/// goes through the real handlers, so the sample is what the workflow would have produced.
/// </summary>
public static class ReviewDemoData
{
    /// <summary>The later stages of the sample (issue #8): each a file through the same meeting, then published, confirmed.</summary>
    private static readonly (string Key, BilingualText Stage, string DocumentName, string ChineseName, string Passport)[] ResultFiles =
    [
        ("voted", new("passed by the committee, awaiting the result notice", "评审通过，待公示"), "LI MINGHUA", "李明华", "E20000002"),
        ("result-publicity", new("in result publicity", "评后公示中"), "WANG XIAOHONG", "王小红", "E20000003"),
        ("certificate", new("confirmed, certificate issued", "已审核确认，证书已颁发"), "ZHANG SANMING", "张三明", "E20000004"),
    ];

    public static async Task<List<DemoData.DemoAccount>> SeedAsync(
        IServiceProvider services, EvaluationCycle cycle, Employer employer, string employerActor, string officerActor)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var time = services.GetRequiredService<TimeProvider>();
        // The files that reach a result were decided at a meeting weeks ago, so their publicity has run by today.
        var past = new ShiftedTime(time, TimeSpan.FromDays(-35));
        var today = time.Today();
        var accounts = new List<DemoData.DemoAccount>();
        var experts = new List<Expert>();
        for (var i = 1; i <= 7; i++)
        {
            var email = $"expert{i}@titlebridge.localhost";
            var account = await DemoData.CreateUserAsync(users, email, $"演示专家{i}", Roles.Expert, null);
            accounts.Add(new(account.Role, account.Email, account.Password));
            var user = (await users.FindByEmailAsync(email))!;
            user.PreferredCulture = i % 2 == 0 ? Localization.English : Localization.Chinese;
            await users.UpdateAsync(user);
            var expert = new Expert
            {
                UserId = user.Id, NameZh = $"演示专家{i}", NameEn = $"Demo Expert {i}", Email = email, TitleHeld = i == 1 ? "PSE" : "SE",
                EmployerName = $"Guangzhou Demo Institute {i}", Specialties = [i <= 5 ? "computer-networks" : "information-security"],
                TermFrom = today.AddYears(-1), TermTo = today.AddYears(2), PreferredCulture = user.PreferredCulture,
                CreatedAt = time.GetUtcNow(), CreatedBy = "demo", UpdatedAt = time.GetUtcNow(),
            };
            db.Experts.Add(expert);
            experts.Add(expert);
        }
        await db.SaveChangesAsync();

        // Weeks ago, an earlier round: the result stages' files accepted, a committee formed for them, their review
        // groups assigned, opinions in, the meeting held and the files passed. Each result applicant has a profile
        // of their own (an integrity record after a demo revocation bars that one identity document only).
        var applicants = new List<DemoData.DemoAccount>();
        var resultFiles = new List<Application>();
        for (var i = 0; i < ResultFiles.Length; i++)
        {
            var (key, stage, documentName, chineseName, passport) = ResultFiles[i];
            var (file, account) = await AcceptedFileAsync(services, past, cycle, employer, $"applicant-{key}@titlebridge.localhost", $"Demo applicant ({stage.En})", 3 + i,
                new ApplicantProfile
                {
                    UserId = "", DocumentName = documentName, ChineseName = chineseName, DocumentType = IdentityDocumentType.Passport,
                    DocumentNumber = passport, DocumentCountry = "SGP", Phone = "+65 0000 0000", UpdatedAt = past.GetUtcNow(),
                });
            resultFiles.Add(file);
            applicants.Add(new($"Applicant, {stage.En} ({stage.Zh})", account.Email, account.Password, $"/applications/{file.Id}"));
        }
        var scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 3 };
        var access = ActivatorUtilities.CreateInstance<ReviewAccess>(services, past);
        var unit = ActivatorUtilities.CreateInstance<UnitOfWork>(services, past, ActivatorUtilities.CreateInstance<ApplicationTransitions>(services, past));
        var pastCommittees = ActivatorUtilities.CreateInstance<Committees>(services, access, past);
        var earlier = Check(await pastCommittees.CreateAsync(new(cycle.Year, "intermediate-junior", "by-series", null, "工程系列中级评审委员会（演示，上一批）",
            "Engineering intermediate committee (demo, earlier round)", 7, experts[0].Id, [experts[1].Id], 20260501), "demo", default), "earlier committee");
        var pastAssign = ActivatorUtilities.CreateInstance<AssignReviewGroups>(services, pastCommittees, access, unit, past);
        Check(await pastAssign.ProposeAsync(earlier.Id, "demo", default), "earlier review groups");
        Check(await pastAssign.ConfirmAsync(earlier.Id, "demo", Actor.Officer, default), "earlier review groups");
        var pastOpinions = ActivatorUtilities.CreateInstance<ExpertFiles>(services, access, past);
        foreach (var a in await db.ReviewAssignments.AsNoTracking().Where(r => r.CommitteeId == earlier.Id).ToListAsync())
        {
            Check(await pastOpinions.SaveOpinionAsync(experts.Single(e => e.Id == a.ExpertId), a.ApplicationId,
                new(scores, "业绩突出，专业技术报告翔实。/ Strong achievements; a thorough report.", Localization.Chinese, true), submit: true, default), "earlier opinion");
        }
        var pastPlenary = ActivatorUtilities.CreateInstance<Plenary>(services, pastCommittees, access, unit, past);
        var decided = Check(await pastPlenary.ScheduleAsync(earlier.Id, past.Today(), "demo", default), "earlier meeting");
        Check(await pastPlenary.RecordAttendanceAsync(decided.Id, experts.Select(e => e.Id).ToList(), "demo", default), "earlier attendance");
        foreach (var f in resultFiles)
        {
            Check(await pastPlenary.OpenBallotAsync(decided.Id, f.Id, "demo", default), "ballot");
            foreach (var e in experts)
            {
                // A recused member's vote is refused; everyone else votes yes.
                await pastPlenary.VoteAsync(e, decided.Id, f.Id, VoteChoice.Yes, default);
            }
            Check(await pastPlenary.CloseBallotAsync(decided.Id, f.Id, "demo", Actor.Officer, default), "vote");
        }

        // The certificate file was published then and is confirmed today; the publicity file is published today;
        // the first stays decided, for an officer to publish.
        var pastResults = ActivatorUtilities.CreateInstance<ResultPublicity>(services, unit, past);
        Check(await pastResults.PublishAsync(new([resultFiles[2].Id], null), Actor.Officer, "demo"), "result notice");
        var results = services.GetRequiredService<ResultPublicity>();
        Check(await results.PublishAsync(new([resultFiles[1].Id], null), Actor.Officer, "demo"), "result notice");
        var certificate = Check(await results.ConfirmAsync(resultFiles[2].Id, Actor.Officer, "demo"), "confirmation");
        applicants[2] = applicants[2] with { Landing = "/applicant/certificates", Note = $"Demo certificate: {certificate.Number} (verification code {certificate.VerificationCode})" };

        // Now: two files taken through the real handlers to the bureau's acceptance (submitted, confirmed and
        // publicised by the employer, recommended, accepted), like the "accepted" stage of DemoStages, and the
        // committee reviewing them.
        var files = new List<Application>();
        for (var i = 1; i <= 2; i++)
        {
            var applicant = await DemoData.CreateUserAsync(users, $"applicant-review{i}@titlebridge.localhost", $"Review applicant {i}", Roles.Applicant, null);
            accounts.Add(new(applicant.Role, applicant.Email, applicant.Password));
            var applicantId = (await users.FindByEmailAsync(applicant.Email))!.Id;
            files.Add(await DemoStages.FileAtStageAsync(services, "accepted", applicantId, employer.Id, employerActor, officerActor, cycle.Year));
        }
        var committees = services.GetRequiredService<Committees>();
        var committee = Check(await committees.CreateAsync(new(cycle.Year, "intermediate-junior", "by-series", null, "工程系列中级评审委员会（演示）", "Engineering intermediate committee (demo)",
            7, experts[0].Id, [experts[1].Id], 20260601), "demo", default), "committee");
        var assign = services.GetRequiredService<AssignReviewGroups>();
        Check(await assign.ProposeAsync(committee.Id, "demo", default), "review groups");
        Check(await assign.ConfirmAsync(committee.Id, "demo", Actor.Officer, default), "confirming the review groups");
        var groups = await db.ReviewAssignments.AsNoTracking().Where(r => r.CommitteeId == committee.Id).ToListAsync();

        // Today: the review stage's files, one with every opinion in and on today's meeting, one with an opinion pending.
        var opinions = services.GetRequiredService<ExpertFiles>();
        foreach (var a in groups.Where(g => g.ApplicationId == files[0].Id))
        {
            Check(await opinions.SaveOpinionAsync(experts.Single(e => e.Id == a.ExpertId), a.ApplicationId,
                new(scores, "网络规划与建设经验扎实，专业技术报告具体。/ Solid network design experience; the report is specific.", Localization.Chinese, true), submit: true, default), "opinion");
        }
        var second = groups.Where(g => g.ApplicationId == files[1].Id).ToList();
        Check(await opinions.SaveOpinionAsync(experts.Single(e => e.Id == second[0].ExpertId), files[1].Id,
            new(scores, "Relevant project experience; the report is specific about the results.", Localization.English, true), submit: true, default), "an opinion");
        Check(await opinions.SaveOpinionAsync(experts.Single(e => e.Id == second[1].ExpertId), files[1].Id,
            new(scores, "技术报告待细读。", Localization.Chinese, null), submit: false, default), "a draft opinion");

        var plenary = services.GetRequiredService<Plenary>();
        var meeting = Check(await plenary.ScheduleAsync(committee.Id, today, "demo", default), "today's meeting");
        Check(await plenary.RecordAttendanceAsync(meeting.Id, experts.Select(e => e.Id).ToList(), "demo", default), "today's attendance");
        db.ChangeTracker.Clear();
        return [.. accounts, .. applicants];
    }

    /// <summary>An applicant with a complete file accepted at intake (as the intake stage leaves it), on the given clock.</summary>
    private static async Task<(Application File, (string Role, string Email, string Password) Account)> AcceptedFileAsync(
        IServiceProvider services, TimeProvider clock, EvaluationCycle cycle, Employer employer, string email, string name, int number, ApplicantProfile? profile)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var account = await DemoData.CreateUserAsync(users, email, name, Roles.Applicant, null);
        var applicantId = (await users.FindByEmailAsync(email))!.Id;
        if (profile is not null)
        {
            profile.UserId = applicantId;
            db.ApplicantProfiles.Add(profile);
            await db.SaveChangesAsync();
        }
        var file = await DemoData.CreateCompleteDraftAsync(db, services.GetRequiredService<IFileStore>(), clock, applicantId, employer.Id, cycle.Year);
        file.State = ApplicationState.Accepted;
        file.Reference = $"GZ-{cycle.Year}-9000{number:D2}";
        file.SubmittedAt = file.DeclarationMadeAt = clock.GetUtcNow();
        file.EmploymentConfirmed = true;
        await db.SaveChangesAsync();
        return (file, account);
    }

    private static T Check<T>(Result<T> result, string step) => result.Succeeded
        ? result.Value
        : throw new InvalidOperationException($"Demo {step}: " + string.Join(" ", result.Problems.Select(p => p.Message.En)));
}
