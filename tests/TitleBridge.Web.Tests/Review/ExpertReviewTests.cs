using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;
using static TitleBridge.Web.Tests.TestData.ReviewScenario;

namespace TitleBridge.Web.Tests.Review;

/// <summary>
/// Expert review end to end over HTTP (policy.md §5.4), on both databases: a committee of eleven, review
/// groups solved and confirmed, a declared conflict that hides the file, opinions, a meeting and the
/// anonymous ballot.
/// </summary>
public sealed class ExpertReviewTests
{
    private static readonly DateOnly Start = new(2026, 3, 2);

    private sealed record Stage(DateOnly Today, TestApp App, HttpClient Officer, List<ExpertAccount> Experts, Guid CommitteeId, Guid FileA, Guid FileB);

    /// <summary>
    /// Two accepted files; eleven experts of computer-networks, the first employed by the applicants' employer
    /// (conflicted with both files); a committee of all eleven; the assignment proposed and confirmed.
    /// </summary>
    private static async Task<Stage> InReviewAsync(Provider provider)
    {
        var clock = Scenario.ClockAt(Start);
        var app = await TestApp.StartAsync(provider, clock: clock);
        var files = await AcceptedFilesAsync(app, clock, 2);
        var officer = await Scenario.OfficerAsync(app);
        var experts = new List<ExpertAccount> { await ExpertAsync(app, officer, "Expert Zero", employer: ApplicantsEmployer) };
        for (var i = 1; i < 11; i++)
        {
            experts.Add(await ExpertAsync(app, officer, $"Expert {i}", culture: i % 2 == 0 ? "zh-Hans" : "en"));
        }
        var committee = await CommitteeAsync(officer, experts, 11);
        var committeeId = committee.GetProperty("id").GetGuid();
        Assert.Equal(11, committee.GetProperty("members").GetArrayLength());
        Assert.Equal(0, committee.GetProperty("meetingProblems").GetArrayLength());

        var proposed = await officer.PostJsonAsync($"/api/committees/{committeeId}/assignment");
        Assert.True(proposed.StatusCode == HttpStatusCode.OK, await proposed.Content.ReadAsStringAsync());
        var groups = (await proposed.JsonAsync()).GetProperty("assignment").GetProperty("groups");
        foreach (var file in files)
        {
            var group = groups.GetProperty(file.ToString()).EnumerateArray().Select(a => a.GetProperty("expertId").GetGuid()).ToList();
            Assert.Equal(3, group.Count);
            Assert.DoesNotContain(experts[0].Id, group);
        }
        var confirmed = await officer.PostJsonAsync($"/api/committees/{committeeId}/assignment/confirm");
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        Assert.All(files, f => Assert.Equal(ApplicationState.InReview, Scenario.StateAsync(app, f).GetAwaiter().GetResult()));
        return new Stage(Today(clock), app, officer, experts, committeeId, files[0], files[1]);
    }

    private static async Task<List<ExpertAccount>> GroupOfAsync(Stage s, Guid file)
    {
        var ids = await s.App.QueryAsync(db => db.ReviewAssignments.Where(r => r.ApplicationId == file).Select(r => r.ExpertId).ToListAsync());
        return s.Experts.Where(e => ids.Contains(e.Id)).ToList();
    }

