using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TitleBridge.Web.Data.Configurations;

public sealed class CatalogueEditionConfiguration : IEntityTypeConfiguration<CatalogueEditionRecord>
{
    public void Configure(EntityTypeBuilder<CatalogueEditionRecord> builder)
    {
        builder.ToTable("CatalogueEditions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(64);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.DataStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.DeclaredByLevel).HasConversion(CountsConverter, CountsComparer);
        builder.Property(e => e.DeclaredBySector).HasConversion(CountsConverter, CountsComparer);
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasMany(e => e.Entries).WithOne().HasForeignKey(e => e.EditionId).OnDelete(DeleteBehavior.Cascade);
    }

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Dictionary<string, int>, string> CountsConverter = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<Dictionary<string, int>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, int>());

    private static readonly ValueComparer<Dictionary<string, int>> CountsComparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
        v => new Dictionary<string, int>(v));
}

public sealed class CatalogueEntryConfiguration : IEntityTypeConfiguration<CatalogueEntryRecord>
{
    public void Configure(EntityTypeBuilder<CatalogueEntryRecord> builder)
    {
        builder.ToTable("CatalogueEntries");
        builder.HasIndex(e => new { e.EditionId, e.Code }).IsUnique();
        builder.HasIndex(e => new { e.EditionId, e.Sector, e.Level });
        builder.Property(e => e.Code).HasMaxLength(64);
        builder.Property(e => e.Sector).HasMaxLength(16);
        builder.Property(e => e.Level).HasMaxLength(8);
        builder.Property(e => e.CountryRegion).HasMaxLength(8);
        builder.Property(e => e.Specialty).HasMaxLength(64);
        builder.Property(e => e.Basis).HasMaxLength(32);
    }
}

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.Subject).HasMaxLength(128);
        builder.HasIndex(e => e.Subject);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
    }
}

public sealed class RuleSetConfiguration : IEntityTypeConfiguration<RuleSetRecord>
{
    public void Configure(EntityTypeBuilder<RuleSetRecord> builder)
    {
        builder.ToTable("RuleSets");
        builder.Property(r => r.RuleSetId).HasMaxLength(64);
        builder.Property(r => r.Version).HasMaxLength(32);
        builder.HasIndex(r => new { r.RuleSetId, r.Version }).IsUnique();
        builder.HasIndex(r => r.EffectiveFrom).IsUnique();
    }
}

public sealed class EvaluationCycleConfiguration : IEntityTypeConfiguration<EvaluationCycle>
{
    public void Configure(EntityTypeBuilder<EvaluationCycle> builder)
    {
        builder.ToTable("EvaluationCycles");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
    }
}
