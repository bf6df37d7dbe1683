using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;
using static TitleBridge.Web.Tests.TestData.ReviewScenario;

namespace TitleBridge.Web.Tests.Review;

/// <summary>
/// The minutes, the API and the audit log never say how a member voted (issue #7, docs/decisions/0020).
/// Seven members vote on two files with the same counts (3 yes, 2 no, 2 abstain) but every member
/// chooses differently on the two files. So anything that said who chose what would (a) name a member
/// where the API, the audit log or the timelines speak of a ballot — they never do — or (b) read
/// differently for the two files, or (c) change the minutes outside their table of decisions from
/// before the first ballot. Votes write no audit or timeline event, and no log line written while a
/// vote is cast names the voter.
/// </summary>
public sealed partial class VoteSecrecyTests
{
    private static readonly string[] OnA = ["Yes", "Yes", "Yes", "No", "No", "Abstain", "Abstain"];

    // The same counts, and no member chooses the same on both files.
    private static readonly string[] OnB = ["No", "Abstain", "No", "Yes", "Abstain", "Yes", "Yes"];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task NoOutput_DependsOnWhoVotedHow_AndVotesLeaveNoTrace(Provider provider)
    {
        Assert.All(Enumerable.Range(0, OnA.Length), i => Assert.NotEqual(OnA[i], OnB[i]));
        Assert.Equal(OnA.Order(), OnB.Order());
        var clock = Scenario.ClockAt(new DateOnly(2026, 3, 2));
        var logs = new CapturedLogs();
        // Every level of every category reaches the capture, whatever the configuration filters for the console.
        await using var app = await TestApp.StartAsync(provider, clock: clock, services: s => s.AddSingleton<ILoggerProvider>(logs).AddLogging(b => b.AddFilter<CapturedLogs>(null, LogLevel.Trace)));
        var files = await AcceptedFilesAsync(app, clock, 2);
        var officer = await Scenario.OfficerAsync(app);
        var experts = new List<ExpertAccount>();
        for (var i = 0; i < 7; i++)
        {
            experts.Add(await ExpertAsync(app, officer, $"Member {i}", culture: i % 2 == 0 ? "zh-Hans" : "en"));
        }
        var committeeId = (await CommitteeAsync(officer, experts, 7)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/committees/{committeeId}/assignment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/committees/{committeeId}/assignment/confirm")).StatusCode);
        foreach (var file in files)
        {
            var group = await app.QueryAsync(db => db.ReviewAssignments.Where(r => r.ApplicationId == file).Select(r => r.ExpertId).ToListAsync());
            foreach (var e in experts.Where(e => group.Contains(e.Id)))
            {
                var submitted = await e.Client.PostJsonAsync($"/api/review/files/{file}/opinion/submit", new
                {
                    scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 3 },
                    text = "Sound experience; the report is specific.", language = "en", recommend = true,
                });
                Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            }
        }
        var scheduled = await officer.PostJsonAsync("/api/meetings", new { committeeId, date = Today(clock).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var meeting = (await scheduled.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/meetings/{meeting}/attendance", new { present = experts.Select(e => e.Id) })).StatusCode);

        // Everything that names a member: expert id, account id, email, both names.
        var identities = new List<string[]>();
        foreach (var e in experts)
        {
            var row = await app.QueryAsync(db => db.Experts.AsNoTracking().SingleAsync(x => x.Id == e.Id));
            identities.Add([e.Id.ToString(), row.UserId, row.Email, row.NameEn, row.NameZh]);
        }

        // The minutes before any ballot, and the trail so far: the files' earlier events differ (employers,
        // review groups) and are no ballot's business.
        var officerZh = await Scenario.OfficerAsync(app, "zh-Hans");
        var minutesBefore = new[] { await officer.GetStringAsync($"/officer/meetings/{meeting}/minutes"), await officerZh.GetStringAsync($"/officer/meetings/{meeting}/minutes") };
        var (auditFrom, timelineFrom) = await app.QueryAsync(async db => (await db.AuditEvents.MaxAsync(e => e.Id), await db.ApplicationEvents.MaxAsync(e => e.Id)));

        var closes = new Dictionary<Guid, string>();
        foreach (var (file, choices) in new[] { (files[0], OnA), (files[1], OnB) })
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/meetings/{meeting}/ballots/{file}/open")).StatusCode);
            var trailBefore = await TrailCountsAsync(app);
            for (var i = 0; i < experts.Count; i++)
            {
                logs.Clear();
                var voted = await experts[i].Client.PostJsonAsync($"/api/meetings/{meeting}/ballots/{file}", new { choice = choices[i] });
                Assert.Equal(HttpStatusCode.NoContent, voted.StatusCode);
                // No log line written while the vote is cast names the voter.
                var lines = logs.Lines();
                Assert.NotEmpty(lines);
                Assert.All(lines, line => Assert.DoesNotContain(identities[i], id => line.Contains(id, StringComparison.OrdinalIgnoreCase)));
            }
            // A vote writes no audit event and no timeline event.
            Assert.Equal(trailBefore, await TrailCountsAsync(app));
            var closed = await officer.PostJsonAsync($"/api/meetings/{meeting}/ballots/{file}/close");
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            closes[file] = await closed.Content.ReadAsStringAsync();
        }
        // 3 yes of 7 present: 9 < 14, not passed.
        Assert.Equal(ApplicationState.Rejected, await Scenario.StateAsync(app, files[0]));
        Assert.Equal(ApplicationState.Rejected, await Scenario.StateAsync(app, files[1]));

        var references = await app.QueryAsync(db => db.Applications.Where(a => files.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Reference!));
        string Mask(string text, Guid file) => text.Replace(file.ToString(), "<file>", StringComparison.OrdinalIgnoreCase).Replace(references[file], "<reference>", StringComparison.Ordinal);
        void SameForBoth(string what, string onA, string onB) =>
            Assert.True(Mask(onA, files[0]) == Mask(onB, files[1]), $"{what} differs between two files with the same counts but other voters behind each choice:\n{onA}\n{onB}");

        // 1. The API, the audit log and the timelines never name a member in anything about a ballot:
        //    whatever they say, they cannot say who chose what.
        var meetingJson = await officer.GetStringAsync($"/api/meetings/{meeting}");
        var nameless = new List<(string What, string Text)>
        {
            ("the closing answers", closes[files[0]] + closes[files[1]]),
            ("GET /api/meetings", await officer.GetStringAsync("/api/meetings")),
            ("GET /api/meetings/{id}", meetingJson),
        };
        var ballotAnswers = new List<(string A, string B)>();
        for (var i = 0; i < experts.Count; i++)
        {
            ballotAnswers.Add((await experts[i].Client.GetStringAsync($"/api/meetings/{meeting}/ballots/{files[0]}"),
                await experts[i].Client.GetStringAsync($"/api/meetings/{meeting}/ballots/{files[1]}")));
            nameless.Add(($"member {i}'s ballot answers", ballotAnswers[i].A + ballotAnswers[i].B));
        }
        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Id > auditFrom).OrderBy(e => e.Id).ToListAsync());
        var timeline = await app.QueryAsync(db => db.ApplicationEvents.AsNoTracking().Where(e => e.Id > timelineFrom).OrderBy(e => e.Id).ToListAsync());
        string AuditLine(TitleBridge.Web.Data.AuditEvent e) => $"{e.Type}|{e.Actor}|{e.Subject}|{e.Reason}|{e.Data}";
        string TimelineLine(TitleBridge.Web.Data.ApplicationEvent e) => $"{e.ApplicationId}|{e.What}|{e.Actor}|{e.Role}|{e.FromState}|{e.ToState}|{e.Reason}|{e.Data}";
        nameless.Add(("the audit log", string.Join("\n", audit.Select(AuditLine))));
        nameless.Add(("the timelines", string.Join("\n", timeline.Select(TimelineLine))));
        foreach (var (what, text) in nameless)
        {
            Assert.True(text.Contains(files[0].ToString(), StringComparison.OrdinalIgnoreCase), $"{what} should concern the files");
            foreach (var id in identities.SelectMany(x => x))
            {
                Assert.False(text.Contains(id, StringComparison.OrdinalIgnoreCase), $"{what} names a member ({id}):\n{text}");
            }
        }

        // 2. And what they say of each file depends on the counts only: file A and file B read alike.
        SameForBoth("the closing answer", closes[files[0]], closes[files[1]]);
        using (var parsed = JsonDocument.Parse(meetingJson))
        {
            var items = parsed.RootElement.GetProperty("agenda").EnumerateArray().ToDictionary(i => i.GetProperty("applicationId").GetGuid(), i => i.GetRawText());
            SameForBoth("the meeting's agenda item", items[files[0]], items[files[1]]);
        }
        for (var i = 0; i < experts.Count; i++)
        {
            SameForBoth($"member {i}'s ballot answer", ballotAnswers[i].A, ballotAnswers[i].B);
            // Each member is told what another member of their language (member 0 or 1) is told: nothing of their own.
            Assert.Equal(ballotAnswers[i % 2].A, ballotAnswers[i].A);
        }
        var opened = audit.Where(e => e.Type == "BallotOpened").ToList();
        Assert.Equal(2, opened.Count);
        SameForBoth("the ballot-opened audit event", AuditLine(opened[0]), AuditLine(opened[1]));
        Assert.Equal(["RecordFailingVote", "RecordFailingVote"], timeline.Select(e => e.What));
        // Rejected at the vote, each may ask for re-examination for reexaminationDays (30) from today (policy.md §5.7).
        foreach (var file in files)
        {
            Assert.Equal(Today(clock).AddDays(30), (await Scenario.ApplicationAsync(app, file)).ReexaminationDueOn);
        }
        // Each applicant is told at once, with the last day and the page to ask for re-examination — and
        // nothing of who voted how.
        var told = await app.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.TemplateKey == "ResultNotPassed").ToListAsync());
        Assert.Equal(2, told.Count);
        var links = app.Services.GetRequiredService<PublicLinks>();
        var toldOf = files.ToDictionary(f => f, f => Assert.Single(told, e => e.Subject.Contains(references[f], StringComparison.Ordinal)));
        foreach (var file in files)
        {
            var email = toldOf[file];
            Assert.Contains($"\n{links.To($"/applications/{file}/reexamination").AbsoluteUri}\n", email.TextBody, StringComparison.Ordinal);
            Assert.Contains(email.Culture == "en" ? Today(clock).AddDays(30).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")) : Today(clock).AddDays(30).ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture),
                email.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(identities.SelectMany(x => x), id => email.TextBody.Contains(id, StringComparison.OrdinalIgnoreCase));
        }
        SameForBoth("the result email's subject", toldOf[files[0]].Subject, toldOf[files[1]].Subject);
        SameForBoth("the vote's timeline event", TimelineLine(timeline[0]), TimelineLine(timeline[1]));

        // 3. The minutes name members (attendance, recusals): there, each file's row reads alike, and nothing
        //    outside the table of decisions changed from before the first ballot.
        var minutesAfter = new[] { await officer.GetStringAsync($"/officer/meetings/{meeting}/minutes"), await officerZh.GetStringAsync($"/officer/meetings/{meeting}/minutes") };
        Assert.Contains("出席 7 名：同意 3，反对 2，弃权 2", minutesAfter[1], StringComparison.Ordinal);
        for (var l = 0; l < 2; l++)
        {
            var rows = Rows().Matches(DecisionsTable().Match(minutesAfter[l]).Value).Select(m => m.Value).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains(l == 0 ? "3 yes, 2 no, 2 abstained, of 7 present" : "出席 7 名：同意 3，反对 2，弃权 2", rows[0], StringComparison.Ordinal);
            SameForBoth("the minutes' row", rows.Single(r => r.Contains(references[files[0]], StringComparison.Ordinal)), rows.Single(r => r.Contains(references[files[1]], StringComparison.Ordinal)));
            Assert.Equal(WithoutDecisions(minutesBefore[l]), WithoutDecisions(minutesAfter[l]));
        }
    }

    /// <summary>The page without its table of decisions and without what differs between any two requests (form tokens, nonces).</summary>
    private static string WithoutDecisions(string html) =>
        PerRequest().Replace(DecisionsTable().Replace(html, ""), "");

    [GeneratedRegex(@"<table class=""entries"">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex DecisionsTable();

    [GeneratedRegex(@"<tr>\s*<td[ >].*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();

    [GeneratedRegex(@"(name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]*""|nonce=""[^""]*"")")]
    private static partial Regex PerRequest();

    private static Task<(int Audit, int Timeline)> TrailCountsAsync(TestApp app) =>
        app.QueryAsync(async db => (await db.AuditEvents.CountAsync(), await db.ApplicationEvents.CountAsync()));

    /// <summary>Every log line the app writes, at every level its configuration enables.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public void Clear() => _lines.Clear();

        public List<string> Lines() => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
