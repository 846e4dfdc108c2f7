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
        b.HasKey(x => new { x.Year, x.DeputyId });
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(5);
        b.HasOne<Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Cascade);
        // Ranking boards: the county, a town, a delegation, each in rank order.
        b.HasIndex(x => new { x.Year, x.RankCounty });
        b.HasIndex(x => new { x.Year, x.TownId, x.RankTown });
        b.HasIndex(x => new { x.Year, x.DelegationId, x.RankDelegation });
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
