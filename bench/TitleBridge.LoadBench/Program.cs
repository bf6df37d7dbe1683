using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;

// Load test of submissions (issues #4, #10): N applicants, each with a complete draft, sign in; then
// C of them at a time submit over HTTP (a closed loop: the next applicant starts when one finishes),
// until all N have submitted: a sustained load, not a burst. Afterwards every acknowledged submission
// must be in the database exactly once. Loopback only; bounded by N.
// Usage: TitleBridge.LoadBench --url http://127.0.0.1:PORT --connection "Host=…" --data DIR [--applicants 2000] [--concurrency 32]
// With --overdue-corrections M it only seeds M applications whose correction deadline has passed (for the fault
// tests of the deadline sweep, bench/faults/run.sh) and exits.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
var url = new Uri(options["url"]);
if (!IPAddress.IsLoopback((await Dns.GetHostAddressesAsync(url.Host))[0]))
{
    throw new InvalidOperationException("The load test sends traffic to loopback only.");
}
int Option(string name, int fallback) => int.Parse(options.GetValueOrDefault(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var applicants = Option("applicants", 2000);
var concurrency = Option("concurrency", 32);
// Warm-up submissions (seeded on top of the measured applicants, not measured): the first requests after a start
// pay for the JIT and EF's query compilation on every instance; a sustained rate is the warm service's.
var warmup = Option("warmup", 0);
const string Password = "Load-Test-Password-1";

var services = new ServiceCollection()
    .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
    .AddSingleton(TimeProvider.System)
    .AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(options["connection"]))
    .AddSingleton<IFileStore>(new LocalFileStore(Path.Combine(options["data"], "files")));
services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
await using var provider = services.BuildServiceProvider();

// 1. Seed (not measured): an open cycle, one employer, N applicants with complete drafts. The password
// is hashed once and the hash shared, so seeding does not spend minutes in PBKDF2.
var drafts = new ConcurrentBag<(string Email, Guid Id)>();
Guid employerId;
int year;
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var time = TimeProvider.System;
    year = (await DemoData.EnsureOpenCycleAsync(db, time.Today(), "load-test")).Year;
    employerId = (await DemoData.CreateEmployerAsync(db, time, "91440101MA5L" + Random.Shared.Next(10000, 99999).ToString(CultureInfo.InvariantCulture))).Id;
}
var passwordHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password);
if (options.TryGetValue("overdue-corrections", out var overdue))
{
    // State set directly (a bench seed, not a test): files the office sent back for correction whose deadline
    // passed three days ago, each with an applicant to tell; the sweep on every instance must withdraw each once.
    var today = TimeProvider.System.Today();
    var count = int.Parse(overdue, CultureInfo.InvariantCulture);
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await SeedApplicantAsync(scope.ServiceProvider, $"late-{i:00000}", $"Late applicant {i}");
        var draft = await DemoData.CreateCompleteDraftAsync(db, scope.ServiceProvider.GetRequiredService<IFileStore>(), TimeProvider.System, user.Id, employerId, year);
        draft.State = ApplicationState.CorrectionRequested;
        draft.Reference = FormattableString.Invariant($"GZ-{year}-{900000 + i:000000}");
        draft.SubmittedAt = DateTimeOffset.UtcNow.AddDays(-30);
        draft.CorrectionRequested = true;
        draft.CorrectionItems = CorrectionItems.Write([new CorrectionItem(null, "A clearer copy of the degree certificate", "学位证书的清晰复印件")]);
        draft.CorrectionDueOn = today.AddDays(-3);
        await db.SaveChangesAsync(ct);
    });
    Console.WriteLine($"Seeded {count} applications past their correction deadline.");
    return 0;
}
await Parallel.ForEachAsync(Enumerable.Range(0, applicants + warmup), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var user = await SeedApplicantAsync(scope.ServiceProvider, $"load-{i:00000}", $"Applicant {i}");
    var email = user.Email!;
    var draft = await DemoData.CreateCompleteDraftAsync(db, scope.ServiceProvider.GetRequiredService<IFileStore>(), TimeProvider.System, user.Id, employerId, year);
    drafts.Add((email, draft.Id));
});
Console.WriteLine($"Seeded {drafts.Count} applicants with complete drafts.");

// 2. Sign everyone in through the login page (not measured); keep each applicant's cookies.
var cookies = new ConcurrentDictionary<Guid, string>();
await Parallel.ForEachAsync(drafts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (d, ct) =>
{
    // A sign-in that meets a crashed instance (502) or a stopped database (503) is tried again, as a person would.
    for (var attempt = 1; ; attempt++)
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
        using var page = await client.GetAsync("/account/login", ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signedIn = page.IsSuccessStatusCode
            ? await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = d.Email,
                ["Password"] = Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }), ct)
            : page;
        if (signedIn.StatusCode == HttpStatusCode.Redirect)
        {
            cookies[d.Id] = jar.GetCookieHeader(url);
            return;
        }
        if (attempt >= 20 || signedIn.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
        {
            throw new InvalidOperationException($"Sign-in failed for {d.Email}: {signedIn.StatusCode}");
        }
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
    }
});
Console.WriteLine($"Signed in {cookies.Count} applicants; {concurrency} submit at a time until all {applicants} have"
    + (warmup > 0 ? $", after {warmup} warm-up submissions (not measured)." : "."));

