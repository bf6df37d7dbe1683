using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Eligibility;

/// <summary>
/// Before a new rule-set version is published (issue #9): its effect on every submitted file of the open cycle.
/// Each file's stored content is evaluated as at submission (policy.md §2 COUNT: the cycle's countUntil) by the
/// same engine, under the rule set in force and under the candidate, which is read and validated but not stored.
/// For officers only: the list names files.
/// </summary>
public sealed class PreviewRuleSetImpact(AppDbContext db, RuleSetStore ruleSets, CatalogueSnapshots catalogue, ReferenceData reference, TimeProvider time)
{
    /// <summary>The list of changed files is cut here (the counts are always whole).</summary>
    public const int MaxListed = 1000;

    public async Task<Result<RuleSetImpactDto>> HandleAsync(string candidateJson, CancellationToken ct = default)
    {
        var candidate = RuleSetLoader.Load(candidateJson);
        if (!candidate.Succeeded)
        {
            return Result<RuleSetImpactDto>.Failure(candidate.Problems);
        }
        var today = time.Today();
        var cycles = await db.Cycles.AsNoTracking().ToListAsync(ct);
        if (cycles.Where(c => c.IsOpenOn(today)).OrderByDescending(c => c.Year).FirstOrDefault() is not { } cycle)
        {
            return Result<RuleSetImpactDto>.Failure(Problem.Conflict("impact.no-open-cycle", new(
                "No cycle is open today, so there are no files to compare the rule sets on.", "今天没有正在进行的评审年度，没有可供比较的申报。")));
        }
        var on = cycle.CountUntil;
        var current = await ruleSets.InForceAsync(on, ct);
        var snapshot = await catalogue.InForceAsync(on, ct);
        if (current is null || snapshot is null)
        {
            return Result<RuleSetImpactDto>.Failure(Problem.Conflict("impact.no-rules", new(
                $"No rule set or catalogue edition is in force on {on:yyyy-MM-dd}, the cycle's counting date.", $"本年度计算截止日 {on:yyyy-MM-dd} 没有现行有效的规则集或目录版次。")));
        }
        CatalogueEntry? Find(string code) => snapshot.ByCode.GetValueOrDefault(code);

        var stored = await db.Applications.AsNoTracking()
            .Where(a => a.CycleYear == cycle.Year && a.State != Domain.Applications.ApplicationState.Draft)
            .OrderBy(a => a.Reference)
            .Select(a => new { a.Id, a.Reference, a.TargetLevel, a.Content })
            .ToListAsync(ct);
        var files = new List<(Guid Key, EligibilityRequest Request)>(stored.Count);
        foreach (var a in stored)
        {
            var request = ApplicationContent.Read(a.Content).ToEligibilityRequest(on, on);
            // An anonymised or incomplete file cannot be evaluated; it is counted, not guessed at.
            if (EligibilityRequestValidation.Validate(request, Find, reference).Count == 0)
            {
                files.Add((a.Id, request));
            }
        }
        var report = RuleSetImpact.Compare(files, new EligibilityEvaluator(current, Find, reference), new EligibilityEvaluator(candidate.Value, Find, reference));
        var byId = stored.ToDictionary(a => a.Id);
        return Result<RuleSetImpactDto>.Success(new RuleSetImpactDto(
            cycle.Year, current.Id, current.Version, candidate.Value.Id, candidate.Value.Version, report.Evaluated, stored.Count - report.Evaluated,
            report.Levels.Select(l => new LevelImpactDto(l.Level.Code(), l.Changed, l.BecomeEligible, l.NoLongerEligible)).ToList(),
            report.Changed.Count,
            report.Changed.Take(MaxListed).Select(f => new ChangedFileDto(f.Key, byId[f.Key].Reference, byId[f.Key].TargetLevel,
                f.Changes.Select(c => new LevelChangeDto(c.Level.Code(), c.From.Code(), c.To.Code())).ToList())).ToList()));
    }
}

/// <summary>The impact of a candidate rule set on the open cycle's files. Levels and statuses are their codes (AE, E, SE, PSE; eligible, …).</summary>
public sealed record RuleSetImpactDto(
    int CycleYear, string CurrentRuleSet, string CurrentVersion, string CandidateRuleSet, string CandidateVersion,
    int Evaluated, int NotEvaluated, IReadOnlyList<LevelImpactDto> Levels, int ChangedFiles, IReadOnlyList<ChangedFileDto> Changed);

public sealed record LevelImpactDto(string Level, int Changed, int BecomeEligible, int NoLongerEligible);

public sealed record ChangedFileDto(Guid ApplicationId, string? Reference, string? TargetLevel, IReadOnlyList<LevelChangeDto> Changes);

public sealed record LevelChangeDto(string Level, string From, string To);
