using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeputyPerformance.Domain.Persistence.Configurations;

internal sealed class SatisfactionVoteConfiguration : IEntityTypeConfiguration<SatisfactionVote>
{
    public void Configure(EntityTypeBuilder<SatisfactionVote> b)
    {
        b.Property(x => x.Title).HasMaxLength(200).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.ConfirmedBy).HasMaxLength(256);
        b.Ignore(x => x.Counts);
        b.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.OpenedBy).HasMaxLength(256);
        b.Property(x => x.Verdict).HasMaxLength(30);
        b.Ignore(x => x.Subject);
        b.HasIndex(x => new { x.Year, x.Kind, x.Status });
        b.HasIndex(x => new { x.Kind, x.SubjectId });
    }
}

internal sealed class BallotBoxEntryConfiguration : IEntityTypeConfiguration<BallotBoxEntry>
{
    public void Configure(EntityTypeBuilder<BallotBoxEntry> b)
    {
        b.Property(x => x.Box).HasMaxLength(50).IsRequired();
        b.Property(x => x.EnteredBy).HasMaxLength(256).IsRequired();
        b.Ignore(x => x.Counts);
        b.HasOne<SatisfactionVote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.VoteId, x.Round, x.Box }).IsUnique();
    }
}

internal sealed class VoteCorrectionConfiguration : IEntityTypeConfiguration<VoteCorrection>
{
    public void Configure(EntityTypeBuilder<VoteCorrection> b)
    {
        b.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        b.Property(x => x.By).HasMaxLength(256).IsRequired();
        b.HasOne<SatisfactionVote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VoteCodeBatchConfiguration : IEntityTypeConfiguration<VoteCodeBatch>
{
    public void Configure(EntityTypeBuilder<VoteCodeBatch> b)
    {
        b.Property(x => x.By).HasMaxLength(256).IsRequired();
        b.HasOne<SatisfactionVote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VoteTokenConfiguration : IEntityTypeConfiguration<VoteToken>
{
    public void Configure(EntityTypeBuilder<VoteToken> b)
    {
        // Keyed by the keyed hash, WITHOUT ROWID (raw SQL in the migration): no row id follows the printing order.
        b.HasKey(x => x.CodeHash);
        b.Property(x => x.CodeHash).HasMaxLength(64).IsRequired();
        b.HasIndex(x => new { x.VoteId, x.Used });
        b.HasOne<SatisfactionVote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ElectronicBallotConfiguration : IEntityTypeConfiguration<ElectronicBallot>
{
    public void Configure(EntityTypeBuilder<ElectronicBallot> b)
    {
        // The table is created WITHOUT ROWID in the migration (raw SQL): SQLite's hidden rowid would keep the order of casting.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Sealed).HasMaxLength(29).IsRequired();
        b.HasIndex(x => x.VoteId);
    }
}

internal sealed class SatisfactionRuleSetConfiguration : IEntityTypeConfiguration<SatisfactionRuleSet>
{
    public void Configure(EntityTypeBuilder<SatisfactionRuleSet> b)
    {
        b.Property(x => x.DepartmentDenominator).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.Year).IsUnique();
        b.Ignore(x => x.ReportThresholds);
    }
}

internal sealed class ConstituentReportConfiguration : IEntityTypeConfiguration<ConstituentReport>
{
    public void Configure(EntityTypeBuilder<ConstituentReport> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.ReportText).HasMaxLength(ConstituentReport.MaxTextLength);
        b.Property(x => x.QuestionsRaised).HasMaxLength(ConstituentReport.MaxTextLength);
        b.Property(x => x.FeedbackToDeputy).HasMaxLength(ConstituentReport.MaxTextLength);
        b.HasOne(x => x.Deputy).WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Year, x.TownId });
        b.HasIndex(x => new { x.DeputyId, x.Status });
    }
}

internal sealed class RectificationPlanConfiguration : IEntityTypeConfiguration<RectificationPlan>
{
    public void Configure(EntityTypeBuilder<RectificationPlan> b)
    {
        b.Property(x => x.Text).HasMaxLength(ConstituentReport.MaxTextLength);
        b.HasIndex(x => x.ConstituentReportId).IsUnique();
        b.HasIndex(x => x.DeputyId);
    }
}
