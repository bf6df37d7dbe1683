using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TitleBridge.Web.Data.Configurations;

public sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("OutboxEmails");
        builder.HasKey(e => e.Id);
        // Ids are made by the outbox (version 7: time-ordered), never by the database.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.TemplateKey).HasMaxLength(64);
        builder.Property(e => e.To).HasMaxLength(320);
        builder.Property(e => e.ToName).HasMaxLength(200);
        builder.Property(e => e.Culture).HasMaxLength(16);
        builder.Property(e => e.Subject).HasMaxLength(400);
        builder.Property(e => e.LastError).HasMaxLength(2000);
        builder.Property(e => e.LockedBy).HasMaxLength(128);
        // The sender's question every few seconds: unsent rows that are due.
        builder.HasIndex(e => new { e.SentAt, e.NextAttemptAt });
    }
}
