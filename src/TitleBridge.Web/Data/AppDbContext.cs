using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TitleBridge.Web.Data;

/// <summary>
/// The one database of TitleBridge. Each provider has its own subclass so that each keeps its own
/// committed migrations (docs/decisions/0001-two-providers.md).
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<CatalogueEditionRecord> CatalogueEditions => Set<CatalogueEditionRecord>();
    public DbSet<CatalogueEntryRecord> CatalogueEntries => Set<CatalogueEntryRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<RuleSetRecord> RuleSets => Set<RuleSetRecord>();
    public DbSet<EvaluationCycle> Cycles => Set<EvaluationCycle>();
    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<ApplicantProfile> ApplicantProfiles => Set<ApplicantProfile>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationDocument> ApplicationDocuments => Set<ApplicationDocument>();
    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<CalendarDocument> CalendarDocuments => Set<CalendarDocument>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateCounter> CertificateCounters => Set<CertificateCounter>();
    public DbSet<CertificateVerification> CertificateVerifications => Set<CertificateVerification>();
    public DbSet<ResultNotice> ResultNotices => Set<ResultNotice>();
    public DbSet<ResultObjection> ResultObjections => Set<ResultObjection>();
    public DbSet<IntegrityRecord> IntegrityRecords => Set<IntegrityRecord>();
    public DbSet<SupervisionSample> SupervisionSamples => Set<SupervisionSample>();
    public DbSet<SupervisionItem> SupervisionItems => Set<SupervisionItem>();
    public DbSet<CredentialSigningKey> CredentialSigningKeys => Set<CredentialSigningKey>();
    public DbSet<PrivacyNoticeRecord> PrivacyNotices => Set<PrivacyNoticeRecord>();
    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();
    public DbSet<DataRequest> DataRequests => Set<DataRequest>();
    public DbSet<AnonymisedFile> AnonymisedFiles => Set<AnonymisedFile>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
