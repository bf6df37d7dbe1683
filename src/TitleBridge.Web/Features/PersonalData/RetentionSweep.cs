using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Features.PersonalData;

/// <summary>
/// Policy.md §6: a submitted file is kept <c>retentionYears</c> (rule-set parameter) after its final decision, then
/// anonymised: the names, identity numbers, contacts and documents go; what the statistics count (cycle, state, level,
/// specialty, the qualification's catalogue code, the dates of each step) and the audit chain stay. Exactly once, also
/// with two sweeps at once: each file is claimed by inserting its <see cref="AnonymisedFile"/> row first, and the
/// primary key lets only one transaction through (the other waits on the key, then fails and rolls back).
/// </summary>
public sealed class RetentionSweep(IServiceScopeFactory scopes, TimeProvider time, ILogger<RetentionSweep> log)
{
    public static async Task<Dictionary<Guid, DateOnly>> DecidedOnAsync(AppDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var final = DataRequests.Final.Cast<ApplicationState?>().ToList();
        var entered = await db.ApplicationEvents.AsNoTracking()
            .Where(e => ids.Contains(e.ApplicationId) && final.Contains(e.ToState))
            .Select(e => new { e.ApplicationId, e.At }).ToListAsync(ct);
        return entered.GroupBy(e => e.ApplicationId)
            .ToDictionary(g => g.Key, g => DateOnly.FromDateTime(g.Max(e => e.At).ToOffset(GuangzhouClock.Offset).DateTime));
    }

    /// <summary>One pass; returns how many files this pass anonymised.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var today = time.Today();
        List<(Guid Id, DateOnly DecidedOn, int Years)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var years = (await scope.ServiceProvider.GetRequiredService<RuleSetStore>().InForceAsync(today, ct))?.PersonalData.RetentionYears.Value
                ?? throw new InvalidOperationException("No rule set is in force: the retention period is unknown.");
            var final = DataRequests.Final.ToList();
            var candidates = await db.Applications.AsNoTracking()
                .Where(a => final.Contains(a.State) && a.SubmittedAt != null && !db.AnonymisedFiles.Any(x => x.ApplicationId == a.Id))
                .Select(a => a.Id).ToListAsync(ct);
            var decided = await DecidedOnAsync(db, candidates, ct);
            due = [.. decided.Where(d => d.Value.AddYears(years) <= today).Select(d => (d.Key, d.Value, years))];
        }
        var done = 0;
        foreach (var (id, decidedOn, years) in due)
        {
            if (await AnonymiseAsync(id, decidedOn, years, ct))
            {
                done++;
            }
        }
        return done;
    }

    private async Task<bool> AnonymiseAsync(Guid id, DateOnly decidedOn, int years, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<IFileStore>();
        var now = time.GetUtcNow();
        List<ApplicationDocument> documents;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The claim: only one transaction can insert this row.
            db.AnonymisedFiles.Add(new AnonymisedFile { ApplicationId = id, At = now, DecidedOn = decidedOn, RetentionYears = years });
            await db.SaveChangesAsync(ct);

            var application = await db.Applications.SingleAsync(a => a.Id == id, ct);
            var content = ApplicationContent.Read(application.Content);
            // Only the catalogue code and dates of each qualification stay: they place the file in the statistics.
            application.Content = new ApplicationContent { Qualifications = [.. content.Qualifications.Select(q => new QualificationPart(q.Code, q.ObtainedOn, []))] }.Write();
            (application.PublicityObjections, application.EmployerDeclineReason, application.CorrectionItems, application.WithdrawalReason) = (null, null, null, null);
            documents = await db.ApplicationDocuments.Where(d => d.ApplicationId == id).ToListAsync(ct);
            db.ApplicationDocuments.RemoveRange(documents);
            foreach (var e in await db.ApplicationEvents.Where(e => e.ApplicationId == id).ToListAsync(ct))
            {
                (e.Reason, e.Data) = (null, "{}");
            }
            var applicantId = application.ApplicantId;
            var stillKept = await db.Applications.AnyAsync(a => a.ApplicantId == applicantId && a.Id != id && !db.AnonymisedFiles.Any(x => x.ApplicationId == a.Id), ct);
            if (!stillKept)
            {
                await ScrubPersonAsync(db, applicantId, ct);
            }
            db.AuditEvents.Add(new AuditEvent
            {
                At = now, Actor = "system", Type = "FileAnonymised", Subject = $"application:{id}",
                Data = JsonSerializer.Serialize(new { decidedOn, retentionYears = years, documents = documents.Count, personRemoved = !stillKept }),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another sweep claimed the file first.
            log.LogInformation(e, "File {Id} was anonymised by another sweep.", id);
            return false;
        }
        foreach (var d in documents)
        {
            await files.DeleteAsync(d.StorageKey, ct);
        }
        return true;
    }

    /// <summary>The person's profile, contacts and emails go; the account row stays as an empty shell the files still point at.</summary>
    private static async Task ScrubPersonAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        db.ApplicantProfiles.RemoveRange(await db.ApplicantProfiles.Where(p => p.UserId == userId).ToListAsync(ct));
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) is { } user)
        {
            var address = user.Email ?? "";
            db.OutboxEmails.RemoveRange(await db.OutboxEmails.Where(m => m.To == address).ToListAsync(ct));
            var shell = $"anonymised-{user.Id}@anonymised.invalid";
            (user.UserName, user.NormalizedUserName, user.Email, user.NormalizedEmail) = (shell, shell.ToUpperInvariant(), shell, shell.ToUpperInvariant());
            (user.DisplayName, user.PhoneNumber, user.PasswordHash, user.SecurityStamp) = ("", null, null, Guid.NewGuid().ToString("N"));
            (user.LockoutEnabled, user.LockoutEnd) = (true, DateTimeOffset.MaxValue);
        }
    }
}

/// <summary>Runs the retention sweep daily on every instance; the claims make it safe to run on several at once.</summary>
public sealed class RetentionSweepService(RetentionSweep sweep, Microsoft.Extensions.Options.IOptions<Intake.SweepOptions> options, ILogger<RetentionSweepService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweep.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                log.LogWarning(e, "The retention sweep failed; it will be tried again.");
            }
            await Task.Delay(TimeSpan.FromHours(6), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
