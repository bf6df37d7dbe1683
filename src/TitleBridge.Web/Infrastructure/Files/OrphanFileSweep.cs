using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Intake;

namespace TitleBridge.Web.Infrastructure.Files;

/// <summary>
/// Removes stored files that no row names. A file is written before the row that names it is committed
/// (decision record 0006): if the process dies in between, or after a row's deletion was committed but
/// before its file was removed, the file is left with nothing pointing at it. Files younger than
/// <see cref="UploadOptions.OrphanGraceHours"/> are never touched, so an upload in flight keeps its file;
/// deleting is idempotent, so every instance may run the sweep at once.
/// </summary>
public sealed class OrphanFileSweep(IServiceScopeFactory scopes, IFileStore files, TimeProvider time, IOptions<UploadOptions> options, ILogger<OrphanFileSweep> log)
{
    private const int Batch = 500;

    /// <summary>One pass over the whole store; returns how many files it removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var before = time.GetUtcNow() - TimeSpan.FromHours(options.Value.OrphanGraceHours);
        var removed = 0;
        foreach (var batch in files.List().Where(e => e.WrittenAt < before).Chunk(Batch))
        {
            var keys = batch.Select(e => e.Key).Distinct().ToList();
            HashSet<string> named;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                named = (await db.ApplicationDocuments.Where(d => keys.Contains(d.StorageKey)).Select(d => d.StorageKey).ToListAsync(ct))
                    .Concat(await db.ResultObjections.Where(o => o.AttachmentKey != null && keys.Contains(o.AttachmentKey)).Select(o => o.AttachmentKey!).ToListAsync(ct))
                    .ToHashSet(StringComparer.Ordinal);
            }
            // A half-written file is never named by a row that may still need it: its upload failed or died.
            foreach (var entry in batch.Where(e => !e.Complete || !named.Contains(e.Key)))
            {
                await files.DeleteAsync(entry.Key, ct);
                removed++;
            }
        }
        if (removed > 0)
        {
            log.LogInformation("The orphan-file sweep removed {Count} stored files that no row names.", removed);
        }
        return removed;
    }
}

/// <summary>Runs <see cref="OrphanFileSweep"/> every six hours on every instance (off where <see cref="SweepOptions.Enabled"/> is false).</summary>
public sealed class OrphanFileSweepService(OrphanFileSweep sweep, IOptions<SweepOptions> options, ILogger<OrphanFileSweepService> log) : BackgroundService
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
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or IOException or System.Data.Common.DbException)
            {
                log.LogWarning(e, "The orphan-file sweep failed; it will be tried again.");
            }
            await Task.Delay(TimeSpan.FromHours(6), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
