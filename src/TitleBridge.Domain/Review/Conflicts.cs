using System.Globalization;
using System.Text;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Review;

/// <summary>Why an expert may not read or vote on a file (policy.md §5.4 conflicts and recusal, 回避).</summary>
public enum ConflictKind
{
    /// <summary>The expert's employer is one the applicant works for now or worked for within <c>conflictLookbackYears</c>.</summary>
    SameEmployer,

    /// <summary>The expert is on the staff of the employer that endorsed the file.</summary>
    EndorsingEmployer,

    /// <summary>The expert read this file before (a re-examination is read by others).</summary>
    EarlierInvolvement,

    /// <summary>The expert declared a relationship with the applicant before reading.</summary>
    Declared,

    /// <summary>An officer found a conflict the data did not show.</summary>
    AddedByOfficer,
}

/// <summary>The relationships an expert may declare (policy.md §5.4).</summary>
public enum DeclaredRelationship
{
    Relative,
    SupervisorOrStudent,
    CoAuthor,
    Other,
}

/// <summary>An employer as conflicts compare it: by unified social credit code where both have one, else by normalised name.</summary>
public sealed record EmployerIdentity(string Name, string? CreditCode)
{
    public bool IsSameAs(EmployerIdentity other)
    {
        if (!string.IsNullOrWhiteSpace(CreditCode) && !string.IsNullOrWhiteSpace(other.CreditCode))
        {
            return string.Equals(CreditCode.Trim(), other.CreditCode.Trim(), StringComparison.OrdinalIgnoreCase);
        }
        var a = EmployerNames.Normalise(Name);
        return a.Length > 0 && a == EmployerNames.Normalise(other.Name);
    }
}

public static class EmployerNames
{
    /// <summary>
    /// Width, case, spaces and punctuation never make two employers different ("ACME Co., Ltd." is
    /// "acme co ltd"; full-width letters fold to ASCII), and the usual legal forms are spelled one way.
    /// </summary>
    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }
        var folded = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant()
            .Replace("limited", "ltd", StringComparison.Ordinal)
            .Replace("company", "co", StringComparison.Ordinal)
            .Replace("有限责任公司", "有限公司", StringComparison.Ordinal);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || category == UnicodeCategory.OtherLetter)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}

/// <summary>A period in the applicant's work history as the application states it.</summary>
public sealed record EmploymentPeriod(EmployerIdentity Employer, DateOnly From, DateOnly? To);

/// <summary>What conflicts need to know about an expert.</summary>
public sealed record ExpertConflictFacts(string ExpertId, EmployerIdentity Employer);

/// <summary>What conflicts need to know about a file: the work history, the endorsing employer, who read it before.</summary>
public sealed record FileConflictFacts(
    string FileId,
    IReadOnlyList<EmploymentPeriod> WorkHistory,
    EmployerIdentity? EndorsingEmployer,
    IReadOnlySet<string> EarlierReaders);

/// <summary>A conflict recorded by a person: declared by the expert, added by an officer, or an officer's lift of one kind.</summary>
public sealed record RecordedConflict(ConflictKind Kind, bool Lifted, string Note);

/// <summary>One conflict in force, with its reason in both languages.</summary>
public sealed record Conflict(ConflictKind Kind, BilingualText Reason);

public static class ConflictFinder
{
    /// <summary>
    /// The conflicts in force between an expert and a file on <paramref name="today"/>: every kind the
    /// data shows, plus the recorded ones, minus those an officer lifted. A declaration cannot be lifted
    /// by an officer: only the expert knows the relationship (policy.md §5.4 "an expert must declare").
    /// </summary>
    public static IReadOnlyList<Conflict> Find(
        ExpertConflictFacts expert, FileConflictFacts file, DateOnly today, int lookbackYears, IEnumerable<RecordedConflict> recorded)
    {
        var recordedList = recorded.ToList();
        var lifted = recordedList.Where(r => r.Lifted && r.Kind != ConflictKind.Declared).Select(r => r.Kind).ToHashSet();
        var found = new List<Conflict>();

        var windowStart = today.AddYears(-lookbackYears);
        var shared = file.WorkHistory.FirstOrDefault(p =>
            p.From <= today && (p.To ?? DateOnly.MaxValue) >= windowStart && p.Employer.IsSameAs(expert.Employer));
        if (shared is not null)
        {
            found.Add(new Conflict(ConflictKind.SameEmployer, new(
                $"The applicant works or worked within the last {lookbackYears} years for the expert's employer ({shared.Employer.Name}).",
                $"申请人现在或近{lookbackYears}年内曾在该专家的工作单位（{shared.Employer.Name}）工作。")));
        }
        if (file.EndorsingEmployer is { } endorsing && endorsing.IsSameAs(expert.Employer))
        {
            found.Add(new Conflict(ConflictKind.EndorsingEmployer, new(
                $"The expert is on the staff of the endorsing employer ({endorsing.Name}).",
                $"该专家是推荐单位（{endorsing.Name}）的工作人员。")));
        }
        if (file.EarlierReaders.Contains(expert.ExpertId))
        {
            found.Add(new Conflict(ConflictKind.EarlierInvolvement, new(
                "The expert read this file before.",
                "该专家曾评审过此申请。")));
        }
        foreach (var r in recordedList.Where(r => !r.Lifted))
        {
            found.Add(r.Kind switch
            {
                ConflictKind.Declared => new Conflict(ConflictKind.Declared, new($"Declared by the expert: {r.Note}", $"专家申报：{r.Note}")),
                _ => new Conflict(r.Kind, new($"Recorded by an officer: {r.Note}", $"工作人员记录：{r.Note}")),
            });
        }
        return found.Where(c => c.Kind == ConflictKind.Declared || !lifted.Contains(c.Kind)).ToList();
    }
}
