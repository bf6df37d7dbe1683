using TitleBridge.Domain.Catalogue;

namespace TitleBridge.Domain.Eligibility;

/// <summary>One level whose status a new rule set changes for one file.</summary>
public sealed record LevelChange(TitleLevel Level, EligibilityStatus From, EligibilityStatus To);

/// <summary>How many files change status at one level, and in which direction.</summary>
public sealed record LevelImpact(TitleLevel Level, int Changed, int BecomeEligible, int NoLongerEligible);

/// <summary>A file whose status changes at one level or more.</summary>
public sealed record ChangedFile<TKey>(TKey Key, IReadOnlyList<LevelChange> Changes);

/// <summary>The effect of a candidate rule set on a set of files: per level, and the files that change.</summary>
public sealed record ImpactReport<TKey>(int Evaluated, IReadOnlyList<LevelImpact> Levels, IReadOnlyList<ChangedFile<TKey>> Changed);

/// <summary>
/// Before a new rule-set version is published, its effect on the files of the open cycle (issue #9): every file is
/// evaluated by the same <see cref="EligibilityEvaluator"/> under the rule set in force and under the candidate, and
/// the statuses of the four levels are compared. The evaluations are independent (the evaluator keeps no state
/// between calls), so they run in parallel; the report is in the files' order whatever the degree of parallelism.
/// </summary>
public static class RuleSetImpact
{
    /// <param name="parallelism">At most this many threads; 1 runs on the caller's thread (the bench's single-threaded baseline).</param>
    public static ImpactReport<TKey> Compare<TKey>(IReadOnlyList<(TKey Key, EligibilityRequest Request)> files,
        EligibilityEvaluator current, EligibilityEvaluator candidate, int parallelism = -1)
    {
        var changes = new LevelChange[]?[files.Count];
        void One(int i)
        {
            var before = current.Evaluate(files[i].Request);
            var after = candidate.Evaluate(files[i].Request);
            List<LevelChange>? changed = null;
            for (var l = 0; l < before.Levels.Count; l++)
            {
                if (before.Levels[l].Status != after.Levels[l].Status)
                {
                    (changed ??= []).Add(new LevelChange(before.Levels[l].Level, before.Levels[l].Status, after.Levels[l].Status));
                }
            }
            changes[i] = changed?.ToArray();
        }
        if (parallelism == 1)
        {
            for (var i = 0; i < files.Count; i++)
            {
                One(i);
            }
        }
        else
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, One);
        }

        var levels = TitleLevels.All.Select(level =>
        {
            int changed = 0, become = 0, noLonger = 0;
            foreach (var c in changes)
            {
                if (c?.FirstOrDefault(x => x.Level == level) is { } x)
                {
                    changed++;
                    become += x.To == EligibilityStatus.Eligible ? 1 : 0;
                    noLonger += x.From == EligibilityStatus.Eligible ? 1 : 0;
                }
            }
            return new LevelImpact(level, changed, become, noLonger);
        }).ToList();
        var changedFiles = new List<ChangedFile<TKey>>();
        for (var i = 0; i < changes.Length; i++)
        {
            if (changes[i] is { } c)
            {
                changedFiles.Add(new ChangedFile<TKey>(files[i].Key, c));
            }
        }
        return new ImpactReport<TKey>(files.Count, levels, changedFiles);
    }
}
