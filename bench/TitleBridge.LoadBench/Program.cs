using System.Diagnostics;
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

// Load test of submissions (issue #4): N applicants, each with a complete draft, sign in and then
// submit at the same moment over HTTP against a TitleBridge on PostgreSQL. Afterwards every
// acknowledged submission must be in the database exactly once. Loopback only; bounded by N.
// Usage: TitleBridge.LoadBench --url http://127.0.0.1:PORT --connection "Host=…" --data DIR [--applicants 200]
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
var url = new Uri(options["url"]);
if (!IPAddress.IsLoopback((await Dns.GetHostAddressesAsync(url.Host))[0]))
{
    throw new InvalidOperationException("The load test sends traffic to loopback only.");
}
var applicants = int.Parse(options.GetValueOrDefault("applicants", "200"), System.Globalization.CultureInfo.InvariantCulture);
const string Password = "Load-Test-Password-1";

var services = new ServiceCollection()
    .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
    .AddSingleton(TimeProvider.System)
    .AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(options["connection"]))
    .AddSingleton<IFileStore>(new LocalFileStore(Path.Combine(options["data"], "files")));
services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
await using var provider = services.BuildServiceProvider();

// 1. Seed: an open cycle, one employer, N applicants with complete drafts.
var drafts = new List<(string Email, Guid Id)>();
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
    var time = TimeProvider.System;
    var cycle = await DemoData.EnsureOpenCycleAsync(db, time.Today(), "load-test");
    var employer = await DemoData.CreateEmployerAsync(db, time, "91440101MA5L" + Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture));
    for (var i = 0; i < applicants; i++)
    {
        var email = $"load-{i:0000}-{Guid.NewGuid():N}"[..24] + "@test.localhost";
        await DemoData.CreateUserAsync(users, email, $"Applicant {i}", Roles.Applicant, null, Password);
        var user = await users.FindByEmailAsync(email);
        var draft = await DemoData.CreateCompleteDraftAsync(db, scope.ServiceProvider.GetRequiredService<IFileStore>(), time, user!.Id, employer.Id, cycle.Year);
        drafts.Add((email, draft.Id));
    }
}
Console.WriteLine($"Seeded {drafts.Count} applicants with complete drafts.");

// 2. Sign everyone in (not measured).
var clients = await Task.WhenAll(drafts.Select(async d =>
{
    var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    var page = await client.GetStringAsync("/account/login");
    var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Email"] = d.Email,
        ["Password"] = Password,
        ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
    }));
    return signedIn.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Sign-in failed for {d.Email}: {signedIn.StatusCode}");
}));

// 3. Everyone submits at once (measured).
using var start = new SemaphoreSlim(0);
var stopwatch = new Stopwatch();
var submissions = drafts.Zip(clients).Select(async pair =>
{
    await start.WaitAsync();
    var response = await pair.Second.PostAsJsonAsync($"/api/applications/{pair.First.Id}/submit", new { declaration = true, acknowledgeEligibilityWarning = true });
    var body = await response.Content.ReadAsStringAsync();
    var reference = response.IsSuccessStatusCode ? Regex.Match(body, "GZ-\\d{4}-\\d{6}").Value : null;
    return (pair.First.Id, Status: (int)response.StatusCode, Reference: reference);
}).ToList();
stopwatch.Start();
start.Release(drafts.Count);
var results = await Task.WhenAll(submissions);
stopwatch.Stop();

// 4. Every acknowledged submission is present exactly once.
var acknowledged = results.Where(r => r.Reference is { Length: > 0 }).ToList();
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var ids = drafts.Select(d => d.Id).ToList();
    var stored = await db.Applications.Where(a => ids.Contains(a.Id) && a.State == ApplicationState.Submitted)
        .Select(a => new { a.Id, a.Reference }).ToListAsync();
    var events = await db.ApplicationEvents.Where(e => ids.Contains(e.ApplicationId) && e.What == nameof(ApplicationTrigger.Submit)).CountAsync();
    var missing = acknowledged.Count(r => !stored.Any(s => s.Id == r.Id && s.Reference == r.Reference));
    var duplicateReferences = stored.Count - stored.Select(s => s.Reference).Distinct().Count();
    Console.WriteLine($"acknowledged {acknowledged.Count} of {results.Length}; stored {stored.Count}; submit events {events}; missing {missing}; duplicate references {duplicateReferences}");
    foreach (var failure in results.Where(r => r.Reference is not { Length: > 0 }).GroupBy(r => r.Status))
    {
        Console.WriteLine($"  not acknowledged: HTTP {failure.Key} × {failure.Count()}");
    }
    Console.WriteLine($"submissions: {acknowledged.Count / stopwatch.Elapsed.TotalSeconds:0.0} per second ({acknowledged.Count} in {stopwatch.Elapsed.TotalSeconds:0.00} s)");
    var exactlyOnce = missing == 0 && duplicateReferences == 0 && stored.Count == acknowledged.Count && events == acknowledged.Count;
    Console.WriteLine(exactlyOnce ? "every acknowledged submission is present exactly once" : "MISMATCH: see the counts above");
    return exactlyOnce ? 0 : 1;
}