    private static async Task SubmitOpinionAsync(ExpertAccount expert, Guid file, bool recommend = true)
    {
        var response = await expert.Client.PostJsonAsync($"/api/review/files/{file}/opinion/submit", new
        {
            scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 3 },
            text = "Sound network design experience; the report is specific.", language = "en", recommend,
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ADeclaredConflict_HidesTheFile_ItsDocuments_AndItsBallot_AndTheVoteIsAnonymous(Provider provider)
    {
        var s = await InReviewAsync(provider);
        await using var app = s.App;
        var groupA = await GroupOfAsync(s, s.FileA);
        var recused = groupA[0];
        var document = await app.QueryAsync(db => db.ApplicationDocuments.Where(d => d.ApplicationId == s.FileA).Select(d => d.Id).FirstAsync());

        // Before declaring, the file is readable; the expert declares from the list, before reading.
        var mine = await recused.Client.GetJsonAsync("/api/review/assignments");
        Assert.Contains(mine.EnumerateArray(), f => f.GetProperty("applicationId").GetGuid() == s.FileA);
        Assert.Equal(HttpStatusCode.OK, (await recused.Client.GetAsync($"/api/review/files/{s.FileA}")).StatusCode);
        var declared = await recused.Client.PostJsonAsync($"/api/review/files/{s.FileA}/conflict", new { relationship = "CoAuthor", note = "Co-authored a paper in 2024" });
        Assert.Equal(HttpStatusCode.NoContent, declared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recused.Client.GetAsync($"/api/review/files/{s.FileA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recused.Client.GetAsync($"/api/review/files/{s.FileA}/documents/{document}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recused.Client.GetAsync($"/api/review/files/{s.FileA}/opinion")).StatusCode);
        Assert.Contains(await app.QueryAsync(db => db.AuditEvents.Select(a => a.Type).ToListAsync()), t => t == "ConflictDeclared");

        // The others read, download (logged) and submit; another's opinion shows only after one's own.
        var readers = groupA.Skip(1).ToList();
        await StoreContentAsync(app, document);
        Assert.Equal(HttpStatusCode.OK, (await readers[0].Client.GetAsync($"/api/review/files/{s.FileA}/documents/{document}")).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.ReviewDocumentDownloads.CountAsync(d => d.ExpertId == readers[0].Id)));
        await SubmitOpinionAsync(readers[0], s.FileA);
        var before = await readers[1].Client.GetJsonAsync($"/api/review/files/{s.FileA}/opinion");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("others").ValueKind);
        await SubmitOpinionAsync(readers[1], s.FileA);
        var after = await readers[1].Client.GetJsonAsync($"/api/review/files/{s.FileA}/opinion");
        Assert.Equal(1, after.GetProperty("others").GetArrayLength());
        var again = await readers[1].Client.PostJsonAsync($"/api/review/files/{s.FileA}/opinion/submit", new { scores = new Dictionary<string, int> { ["competence"] = 1, ["achievements"] = 1, ["report"] = 1 }, text = "Changed my mind", recommend = false });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The meeting: everyone present; the recused expert leaves the room for file A.
        var scheduled = await s.Officer.PostJsonAsync("/api/meetings", new { committeeId = s.CommitteeId, date = s.Today.ToString("yyyy-MM-dd") });
        Assert.True(scheduled.StatusCode == HttpStatusCode.Created, await scheduled.Content.ReadAsStringAsync());
        var meetingId = (await scheduled.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await s.Officer.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}/open")).StatusCode);   // nobody present yet: no quorum
        var attendance = await s.Officer.PutAsJsonAsync($"/api/meetings/{meetingId}/attendance", new { present = s.Experts.Select(e => e.Id) });
        Assert.Equal(HttpStatusCode.OK, attendance.StatusCode);
        var opened = await s.Officer.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}/open");
        Assert.True(opened.StatusCode == HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        // Expert Zero (same employer) and the declared expert are recused: 9 of the 11 are present for file A.
        Assert.Equal(9, (await opened.JsonAsync()).GetProperty("presentForItem").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await recused.Client.GetAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recused.Client.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}", new { choice = "Yes" })).StatusCode);

        var voters = s.Experts.Where(e => e.Id != recused.Id && e.Id != s.Experts[0].Id).ToList();
        var choices = new[] { "Yes", "Yes", "Yes", "Yes", "Yes", "No", "Abstain", "Yes" };   // the ninth does not vote
        for (var i = 0; i < choices.Length; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await voters[i].Client.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}", new { choice = choices[i] })).StatusCode);
        }
        var hidden = await voters[0].Client.GetJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}");
        Assert.True(hidden.GetProperty("youHaveVoted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("tally").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await s.Officer.GetJsonAsync($"/api/meetings/{meetingId}")).GetProperty("agenda")[0].GetProperty("tally").ValueKind);

        // A second vote: 409, nothing changes.
        var counts = await CountsAsync(app, s.FileA);
        Assert.Equal(HttpStatusCode.Conflict, (await voters[0].Client.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}", new { choice = "No" })).StatusCode);
        Assert.Equal(counts, await CountsAsync(app, s.FileA));

        var closed = await s.Officer.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}/close");
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var tally = (await closed.JsonAsync()).GetProperty("tally");
        // 6 yes of 9 present: 18 ≥ 18 passes.
        Assert.Equal((6, 1, 1, true), (tally.GetProperty("yes").GetInt32(), tally.GetProperty("no").GetInt32(), tally.GetProperty("abstain").GetInt32(), tally.GetProperty("passed").GetBoolean()));
        Assert.Equal(ApplicationState.Voted, await Scenario.StateAsync(app, s.FileA));

        // A vote after closing: 409, nothing changes.
        counts = await CountsAsync(app, s.FileA);
        Assert.Equal(HttpStatusCode.Conflict, (await voters[8].Client.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}", new { choice = "Yes" })).StatusCode);
        Assert.Equal(counts, await CountsAsync(app, s.FileA));

        // Nothing the API, the audit log or the timeline says pairs a voter with a choice.
        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());
        var events = await app.QueryAsync(db => db.ApplicationEvents.AsNoTracking().ToListAsync());
        var texts = audit.Select(a => $"{a.Actor}|{a.Subject}|{a.Reason}|{a.Data}").Concat(events.Select(e => $"{e.Actor}|{e.Reason}|{e.Data}")).ToList();
        texts.Add(await s.Officer.GetStringAsync($"/api/meetings/{meetingId}"));
        foreach (var v in voters)
        {
            texts.Add(await v.Client.GetStringAsync($"/api/meetings/{meetingId}/ballots/{s.FileA}"));
        }
        foreach (var voter in voters)
        {
            Assert.DoesNotContain(texts, t => (t.Contains(voter.Id.ToString(), StringComparison.OrdinalIgnoreCase) || t.Contains(voter.Email, StringComparison.OrdinalIgnoreCase))
                && (t.Contains("\"choice\"", StringComparison.OrdinalIgnoreCase) || t.Contains("Ballot", StringComparison.Ordinal) || t.Contains("Vote", StringComparison.Ordinal)));
        }
    }

    /// <summary>The test drafts keep document rows without files (SubmitApplicationTests); give this one real content to download.</summary>
    private static async Task StoreContentAsync(TestApp app, Guid documentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Infrastructure.Files.IFileStore>().SaveAsync(new MemoryStream("%PDF-1.4 review"u8.ToArray()));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var document = await db.ApplicationDocuments.SingleAsync(d => d.Id == documentId);
        (document.StorageKey, document.Sha256, document.Size) = (stored.Key, stored.Sha256, stored.Size);
        await db.SaveChangesAsync();
    }

    private static Task<(int, int, int, int)> CountsAsync(TestApp app, Guid file) => app.QueryAsync(async db =>
    {
        var b = await db.Ballots.AsNoTracking().SingleAsync(x => x.ApplicationId == file);
        return (b.Yes, b.No, b.Abstain, await db.BallotVoters.CountAsync(v => v.BallotId == b.Id));
    });

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TenExpertsVotingAtOnce_GiveExactlyTenCountedVotes(Provider provider)
    {
        var s = await InReviewAsync(provider);
        await using var app = s.App;
        foreach (var e in await GroupOfAsync(s, s.FileB))
        {
            await SubmitOpinionAsync(e, s.FileB);
        }
        foreach (var e in await GroupOfAsync(s, s.FileA))
        {
            await SubmitOpinionAsync(e, s.FileA);
        }
        var meetingId = (await (await s.Officer.PostJsonAsync("/api/meetings", new { committeeId = s.CommitteeId, date = s.Today.ToString("yyyy-MM-dd") })).JsonAsync()).GetProperty("id").GetGuid();
        await s.Officer.PutAsJsonAsync($"/api/meetings/{meetingId}/attendance", new { present = s.Experts.Select(e => e.Id) });
        Assert.Equal(HttpStatusCode.OK, (await s.Officer.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileB}/open")).StatusCode);

        // Expert Zero is recused (same employer); the ten others vote, all at once on PostgreSQL.
        var ten = s.Experts.Skip(1).ToList();
        Task<HttpResponseMessage> Vote(ExpertAccount e, int i) => e.Client.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileB}", new { choice = i < 7 ? "Yes" : "No" });
        var responses = provider == Provider.Postgres
            ? await Task.WhenAll(ten.Select(Vote))
            : await SequentiallyAsync(ten, Vote);
        foreach (var r in responses)
        {
            Assert.True(r.StatusCode == HttpStatusCode.NoContent, await r.Content.ReadAsStringAsync());
        }

        var closed = await (await s.Officer.PostJsonAsync($"/api/meetings/{meetingId}/ballots/{s.FileB}/close")).JsonAsync();
        var tally = closed.GetProperty("tally");
        Assert.Equal(10, closed.GetProperty("presentForItem").GetInt32());
        Assert.Equal((7, 3, 0), (tally.GetProperty("yes").GetInt32(), tally.GetProperty("no").GetInt32(), tally.GetProperty("abstain").GetInt32()));
        Assert.Equal(10, await app.QueryAsync(db => db.BallotVoters.CountAsync()));
        // 7 of 10: 21 ≥ 20 passes.
        Assert.Equal(ApplicationState.Voted, await Scenario.StateAsync(app, s.FileB));
    }

    private static async Task<HttpResponseMessage[]> SequentiallyAsync(List<ExpertAccount> experts, Func<ExpertAccount, int, Task<HttpResponseMessage>> vote)
    {
        var list = new List<HttpResponseMessage>();
        for (var i = 0; i < experts.Count; i++)
        {
            list.Add(await vote(experts[i], i));
        }
        return [.. list];
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnInfeasibleAssignment_ExplainsItself_AndWritesNothing(Provider provider)
    {
        var clock = Scenario.ClockAt(Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        await AcceptedFilesAsync(app, clock, 1);
        var officer = await Scenario.OfficerAsync(app);
        var experts = new List<ExpertAccount>();
        for (var i = 0; i < 7; i++)
        {
            // Two experts of the file's group (ict), five of another: a group of 3 cannot be formed.
            experts.Add(await ExpertAsync(app, officer, $"Builder {i}", specialties: i < 2 ? ["information-security"] : ["civil-structural"]));
        }
        var committeeId = (await CommitteeAsync(officer, experts, 7)).GetProperty("id").GetGuid();
        var auditBefore = await app.QueryAsync(db => db.AuditEvents.CountAsync());

        var proposed = await officer.PostJsonAsync($"/api/committees/{committeeId}/assignment");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, proposed.StatusCode);
        var document = await proposed.JsonAsync();
        Assert.Equal("urn:titlebridge:problem:unprocessable", document.GetProperty("type").GetString());
        Assert.Equal("review.assignment-infeasible", document.GetProperty("code").GetString());
        var problems = document.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("code").GetString() == "assignment.file-short"
            && p.GetProperty("message").GetProperty("en").GetString()!.Contains("has 2 conflict-free experts of the same specialty or group; it needs 3", StringComparison.Ordinal));
        Assert.Null(await app.QueryAsync(db => db.Committees.Where(c => c.Id == committeeId).Select(c => c.Assignment).SingleAsync()));
        Assert.Equal(auditBefore, await app.QueryAsync(db => db.AuditEvents.CountAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.ReviewAssignments.CountAsync()));
    }
}
