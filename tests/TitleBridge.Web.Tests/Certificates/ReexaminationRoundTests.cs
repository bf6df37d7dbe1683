using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;
using static TitleBridge.Web.Tests.TestData.CertificateTestData;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>
/// A re-examination (复查, policy.md §5.7) from the request to a new title: a new review group of experts who did
/// not read the file before, decided at a plenary meeting, the new result published and confirmed.
/// </summary>
public sealed class ReexaminationRoundTests
{
    private const string Officer = "officer@test.localhost";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Reexamination_IsReadByNewExpertsOnly_DecidedAtItsCommitteesMeeting_AndPublishedAgain(Provider provider)
    {
        var clock = Scenario.ClockAt(Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, applicant) = await VotedAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app);
        await PublishAsync(app, clock, new DateOnly(2026, 9, 29), officer, id);
        var objection = await app.Client().PostAsync($"/api/results/entries/{id}/objections",
            CertificateTestData.ObjectionForm(("name", "Li Si"), ("contact", "13800000000"), ("grounds", "The project was not theirs.")));
        Assert.Equal(HttpStatusCode.OK, objection.StatusCode);
        var objectionId = (await officer.GetJsonAsync("/api/results/objections")).EnumerateArray().Single().GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/results/objections/{objectionId}/decision", new { decision = "uphold", findings = "The referee confirmed it." })).StatusCode);
        var holder = await HolderAsync(app, applicant);
        Assert.Equal(HttpStatusCode.OK, (await holder.PostJsonAsync($"/api/applications/{id}/reexamination", new { grounds = "The referee mixed up two projects." })).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var first = await db.ReviewAssignments.AsNoTracking().Where(r => r.ApplicationId == id).ToListAsync();
        var firstCommittee = first.Select(r => r.CommitteeId).Distinct().Single();
        var earlier = first.Select(r => r.ExpertId).ToHashSet();
        Assert.Equal(3, earlier.Count);
        var panel = await PanelAsync(services);

        // A committee for the re-examination, drawn from the same panel of seven: the three earlier readers are members.
        var committee = Check(await services.GetRequiredService<Committees>().CreateAsync(new(2026, "intermediate-junior", "by-series", null,
            "工程系列中级评审委员会（复查）", "Engineering intermediate committee (re-examination)", 7, panel[0].Id, [panel[1].Id], 20261012), Officer, default));
        var assign = services.GetRequiredService<AssignReviewGroups>();
        var proposal = Check(await assign.ProposeAsync(committee.Id, Officer, default));

        // Each earlier reader is a conflict of the proposal's input, and none of them is in the new group.
        Assert.Equal(earlier.Select(e => e.ToString()).Order(), proposal.Input.Conflicts.Where(c => c[1] == id.ToString()).Select(c => c[0]).Order());
        var group = proposal.Groups[id.ToString()].Select(a => Guid.Parse(a.ExpertId)).ToList();
        Assert.Equal(3, group.Count);
        Assert.Empty(group.Intersect(earlier));
        // Nor can a swap bring one back.
        var swap = await assign.SwapAsync(committee.Id, id, group[0], earlier.First(), "Same specialty.", Officer, default);
        Assert.False(swap.Succeeded);
        Check(await assign.ConfirmAsync(committee.Id, Officer, Actor.Officer, default));
        Assert.Equal(ApplicationState.InReview, (await Scenario.ApplicationAsync(app, id)).State);
        Assert.Equal(group.Order(), await db.ReviewAssignments.AsNoTracking().Where(r => r.CommitteeId == committee.Id && r.ApplicationId == id).Select(r => r.ExpertId).OrderBy(e => e).ToListAsync());

        // The earlier readers no longer see the file; the first committee cannot put it on its agenda again.
        var files = services.GetRequiredService<ExpertFiles>();
        foreach (var e in panel.Where(p => earlier.Contains(p.Id)))
        {
            Assert.Null(await files.ReadableAsync(e, id, default));
            Assert.True(Assert.Single(await files.MineAsync(e, default), f => f.Application.Id == id).Conflicted);
        }
        var plenary = services.GetRequiredService<Plenary>();
        var today = new DateOnly(2026, 10, 12);
        await clock.MoveToAsync(today, officer);
        Assert.False((await plenary.ScheduleAsync(firstCommittee, today, Officer, default)).Succeeded);

        var scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 4 };
        foreach (var e in panel.Where(p => group.Contains(p.Id)))
        {
            Check(await files.SaveOpinionAsync(e, id, new(scores, "The projects are the applicant's own.", "en", true), submit: true, default));
        }
        var meeting = Check(await plenary.ScheduleAsync(committee.Id, today, Officer, default));
        Check(await plenary.RecordAttendanceAsync(meeting.Id, panel.Select(e => e.Id).ToList(), Officer, default));
        Check(await plenary.OpenBallotAsync(meeting.Id, id, Officer, default));
        var view = await plenary.ViewAsync(meeting.Id, default);
        var item = Assert.Single(view!.Agenda);
        Assert.Equal(3, item.RecusedPresent);
        Assert.Equal(group.Order(), item.Opinions.Select(o => o.ExpertId).Order());
        foreach (var e in panel)
        {
            var vote = await plenary.VoteAsync(e, meeting.Id, id, VoteChoice.Yes, default);
            Assert.True(vote.Succeeded != earlier.Contains(e.Id), $"{e.NameEn}: an earlier reader votes on the re-examination? {vote.Succeeded}");
        }
        Check(await plenary.CloseBallotAsync(meeting.Id, id, Officer, Actor.Officer, default));
        Assert.Equal(ApplicationState.Voted, (await Scenario.ApplicationAsync(app, id)).State);

        // The new result goes through the same publicity and is confirmed into a certificate.
        var notice = await PublishAsync(app, clock, new DateOnly(2026, 10, 19), officer, id);
        Assert.Equal("2026-10-23", notice.GetProperty("lastDay").GetString());
        await clock.MoveToAsync(new DateOnly(2026, 10, 26), officer);
        var confirmed = await officer.PostJsonAsync($"/api/applications/{id}/confirm");
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(ApplicationState.CertificateIssued, (await Scenario.ApplicationAsync(app, id)).State);
        Assert.Equal(
            ["RecordPassingVote", "StartResultPublicity", "UpholdObjection", "RequestReexamination", "StartReview", "RecordPassingVote", "StartResultPublicity", "Confirm", "IssueCertificate"],
            (await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == id && e.ToState != null).OrderBy(e => e.Id).Select(e => e.What).ToListAsync()).SkipWhile(w => w != "RecordPassingVote"));
    }
}