// 3. Sustained submissions (measured): one shared connection pool, C requests in flight at any time.
using var shared = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = concurrency, AllowAutoRedirect = false })
{
    BaseAddress = url,
    Timeout = TimeSpan.FromSeconds(60),
};
var results = new ConcurrentBag<(Guid Id, int Status, string? Reference, double Milliseconds)>();
var ordered = drafts.ToArray();
var waitForEmails = options.ContainsKey("wait-for-emails");
// --quiet-pids: the instances' process ids. After each warm-up round the load generator waits until their JIT is quiet
// (bench/README.md: a warm-up of a few seconds leaves a backlog of methods to recompile optimised, which the runtime's
// tiering thread would otherwise compile during the measured phase; a service that has run for an hour has none).
var instancePids = options.GetValueOrDefault("quiet-pids", "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
// Two rounds: a method the first round made hot is recompiled with instrumentation, and only the calls of the second
// round let the runtime compile it at its final tier.
var rounds = warmup > 0 ? (instancePids.Length > 0 ? 2 : 1) : 0;
for (var round = 0; round < rounds; round++)
{
    await SubmitAllAsync(ordered[(warmup * round / rounds)..(warmup * (round + 1) / rounds)], results);
    if (waitForEmails)
    {
        // The warm-up's emails are delivered before the clock starts, so that the phase is charged with its own only.
        await OutboxDrainedAsync();
    }
    if (instancePids.Length > 0)
    {
        var waited = await JitQuietAsync(instancePids);
        Console.WriteLine(FormattableString.Invariant($"warm-up round {round + 1} of {rounds}: the instances' JIT was quiet {waited.TotalSeconds:0.0} s after it"));
    }
}
if (options.ContainsKey("reset-statistics-after-seeding"))
{
    // bench/submissions/run.sh's SQL profile covers the measured phase only (after the warm-up).
    await using var scope = provider.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("SELECT pg_stat_statements_reset(), pg_stat_reset(), pg_stat_reset_shared('wal')");
}

var measured = new ConcurrentBag<(Guid Id, int Status, string? Reference, double Milliseconds)>();
// run.sh's CPU accounting (and an optional trace) watch this file to cover the measured phase only.
var phaseFile = options.GetValueOrDefault("phase-file");
if (phaseFile is { Length: > 0 })
{
    File.WriteAllText(phaseFile, "measuring");
}
var stopwatch = Stopwatch.StartNew();
await SubmitAllAsync(ordered[warmup..], measured);
stopwatch.Stop();
// With --wait-for-emails: the outbox delivers a submission's emails after its answer, so a rate that left a backlog
// behind would not be the rate of the whole work. Count what was still undelivered when the phase ended and wait until
// it is delivered; the rate of submissions with their emails counts that time too, and so does the CPU accounting
// (the phase file says "done" only then).
TimeSpan? drained = null;
var backlog = 0;
if (waitForEmails)
{
    var drainClock = Stopwatch.StartNew();
    backlog = await PendingEmailsAsync();
    drained = await OutboxDrainedAsync() ? drainClock.Elapsed : null;
}
if (phaseFile is { Length: > 0 })
{
    File.WriteAllText(phaseFile, "done");
}

// 4. Every acknowledged submission is present exactly once, with the reference it was acknowledged with.
var all = results.Concat(measured).ToArray();
var acknowledged = all.Where(r => r.Reference is { Length: > 0 }).ToList();
var acknowledgedMeasured = measured.Where(r => r.Reference is { Length: > 0 }).ToList();
// The fault tests may have stopped the database just now: wait for it (at most a minute) before counting.
for (var attempt = 1; ; attempt++)
{
    try
    {
        await using var probe = provider.CreateAsyncScope();
        await probe.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("SELECT 1");
        break;
    }
    catch (Exception e) when (attempt < 60 && e is Npgsql.NpgsqlException or InvalidOperationException)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
    }
}
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var ids = drafts.Select(d => d.Id).ToList();
    var stored = (await db.Applications.Where(a => ids.Contains(a.Id) && a.State == ApplicationState.Submitted)
        .Select(a => new { a.Id, a.Reference }).ToListAsync()).ToDictionary(a => a.Id, a => a.Reference);
    var events = await db.ApplicationEvents.Where(e => ids.Contains(e.ApplicationId) && e.What == nameof(ApplicationTrigger.Submit)).CountAsync();
    var missing = acknowledged.Count(r => stored.GetValueOrDefault(r.Id) != r.Reference);
    var duplicateReferences = stored.Count - stored.Values.Distinct().Count();
    var latencies = acknowledgedMeasured.Select(r => r.Milliseconds).Order().ToArray();
    double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
    Console.WriteLine($"acknowledged {acknowledged.Count} of {all.Length}; stored {stored.Count}; submit events {events}; missing {missing}; duplicate references {duplicateReferences}");
    foreach (var failure in all.Where(r => r.Reference is not { Length: > 0 }).GroupBy(r => r.Status))
    {
        Console.WriteLine($"  not acknowledged: HTTP {failure.Key} × {failure.Count()}");
    }
    Console.WriteLine(FormattableString.Invariant(
        $"submissions: {acknowledgedMeasured.Count / stopwatch.Elapsed.TotalSeconds:0.0} per second sustained ({acknowledgedMeasured.Count} in {stopwatch.Elapsed.TotalSeconds:0.00} s, {concurrency} in flight), p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms"));
    if (waitForEmails)
    {
        Console.WriteLine(drained is { } d
            ? FormattableString.Invariant($"emails: {backlog} not yet delivered when the phase ended, all delivered {d.TotalSeconds:0.0} s later; submissions with their emails delivered: {acknowledgedMeasured.Count / (stopwatch.Elapsed + d).TotalSeconds:0.0} per second")
            : $"emails: {backlog} not yet delivered when the phase ended, and still not all delivered 5 minutes later");
    }
    // Stored but not acknowledged (an answer lost on the way) is allowed; acknowledged but not stored is not.
    var exactlyOnce = missing == 0 && duplicateReferences == 0 && events == stored.Count;
    Console.WriteLine(exactlyOnce ? "every acknowledged submission is present exactly once" : "MISMATCH: see the counts above");
    return exactlyOnce ? 0 : 1;
}

