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
        // The score is the only indexed column that a change moves: the county board in rank order is the score
        // order (rank = 1 + the number of higher scores), and the incremental rank moves read the deputies between a
        // deputy's old and new score from it. The ranks themselves are not indexed, so moving a few hundred of them
        // writes no index (decision 0055); a town's or delegation's board reads its rows by the group (hundreds)
        // and sorts them.
        b.HasIndex(x => new { x.Year, x.Generation, x.Score });
        b.HasIndex(x => new { x.Year, x.Generation, x.TownId });
        b.HasIndex(x => new { x.Year, x.Generation, x.DelegationId });
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
        // The full recomputation reads a year's totals from this index alone, in deputy order (the key's own index
        // lacks the count: a table lookup per row, a third of the read).
        b.HasIndex(x => new { x.Year, x.DeputyId, x.CategoryCode, x.Count });
        // Exit flags: which deputies' absences reach a threshold, read over the absence categories only (decision 0049).
        b.HasIndex(x => new { x.CategoryCode, x.DeputyId, x.Year, x.Count });
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
