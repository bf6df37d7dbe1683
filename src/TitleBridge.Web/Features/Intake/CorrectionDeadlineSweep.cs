using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Intake;

public sealed class SweepOptions
{
    public const string Section = "Sweeps";

    /// <summary>Off in tests, which call <see cref="CorrectionDeadlineSweep.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    public int IntervalSeconds { get; set; } = 60;
}

/// <summary>
/// "Missing the deadline counts as withdrawal" (policy.md §5.3): applications in CorrectionRequested
/// whose CorrectionDueOn is before today (Guangzhou date) are withdrawn by the System actor. The due
/// date itself still belongs to the applicant (the workflow's CorrectionOverdue guard). Idempotent and
/// safe with several instances on one database: each application is changed in its own unit of work
/// guarded by its ConcurrencyStamp, so a second instance's attempt fails harmlessly.
/// </summary>
public sealed class CorrectionDeadlineSweep(IServiceScopeFactory scopes, TimeProvider time, Microsoft.Extensions.Options.IOptions<SweepOptions> options, ILogger<CorrectionDeadlineSweep> log) : BackgroundService
{
    public static readonly BilingualText Reason = new("the correction deadline passed", "补正期限已届满");

    /// <summary>One pass; returns how many applications this pass withdrew.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var today = time.Today();
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await db.Applications.AsNoTracking()
                .Where(a => a.State == ApplicationState.CorrectionRequested && a.CorrectionDueOn < today)
                .Select(a => a.Id).ToListAsync(ct);
        }
        var withdrawn = 0;
        foreach (var id in due)
        {
            if (await WithdrawAsync(id, ct))
            {
                withdrawn++;
            }
        }
        return withdrawn;
    }

    private async Task<bool> WithdrawAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is not { State: ApplicationState.CorrectionRequested })
        {
            return false;
        }
        try
        {
            var fired = unit.Fire(application, ApplicationTrigger.CorrectionDeadlinePassed, Actor.System, "system",
                expectedStamp: application.ConcurrencyStamp, reason: Reason.En,
                data: new { dueOn = application.CorrectionDueOn },
                change: a => a.WithdrawalReason = Reason.En);
            if (fired.Succeeded && await ReviewFile.ApplicantRecipientAsync(db, application, ct) is { } to)
            {
                unit.Email(to, new ApplicationWithdrawn(application.Reference ?? "", Reason, application.Id));
            }
            // Refused or changed meanwhile: another instance got there first, or the applicant resubmitted in time.
            return fired.Succeeded && (await unit.CommitAsync(application, ct)).Succeeded;
        }
        catch (DbUpdateException e)
        {
            // A concurrent instance holding the row (e.g. SQLite busy, PostgreSQL serialization): the next pass sees the outcome.
            log.LogInformation(e, "Correction deadline sweep skipped application {Id}: changed concurrently.", id);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)), time);
        do
        {
            try
            {
                var n = await RunOnceAsync(stoppingToken);
                if (n > 0)
                {
                    log.LogInformation("Correction deadline sweep withdrew {Count} application(s).", n);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Correction deadline sweep failed; it runs again at the next interval.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
