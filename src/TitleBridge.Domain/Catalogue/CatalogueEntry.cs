using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Catalogue;

/// <summary>Why a row is in the catalogue we hold (catalogue README): named family, or illustrative.</summary>
public enum EntryBasis
{
    NamedInAnnouncement,
    Illustrative,
    Official,
}

/// <summary>How long a certificate stays valid before renewal, as the catalogue's English notes say.</summary>
public enum ValidityKind
{
    /// <summary>The notes carry <c>validity: Ny</c>.</summary>
    Fixed,

    /// <summary><c>validity: none</c>: lifetime, or membership kept by subscription; needs no renewal.</summary>
    None,

    /// <summary>No token: uncertain or jurisdiction-dependent.</summary>
    Unknown,
}

/// <summary>
/// One qualification of a catalogue edition, with every column of the catalogue table. The notes are
/// the annex's remarks in both languages (<c>notes</c>, <c>notes_zh</c>); the machine-readable
/// validity token is read from the English notes only (decision 0039).
/// </summary>
public sealed record CatalogueEntry(
    string Code,
    string Sector,
    TitleLevel Level,
    string NameEn,
    string NameZh,
    string Abbreviation,
    string IssuerEn,
    string IssuerZh,
    string CountryRegion,
    string Specialty,
    IReadOnlyList<string> Aliases,
    EntryBasis Basis,
    BilingualText Notes)
{
    /// <summary>Years of validity from the notes' <c>validity: Ny</c> token; null for none or unknown.</summary>
    public int? ValidityYears => ValidityNotes.Parse(Notes.En).Years;

    public ValidityKind Validity => ValidityNotes.Parse(Notes.En).Kind;

    /// <summary>Whether the entry has notes in either language.</summary>
    public bool HasNotes => Notes.En.Length > 0 || Notes.Zh.Length > 0;
}

/// <summary>Reads the machine-readable token <c>validity: (none|\d+y)</c> of the catalogue notes.</summary>
public static partial class ValidityNotes
{
    [System.Text.RegularExpressions.GeneratedRegex(@"validity:\s*(none|\d+y)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Token();

    public static (ValidityKind Kind, int? Years) Parse(string? notes)
    {
        var match = Token().Match(notes ?? "");
        if (!match.Success)
        {
            return (ValidityKind.Unknown, null);
        }
        var value = match.Groups[1].Value;
        return value.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? (ValidityKind.None, null)
            : (ValidityKind.Fixed, int.Parse(value.AsSpan(0, value.Length - 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
