using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeputyPerformance.Domain.Persistence.Configurations;

internal sealed class ScoringRuleSetConfiguration : IEntityTypeConfiguration<ScoringRuleSet>
{
    public void Configure(EntityTypeBuilder<ScoringRuleSet> b)
    {
        b.HasIndex(x => x.Year).IsUnique();
        b.Property(x => x.ShortlistRounding).HasConversion<string>().HasMaxLength(10);
        b.HasMany(x => x.Categories).WithOne().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Categories).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RuleCategoryConfiguration : IEntityTypeConfiguration<RuleCategory>
{
    public void Configure(EntityTypeBuilder<RuleCategory> b)
    {
        b.ToTable("RuleCategories");
        b.Property(x => x.Code).HasMaxLength(Duties.DutyCategory.MaxCodeLength).IsRequired();
        b.HasIndex(x => new { x.RuleSetId, x.Code }).IsUnique();
    }
}

internal sealed class ScoreSnapshotConfiguration : IEntityTypeConfiguration<ScoreSnapshot>
{
    public void Configure(EntityTypeBuilder<ScoreSnapshot> b)
    {
        b.HasKey(x => new { x.Year, x.Generation, x.DeputyId });
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(5);
        b.HasOne<Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Cascade);
        // Ranking boards: the county, a town, a delegation, each in rank order. The county's score order also
        // serves the incremental rank moves (the deputies between a deputy's old and new score).
        b.HasIndex(x => new { x.Year, x.Generation, x.Score });
        b.HasIndex(x => new { x.Year, x.Generation, x.RankCounty });
        b.HasIndex(x => new { x.Year, x.Generation, x.TownId, x.RankTown });
        b.HasIndex(x => new { x.Year, x.Generation, x.DelegationId, x.RankDelegation });
        b.HasIndex(x => x.DeputyId);
    }
}

internal sealed class ScoreYearStateConfiguration : IEntityTypeConfiguration<ScoreYearState>
{
    public void Configure(EntityTypeBuilder<ScoreYearState> b)
    {
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
    }
}

internal sealed class DeputyYearTotalConfiguration : IEntityTypeConfiguration<DeputyYearTotal>
{
    public void Configure(EntityTypeBuilder<DeputyYearTotal> b)
    {
        b.ToTable("DeputyYearTotals");
        b.HasKey(x => new { x.Year, x.DeputyId, x.CategoryCode });
        b.Property(x => x.CategoryCode).HasMaxLength(Duties.DutyCategory.MaxCodeLength);
        b.HasOne<Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Cascade);
        // One deputy over the years of his term (exit rules, history).
        b.HasIndex(x => new { x.DeputyId, x.Year });
    }
}

internal sealed class ScoreChangeConfiguration : IEntityTypeConfiguration<ScoreChange>
{
    public void Configure(EntityTypeBuilder<ScoreChange> b)
    {
        b.HasKey(x => new { x.Year, x.DeputyId });
    }
}

internal sealed class ShortlistDecisionConfiguration : IEntityTypeConfiguration<ShortlistDecision>
{
    public void Configure(EntityTypeBuilder<ShortlistDecision> b)
    {
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Note).HasMaxLength(ShortlistDecision.MaxNoteLength);
        b.Property(x => x.DecidedBy).HasMaxLength(256).IsRequired();
        b.HasOne<Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Year, x.DeputyId }).IsUnique();
        b.HasIndex(x => x.DeputyId);
    }
}
