using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Audit;
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
        var attachments = new List<string>();
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
            // What others wrote about the person goes too (docs/decisions/0040-what-anonymisation-removes.md): the
            // employer's objection summaries and decline reason, the office's correction items, the applicant's own
            // withdrawal reason and re-examination grounds; the stored eligibility result repeats the content.
            (application.PublicityObjections, application.EmployerDeclineReason, application.CorrectionItems, application.WithdrawalReason) = (null, null, null, null);
            (application.ReexaminationGrounds, application.Eligibility) = (null, null);
            documents = await db.ApplicationDocuments.Where(d => d.ApplicationId == id).ToListAsync(ct);
            db.ApplicationDocuments.RemoveRange(documents);
            foreach (var e in await db.ApplicationEvents.Where(e => e.ApplicationId == id).ToListAsync(ct))
            {
                (e.Reason, e.Data) = (null, "{}");
            }
            foreach (var c in await db.Conflicts.Where(c => c.ApplicationId == id).ToListAsync(ct))
            {
                c.Note = "";
            }
            foreach (var o in await db.ReviewOpinions.Where(o => o.ApplicationId == id).ToListAsync(ct))
            {
                o.Text = "";
            }
            foreach (var o in await db.ResultObjections.Where(o => o.ApplicationId == id).ToListAsync(ct))
            {
                if (o.AttachmentKey is { } key)
                {
                    attachments.Add(key);
                }
                (o.ObjectorName, o.Contact, o.Grounds, o.Findings) = ("", "", "", null);
                (o.AttachmentName, o.AttachmentContentType, o.AttachmentKey, o.AttachmentSha256) = (null, null, null, null);
            }
            foreach (var s in await db.SupervisionItems.Where(s => s.ApplicationId == id).ToListAsync(ct))
            {
                s.Notes = null;
            }
            // Every email about the file names its reference; some, to the employer and the office, name the person.
            if (application.Reference is { } reference)
            {
                db.OutboxEmails.RemoveRange(await db.OutboxEmails.Where(m => m.Subject.Contains(reference) || m.TextBody.Contains(reference)).ToListAsync(ct));
            }
            var applicantId = application.ApplicantId;
            var stillKept = await db.Applications.AnyAsync(a => a.ApplicantId == applicantId && a.Id != id && !db.AnonymisedFiles.Any(x => x.ApplicationId == a.Id), ct);
            if (!stillKept)
            {
                await ScrubPersonAsync(db, applicantId, ct);
            }
            AuditWriter.Add(db, now, Actors.System, new FileAnonymised(id, decidedOn, years, documents.Count, !stillKept));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another sweep claimed the file first.
            log.LogInformation(e, "File {Id} was anonymised by another sweep.", id);
            return false;
        }
        foreach (var key in documents.Select(d => d.StorageKey).Concat(attachments))
        {
            try
            {
                await files.DeleteAsync(key, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // The anonymisation is committed and no row names the file any more: the orphan-file sweep removes
                // what is left, and one stubborn file must not stop the pass for the other due files.
                log.LogWarning(e, "A stored file of anonymised file {Id} could not be deleted.", id);
            }
        }
        return true;
    }

    /// <summary>The person's profile, contacts, sign-in keys and emails go; the account row stays as an empty shell the files still point at.</summary>
    private static async Task ScrubPersonAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        db.ApplicantProfiles.RemoveRange(await db.ApplicantProfiles.Where(p => p.UserId == userId).ToListAsync(ct));
        // Sign-in keys and external logins are the person's too; the consents stay (they show the lawful basis).
        db.UserTokens.RemoveRange(await db.UserTokens.Where(t => t.UserId == userId).ToListAsync(ct));
        db.UserLogins.RemoveRange(await db.UserLogins.Where(l => l.UserId == userId).ToListAsync(ct));
        db.UserClaims.RemoveRange(await db.UserClaims.Where(c => c.UserId == userId).ToListAsync(ct));
        // Art. 50: the requests and their answers stay; what the person wrote in them (a correction) goes.
        foreach (var r in await db.DataRequests.Where(r => r.UserId == userId).ToListAsync(ct))
        {
            r.Details = "";
        }
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
