using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TitleBridge.Web.Data.Configurations;

public sealed class PrivacyNoticeConfiguration : IEntityTypeConfiguration<PrivacyNoticeRecord>
{
    public void Configure(EntityTypeBuilder<PrivacyNoticeRecord> builder)
    {
        builder.ToTable("PrivacyNotices");
        builder.HasKey(n => n.Version);
        builder.Property(n => n.Version).HasMaxLength(32);
        builder.Property(n => n.TextEn).HasMaxLength(20000);
        builder.Property(n => n.TextZh).HasMaxLength(20000);
        builder.Property(n => n.PublishedBy).HasMaxLength(256);
    }
}

public sealed class ConsentConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.ToTable("Consents");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.NoticeVersion).HasMaxLength(32);
        builder.Property(c => c.Occasion).HasMaxLength(32);
        builder.HasIndex(c => new { c.UserId, c.At });
    }
}

public sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> builder)
    {
        builder.ToTable("DataRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Details).HasMaxLength(DataRequest.MaxDetailsLength);
        builder.Property(r => r.AnswerEn).HasMaxLength(2000);
        builder.Property(r => r.AnswerZh).HasMaxLength(2000);
        builder.HasIndex(r => r.UserId);
    }
}

public sealed class AnonymisedFileConfiguration : IEntityTypeConfiguration<AnonymisedFile>
{
    public void Configure(EntityTypeBuilder<AnonymisedFile> builder)
    {
        builder.ToTable("AnonymisedFiles");
        builder.HasKey(a => a.ApplicationId);
        builder.Property(a => a.ApplicationId).ValueGeneratedNever();
    }
}
