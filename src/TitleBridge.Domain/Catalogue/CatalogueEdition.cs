using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Catalogue;

/// <summary>Whether an edition's rows are the official annex or a stand-in (catalogue README).</summary>
public enum DataStatus
{
    Official,
    Illustrative,
}

/// <summary>The totals an announcement declares for an edition; imported rows are compared with them.</summary>
public sealed record DeclaredTotals(
    int Total,
    IReadOnlyDictionary<string, int> ByLevel,
    IReadOnlyDictionary<string, int> BySector);

/// <summary>The metadata of one catalogue edition as announced (policy.md §1).</summary>
public sealed record EditionMetadata(
    string Id,
    BilingualText Name,
    BilingualText Issuer,
    DateOnly AnnouncedOn,
    DataStatus DataStatus,
    BilingualText DataNote,
    DeclaredTotals DeclaredTotals);
