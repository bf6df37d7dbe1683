using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TitleBridge.Web.Data.Configurations;

public sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("Certificates");
        builder.Property(c => c.Number).HasMaxLength(18);
        // The backstop of the counter: two certificates can never share a number, nor a file two certificates.
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.Year, c.Sequence }).IsUnique();
        builder.HasIndex(c => c.ApplicationId).IsUnique();
        builder.HasIndex(c => c.HolderUserId);
        builder.Property(c => c.VerificationCode).HasMaxLength(11);
        builder.Property(c => c.HolderName).HasMaxLength(200);
        builder.Property(c => c.HolderChineseName).HasMaxLength(100);
        builder.Property(c => c.IdentityDocumentType).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.IdentityDocumentMasked).HasMaxLength(32);
        builder.Property(c => c.Level).HasMaxLength(8);
        builder.Property(c => c.Specialty).HasMaxLength(64);
        builder.Property(c => c.QualificationCode).HasMaxLength(64);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.RevocationReason).HasMaxLength(2000);
        builder.Property(c => c.RevocationEvidence).HasMaxLength(2000);
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class CertificateCounterConfiguration : IEntityTypeConfiguration<CertificateCounter>
{
    public void Configure(EntityTypeBuilder<CertificateCounter> builder)
    {
        builder.ToTable("CertificateCounters");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}

public sealed class CertificateVerificationConfiguration : IEntityTypeConfiguration<CertificateVerification>
{
    public void Configure(EntityTypeBuilder<CertificateVerification> builder)
    {
        builder.ToTable("CertificateVerifications");
        builder.HasIndex(v => new { v.CertificateId, v.At });
        builder.Property(v => v.Method).HasMaxLength(16);
        builder.Property(v => v.Organisation).HasMaxLength(200);
    }
}

public sealed class ResultNoticeConfiguration : IEntityTypeConfiguration<ResultNotice>
{
    public void Configure(EntityTypeBuilder<ResultNotice> builder)
    {
        builder.ToTable("ResultNotices");
        builder.Property(n => n.CommitteeEn).HasMaxLength(200);
        builder.Property(n => n.CommitteeZh).HasMaxLength(200);
    }
}

public sealed class ResultObjectionConfiguration : IEntityTypeConfiguration<ResultObjection>
{
    public void Configure(EntityTypeBuilder<ResultObjection> builder)
    {
        builder.ToTable("ResultObjections");
        builder.HasIndex(o => new { o.ApplicationId, o.Status });
        builder.HasIndex(o => o.Status);
        builder.Property(o => o.ObjectorName).HasMaxLength(100);
        builder.Property(o => o.Contact).HasMaxLength(200);
        builder.Property(o => o.Grounds).HasMaxLength(4000);
        builder.Property(o => o.AttachmentName).HasMaxLength(200);
        builder.Property(o => o.AttachmentContentType).HasMaxLength(100);
        builder.Property(o => o.AttachmentKey).HasMaxLength(128);
        builder.Property(o => o.AttachmentSha256).HasMaxLength(64);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Findings).HasMaxLength(4000);
        builder.Property(o => o.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class IntegrityRecordConfiguration : IEntityTypeConfiguration<IntegrityRecord>
{
    public void Configure(EntityTypeBuilder<IntegrityRecord> builder)
    {
        builder.ToTable("IntegrityRecords");
        builder.Property(r => r.DocumentType).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.DocumentNumber).HasMaxLength(32);
        builder.HasIndex(r => new { r.DocumentType, r.DocumentNumber });
        builder.Property(r => r.Reason).HasMaxLength(2000);
    }
}

public sealed class SupervisionSampleConfiguration : IEntityTypeConfiguration<SupervisionSample>
{
    public void Configure(EntityTypeBuilder<SupervisionSample> builder) => builder.ToTable("SupervisionSamples");
}

public sealed class SupervisionItemConfiguration : IEntityTypeConfiguration<SupervisionItem>
{
    public void Configure(EntityTypeBuilder<SupervisionItem> builder)
    {
        builder.ToTable("SupervisionItems");
        builder.HasIndex(i => new { i.SampleId, i.ApplicationId }).IsUnique();
        builder.Property(i => i.Outcome).HasMaxLength(16);
        builder.Property(i => i.Notes).HasMaxLength(4000);
    }
}

public sealed class CredentialSigningKeyConfiguration : IEntityTypeConfiguration<CredentialSigningKey>
{
    public void Configure(EntityTypeBuilder<CredentialSigningKey> builder)
    {
        builder.ToTable("CredentialSigningKeys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasMaxLength(64);
    }
}