async Task<int> PendingEmailsAsync()
{
    await using var scope = provider.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxEmails.CountAsync(e => e.SentAt == null && e.GaveUpAt == null && e.UncertainAt == null);
}

// Whether every email due was delivered (or held, or given up) within five minutes.
async Task<bool> OutboxDrainedAsync()
{
    var clock = Stopwatch.StartNew();
    while (await PendingEmailsAsync() > 0)
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(5))
        {
            return false;
        }
        await Task.Delay(TimeSpan.FromMilliseconds(200));
    }
    return true;
}

// Waits (at most two minutes) until no tiering thread of any instance used more than one clock tick (10 ms) of CPU in a
// second: the compiling that the warm-up caused is done. Compares each thread with itself (a thread that ended counts as
// quiet; the runtime ends it when its queue is empty). Linux: reads the threads' CPU from /proc, in clock ticks (USER_HZ,
// 100 a second).
async Task<TimeSpan> JitQuietAsync(int[] pids)
{
    var clock = Stopwatch.StartNew();
    var before = TieringTicks(pids);
    while (clock.Elapsed < TimeSpan.FromMinutes(2))
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        var now = TieringTicks(pids);
        if (now.All(t => t.Value - before.GetValueOrDefault(t.Key) <= 1))
        {
            return clock.Elapsed;
        }
        before = now;
    }
    throw new TimeoutException("The instances' JIT was still compiling two minutes after the warm-up.");
}

// The CPU ticks of every instance's tiering thread, by (process, thread, thread start time): a thread id reused by a
// new thread is another key.
static Dictionary<(int Pid, string Tid, string Started), long> TieringTicks(int[] pids)
{
    var ticks = new Dictionary<(int, string, string), long>();
    foreach (var pid in pids)
    {
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                // The runtime names the thread ".NET Tiered Compilation Worker", cut by the kernel to 15 bytes.
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != ".NET Tiered Com")
                {
                    continue;
                }
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // utime, stime and starttime are the stat file's fields 14, 15 and 22 (fields[0] is field 3).
                ticks[(pid, Path.GetFileName(task), fields[19])] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The thread (or the instance) ended meanwhile.
        }
    }
    return ticks;
}

// C requests in flight at any time (a closed loop) until every draft given has been submitted once.
async Task SubmitAllAsync(IEnumerable<(string Email, Guid Id)> batch, ConcurrentBag<(Guid Id, int Status, string? Reference, double Milliseconds)> into)
{
    var queue = new ConcurrentQueue<(string Email, Guid Id)>(batch);
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (queue.TryDequeue(out var d))
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{d.Id}/submit")
            {
                Content = JsonContent.Create(new { declaration = true, acknowledgeEligibilityWarning = true }),
            };
            request.Headers.Add("Cookie", cookies[d.Id]);
            int status;
            string? reference = null;
            try
            {
                using var response = await shared.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                status = (int)response.StatusCode;
                reference = response.IsSuccessStatusCode ? Regex.Match(body, "GZ-\\d{4}-\\d{6}").Value : null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = 0; // no answer: not acknowledged
            }
            into.Add((d.Id, status, reference, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
    }));
}

async Task<AppUser> SeedApplicantAsync(IServiceProvider scoped, string prefix, string name)
{
    var users = scoped.GetRequiredService<UserManager<AppUser>>();
    var email = $"{prefix}-{Guid.NewGuid():N}"[..24] + "@test.localhost";
    var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, PasswordHash = passwordHash };
    var created = await users.CreateAsync(user);
    if (!created.Succeeded || !(await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded)
    {
        throw new InvalidOperationException($"Could not seed {email}.");
    }
    return user;
}
