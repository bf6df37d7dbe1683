using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Import;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Catalogue;

public sealed record ImportSummary(string EditionId, int EntryCount, IReadOnlyList<TotalsMismatch> TotalsMismatches);

/// <summary>
/// Imports a catalogue edition (CSV or XLSX rows plus the announced metadata) as a draft, and
/// publishes drafts. Imports are all or nothing: any problem and nothing is written.
/// </summary>
public sealed class CatalogueImporter(AppDbContext db, ReferenceData reference, CatalogueSnapshots snapshots, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    /// <summary>Reads, checks and stores a new draft edition. Every problem is returned; nothing is written unless there are none.</summary>
    public async Task<Result<ImportSummary>> ImportDraftAsync(EditionMetadata metadata, string fileName, byte[] content, string actor, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(metadata.Id) || metadata.Id.Length > 64 || !metadata.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add(new Problem("edition.id", new(
                "The edition id must be 1 to 64 letters, digits, hyphens or underscores.",
                "版次编号须为 1 至 64 个字母、数字、连字符或下划线。"), "editionId"));
        }
        else if (await db.CatalogueEditions.AnyAsync(e => e.Id == metadata.Id, ct))
        {
            problems.Add(new Problem("edition.exists", new(
                $"An edition with the id '{metadata.Id}' already exists. Choose another id.",
                $"编号为“{metadata.Id}”的版次已存在，请使用其他编号。"), "editionId"));
        }

        var table = CatalogueFileReader.Read(fileName, content);
        if (!table.Succeeded)
        {
            return Result<ImportSummary>.Failure([.. problems, .. table.Problems]);
        }
        var entries = CatalogueTable.Validate([table.Value.Header, .. table.Value.Rows], reference);
        if (!entries.Succeeded)
        {
            return Result<ImportSummary>.Failure([.. problems, .. entries.Problems]);
        }
        if (problems.Count > 0)
        {
            return Result<ImportSummary>.Failure(problems);
        }

        var now = time.GetUtcNow();
        var edition = new CatalogueEditionRecord
        {
            Id = metadata.Id,
            NameEn = metadata.Name.En,
            NameZh = metadata.Name.Zh,
            IssuerEn = metadata.Issuer.En,
            IssuerZh = metadata.Issuer.Zh,
            AnnouncedOn = metadata.AnnouncedOn,
            Status = EditionStatus.Draft,
            DataStatus = metadata.DataStatus,
            DataNoteEn = metadata.DataNote.En,
            DataNoteZh = metadata.DataNote.Zh,
            DeclaredTotal = metadata.DeclaredTotals.Total,
            DeclaredByLevel = new(metadata.DeclaredTotals.ByLevel),
            DeclaredBySector = new(metadata.DeclaredTotals.BySector),
            ImportedAt = now,
            ImportedBy = actor,
            SourceFile = Path.GetFileName(fileName),
            Entries = entries.Value.Select(e => e.ToRecord(metadata.Id)).ToList(),
        };
        db.CatalogueEditions.Add(edition);
        audit.Add(new Infrastructure.Audit.CatalogueEditionImported(metadata.Id, edition.SourceFile, edition.Entries.Count));
        await db.SaveChangesAsync(ct);
        return Result<ImportSummary>.Success(new ImportSummary(metadata.Id, entries.Value.Count,
            DeclaredTotalsCheck.Compare(entries.Value, metadata.DeclaredTotals)));
    }

    /// <summary>
    /// Publishes a draft from a date. The previous edition in force ends the day before. A draft whose
    /// counts differ from the declared totals is published only with an officer's recorded reason.
    /// </summary>
    public async Task<Result<CatalogueEditionRecord>> PublishAsync(string editionId, DateOnly effectiveFrom, string? overrideReason, string actor, Guid? expectedStamp = null, CancellationToken ct = default)
    {
        var edition = await db.CatalogueEditions.Include(e => e.Entries).FirstOrDefaultAsync(e => e.Id == editionId, ct);
        if (edition is null)
        {
            return Result<CatalogueEditionRecord>.Failure(Problem.NotFound("edition.not-found", new(
                $"There is no edition with the id '{editionId}'.", $"没有编号为“{editionId}”的版次。")));
        }
        if (expectedStamp is { } stamp && stamp != edition.ConcurrencyStamp)
        {
            return Result<CatalogueEditionRecord>.Failure(Problem.Conflict("edition.changed", new(
                "Someone else changed this edition since you opened it. Reload the page and try again.",
                "您打开此页面后，其他人已修改该版次。请刷新页面后重试。")));
        }
        if (edition.Status != EditionStatus.Draft)
        {
            return Result<CatalogueEditionRecord>.Failure(new Problem("edition.not-draft", new(
                "Only a draft edition can be published; this one is already published.", "只有草稿版次可以发布，该版次已发布。")));
        }
        var latest = await db.CatalogueEditions
            .Where(e => e.Status == EditionStatus.Published)
            .OrderByDescending(e => e.EffectiveFrom)
            .FirstOrDefaultAsync(ct);
        var problems = new List<Problem>();
        if (latest is not null && effectiveFrom <= latest.EffectiveFrom)
        {
            problems.Add(new Problem("edition.effectiveFrom", new(
                $"The effective date must be after {latest.EffectiveFrom:yyyy-MM-dd}, when the edition '{latest.Id}' took effect.",
                $"生效日期必须晚于 {latest.EffectiveFrom:yyyy-MM-dd}（版次“{latest.Id}”的生效日期）。"), "effectiveFrom"));
        }
        var mismatches = DeclaredTotalsCheck.Compare(edition.Entries.Select(e => e.ToDomain()).ToList(),
            new DeclaredTotals(edition.DeclaredTotal, edition.DeclaredByLevel, edition.DeclaredBySector));
        if (mismatches.Count > 0 && string.IsNullOrWhiteSpace(overrideReason))
        {
            problems.Add(new Problem("edition.totals-mismatch", new(
                "The imported counts differ from the declared totals. Give a reason to publish anyway.",
                "导入的条目数量与公布的总量不一致。如仍要发布，请填写理由。"), "overrideReason"));
        }
        if (problems.Count > 0)
        {
            return Result<CatalogueEditionRecord>.Failure(problems);
        }

        var now = time.GetUtcNow();
        if (latest is not null && (latest.EffectiveTo is null || latest.EffectiveTo >= effectiveFrom))
        {
            latest.EffectiveTo = effectiveFrom.AddDays(-1);
            latest.ConcurrencyStamp = Guid.NewGuid();
        }
        edition.Status = EditionStatus.Published;
        edition.EffectiveFrom = effectiveFrom;
        edition.PublishedAt = now;
        edition.PublishedBy = actor;
        edition.TotalsOverrideReason = mismatches.Count > 0 ? overrideReason!.Trim() : null;
        edition.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(new Infrastructure.Audit.CatalogueEditionPublished(editionId, effectiveFrom, latest?.Id, mismatches.Count), edition.TotalsOverrideReason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CatalogueEditionRecord>.Failure(Problem.Conflict("edition.changed", new(
                "Someone else changed this edition at the same time. Reload the page and try again.",
                "其他人同时修改了该版次。请刷新页面后重试。")));
        }
        snapshots.Invalidate();
        return Result<CatalogueEditionRecord>.Success(edition);
    }
}
