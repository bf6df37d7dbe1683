namespace TitleBridge.Domain.Catalogue.Search;

/// <summary>One search result: the entry and how well it matched (higher is better; only the order is meaningful).</summary>
public readonly record struct CatalogueSearchHit(CatalogueEntry Entry, double Score);
