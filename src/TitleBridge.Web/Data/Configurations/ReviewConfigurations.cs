using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TitleBridge.Web.Data.Configurations;

public sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> builder)
    {
        builder.ToTable("Experts");
        builder.HasIndex(e => e.UserId).IsUnique();
        builder.HasIndex(e => e.Email).IsUnique();
        builder.Property(e => e.UserId).HasMaxLength(64);
        builder.Property(e => e.NameZh).HasMaxLength(100);
        builder.Property(e => e.NameEn).HasMaxLength(200);
        builder.Property(e => e.Email).HasMaxLength(254);
        builder.Property(e => e.TitleHeld).HasMaxLength(8);
        builder.Property(e => e.EmployerName).HasMaxLength(200);
        builder.Property(e => e.EmployerCreditCode).HasMaxLength(18);
        builder.Property(e => e.PreferredCulture).HasMaxLength(8);
        builder.Property(e => e.CreatedBy).HasMaxLength(254);
    }
}

public sealed class CommitteeConfiguration : IEntityTypeConfiguration<Committee>
{
    public void Configure(EntityTypeBuilder<Committee> builder)
    {
        builder.ToTable("Committees");
        builder.HasIndex(c => c.CycleYear);
        builder.Property(c => c.Band).HasMaxLength(24);
        builder.Property(c => c.Organisation).HasMaxLength(16);
        builder.Property(c => c.SpecialtyGroup).HasMaxLength(32);
        builder.Property(c => c.NameZh).HasMaxLength(100);
        builder.Property(c => c.NameEn).HasMaxLength(200);
        builder.Property(c => c.CreatedBy).HasMaxLength(254);
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> builder)
    {
        builder.ToTable("CommitteeMembers");
        builder.HasIndex(m => new { m.CommitteeId, m.ExpertId });
        builder.Property(m => m.Role).HasMaxLength(16);
    }
}

public sealed class ConflictRecordConfiguration : IEntityTypeConfiguration<ConflictRecord>
{
    public void Configure(EntityTypeBuilder<ConflictRecord> builder)
    {
        builder.ToTable("Conflicts");
        builder.HasIndex(c => new { c.ApplicationId, c.ExpertId });
        builder.Property(c => c.Kind).HasMaxLength(32);
        builder.Property(c => c.Relationship).HasMaxLength(32);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.RecordedBy).HasMaxLength(254);
    }
}

public sealed class ReviewAssignmentConfiguration : IEntityTypeConfiguration<ReviewAssignment>
{
    public void Configure(EntityTypeBuilder<ReviewAssignment> builder)
    {
        builder.ToTable("ReviewAssignments");
        builder.HasIndex(r => new { r.ApplicationId, r.ExpertId }).IsUnique();
        builder.HasIndex(r => r.ExpertId);
        builder.Property(r => r.Match).HasMaxLength(16);
    }
}

public sealed class ReviewOpinionConfiguration : IEntityTypeConfiguration<ReviewOpinion>
{
    public void Configure(EntityTypeBuilder<ReviewOpinion> builder)
    {
        builder.ToTable("ReviewOpinions");
        builder.HasIndex(o => new { o.ApplicationId, o.ExpertId }).IsUnique();
        builder.Property(o => o.Scores).HasMaxLength(2000);
        builder.Property(o => o.Text).HasMaxLength(10000);
        builder.Property(o => o.Language).HasMaxLength(8);
    }
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.HasIndex(m => m.CommitteeId);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.CreatedBy).HasMaxLength(254);
        builder.Property(m => m.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> builder)
    {
        builder.ToTable("MeetingAttendance");
        builder.HasKey(a => new { a.MeetingId, a.ExpertId });
    }
}

public sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> builder)
    {
        builder.ToTable("Ballots");
        builder.HasIndex(b => new { b.MeetingId, b.ApplicationId }).IsUnique();
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.OutcomeEn).HasMaxLength(500);
        builder.Property(b => b.OutcomeZh).HasMaxLength(500);
    }
}

public sealed class BallotVoterConfiguration : IEntityTypeConfiguration<BallotVoter>
{
    public void Configure(EntityTypeBuilder<BallotVoter> builder)
    {
        // The key is the pair itself: no surrogate identity column, whose order would be the order of voting.
        builder.ToTable("BallotVoters");
        builder.HasKey(v => new { v.BallotId, v.ExpertId });
    }
}

public sealed class ReviewDocumentDownloadConfiguration : IEntityTypeConfiguration<ReviewDocumentDownload>
{
    public void Configure(EntityTypeBuilder<ReviewDocumentDownload> builder)
    {
        builder.ToTable("ReviewDocumentDownloads");
        builder.HasIndex(d => d.ApplicationId);
    }
}
