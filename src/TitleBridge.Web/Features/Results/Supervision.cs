using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Results;

/// <summary>
/// Supervision sampling (policy.md §5.8): a share of a year's decided files (the rule set's supervisionSampleFraction,
/// default 1/20 [default], at least one file) drawn reproducibly — the same seed over the same files gives the same
/// sample — and recorded; each is looked at again by an officer who did not handle it, and the outcome is recorded.
/// </summary>
public sealed class Supervision(AppDbContext db, Eligibility.RuleSetStore rules, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public const string HandledFileCode = "supervision.handled-file";
    public const string AlreadyRecordedCode = "supervision.already-recorded";

    private static readonly ApplicationState[] Decided =
        [ApplicationState.Rejected, ApplicationState.ObjectionUpheld, ApplicationState.Confirmed, ApplicationState.CertificateIssued, ApplicationState.Revoked];

    public sealed record SampleDto(Guid Id, int CycleYear, int Seed, int Population, IReadOnlyList<ItemDto> Items);

    public sealed record ItemDto(long Id, Guid ApplicationId, string? Reference, string? ReviewedBy, string? Outcome, string? Notes);

    /// <summary>The sample a seed gives over files (ordered by reference): a seeded Fisher–Yates shuffle's first k.</summary>
    public static IReadOnlyList<T> Draw<T>(IReadOnlyList<T> orderedFiles, int seed, Domain.Eligibility.Fraction fraction)
    {
        // The share rounded up, in integers: 41 files at 1/20 give 3.
        var k = orderedFiles.Count == 0 ? 0 : Math.Max(1, (int)(((long)orderedFiles.Count * fraction.Numerator + fraction.Denominator - 1) / fraction.Denominator));
        var copy = orderedFiles.ToArray();
        var random = new Random(seed);
        for (var i = copy.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy[..k];
    }

    public async Task<Result<SampleDto>> DrawAsync(int? cycleYear, int? seed, string officer, CancellationToken ct = default)
    {
        if (cycleYear is null)
        {
            return Result<SampleDto>.Failure(new Problem("required", new("Give the evaluation year to sample (cycleYear).", "请填写抽查的评审年度。"), "cycleYear"));
        }
        var files = await db.Applications.AsNoTracking().Where(a => a.CycleYear == cycleYear && Decided.Contains(a.State) && a.Reference != null)
            .Select(a => new { a.Id, a.Reference }).ToListAsync(ct);
        var ordered = files.OrderBy(f => f.Reference, StringComparer.Ordinal).ToList();
        // The seed is recorded so the draw can be replayed; without one, a fresh one is drawn and recorded.
        var s = seed ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);
        var fraction = (await rules.InForceAsync(time.Today(), ct))?.Procedure.SupervisionSampleFraction.Value
            ?? throw new InvalidOperationException("No rule set is in force.");
        var picked = Draw(ordered, s, fraction);
        var sample = new SupervisionSample { CycleYear = cycleYear.Value, Seed = s, Population = ordered.Count, DrawnAt = time.GetUtcNow(), DrawnBy = officer };
        db.SupervisionSamples.Add(sample);
        var items = picked.Select(p => new SupervisionItem { SampleId = sample.Id, ApplicationId = p.Id }).ToList();
        db.SupervisionItems.AddRange(items);
        audit.Add(new Infrastructure.Audit.SupervisionSampleDrawn(sample.Id, s, ordered.Count, items.Count));
        await db.SaveChangesAsync(ct);
        return Result<SampleDto>.Success(new SampleDto(sample.Id, sample.CycleYear, s, ordered.Count,
            [.. items.Select(i => new ItemDto(i.Id, i.ApplicationId, picked.First(p => p.Id == i.ApplicationId).Reference, null, null, null))]));
    }

    /// <summary>Records the second look; refused for an officer who handled the file (any step on its timeline).</summary>
    public async Task<Result<ItemDto>> RecordAsync(long itemId, string? outcome, string? notes, string officer, CancellationToken ct = default)
    {
        var item = await db.SupervisionItems.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return Result<ItemDto>.Failure(EmployerReview.ActionOutcome.NotFound());
        }
        if (outcome is not ("confirmed" or "concerns"))
        {
            return Result<ItemDto>.Failure(new Problem("required", new("Choose the outcome: confirmed (the file was handled correctly) or concerns.", "请选择抽查结论：办理无误或存在问题。"), "outcome"));
        }
        var text = notes?.Trim();
        if (outcome == "concerns" && string.IsNullOrEmpty(text) || text is { Length: > 4000 })
        {
            return Result<ItemDto>.Failure(new Problem("required", new("Describe the concerns (at most 4000 characters).", "请说明存在的问题（不超过 4000 个字符）。"), "notes"));
        }
        if (item.Outcome is not null)
        {
            return Result<ItemDto>.Failure(new Problem(AlreadyRecordedCode, new("The outcome of this second look is already recorded.", "该抽查结论已记录。")) { Kind = ProblemKind.Conflict });
        }
        if (await db.ApplicationEvents.AnyAsync(e => e.ApplicationId == item.ApplicationId && e.Actor == officer, ct))
        {
            return Result<ItemDto>.Failure(new Problem(HandledFileCode, new(
                "You handled this file, so you may not give its second look: another officer must (policy §5.8).",
                "您曾经办该申报，不能对其进行抽查复核，须由其他经办人员进行。")) { Kind = ProblemKind.Forbidden });
        }
        item.Outcome = outcome;
        item.Notes = text;
        item.ReviewedBy = officer;
        item.ReviewedAt = time.GetUtcNow();
        audit.Add(new Infrastructure.Audit.SupervisionOutcomeRecorded(item.ApplicationId, outcome));
        await db.SaveChangesAsync(ct);
        var reference = await db.Applications.Where(a => a.Id == item.ApplicationId).Select(a => a.Reference).FirstOrDefaultAsync(ct);
        return Result<ItemDto>.Success(new ItemDto(item.Id, item.ApplicationId, reference, item.ReviewedBy, item.Outcome, item.Notes));
    }
}
