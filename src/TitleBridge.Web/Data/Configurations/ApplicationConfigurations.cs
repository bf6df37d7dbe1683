using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TitleBridge.Web.Data.Configurations;

public sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> builder)
    {
        builder.ToTable("Employers");
        builder.Property(e => e.CreditCode).HasMaxLength(18);
        builder.HasIndex(e => e.CreditCode).IsUnique();
        builder.Property(e => e.District).HasMaxLength(16);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class ApplicantProfileConfiguration : IEntityTypeConfiguration<ApplicantProfile>
{
    public void Configure(EntityTypeBuilder<ApplicantProfile> builder)
    {
        builder.ToTable("ApplicantProfiles");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.DocumentType).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.DocumentNumber).HasMaxLength(32);
        builder.Property(p => p.DocumentCountry).HasMaxLength(3);
    }
}

public sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.ToTable("Applications");
        builder.Property(a => a.Reference).HasMaxLength(20);
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.HasIndex(a => new { a.ApplicantId, a.CycleYear });
        builder.HasIndex(a => new { a.EmployerId, a.State });
        builder.HasIndex(a => a.State);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.TargetLevel).HasMaxLength(8);
        builder.Property(a => a.Specialty).HasMaxLength(64);
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class ApplicationDocumentConfiguration : IEntityTypeConfiguration<ApplicationDocument>
{
    public void Configure(EntityTypeBuilder<ApplicationDocument> builder)
    {
        builder.ToTable("ApplicationDocuments");
        builder.HasIndex(d => d.ApplicationId);
        builder.Property(d => d.Part).HasMaxLength(32);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.StorageKey).HasMaxLength(128);
    }
}

public sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> builder)
    {
        builder.ToTable("ApplicationEvents");
        builder.HasIndex(e => e.ApplicationId);
        builder.Property(e => e.What).HasMaxLength(64);
        builder.Property(e => e.Role).HasMaxLength(16);
        builder.Property(e => e.FromState).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.ToState).HasConversion<string>().HasMaxLength(32);
    }
}

public sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> builder)
    {
        builder.ToTable("ReferenceCounters");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class CalendarDocumentConfiguration : IEntityTypeConfiguration<CalendarDocument>
{
    public void Configure(EntityTypeBuilder<CalendarDocument> builder)
    {
        builder.ToTable("CalendarDocuments");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
    }
}
