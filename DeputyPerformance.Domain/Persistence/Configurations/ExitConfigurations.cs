using DeputyPerformance.Domain.Exits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeputyPerformance.Domain.Persistence.Configurations;

internal sealed class ExitFlagConfiguration : IEntityTypeConfiguration<ExitFlag>
{
    public void Configure(EntityTypeBuilder<ExitFlag> b)
    {
        b.Property(x => x.Rule).HasMaxLength(40).IsRequired();
        b.Property(x => x.Tier).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Evidence).HasMaxLength(ExitFlag.MaxEvidenceLength);
        b.Property(x => x.EvidenceRefs).HasMaxLength(ExitFlag.MaxEvidenceLength);
        b.Property(x => x.WithdrawReason).HasMaxLength(40);
        b.Ignore(x => x.IsActive);
        b.HasOne<Deputies.Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Cascade);
        // One row per deputy, rule and year: a withdrawn flag is raised again in place, never duplicated.
        b.HasIndex(x => new { x.DeputyId, x.Rule, x.Year }).IsUnique();
        b.HasIndex(x => new { x.Year, x.Status });
        b.HasIndex(x => x.CaseId);
    }
}

internal sealed class ExitCaseConfiguration : IEntityTypeConfiguration<ExitCase>
{
    public void Configure(EntityTypeBuilder<ExitCase> b)
    {
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Ground).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.FlagRule).HasMaxLength(40);
        b.Property(x => x.OpenedBy).HasMaxLength(256);
        b.Property(x => x.DefenceText).HasMaxLength(ExitCase.MaxTextLength);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.EndsMandate);
        b.HasOne(x => x.Deputy).WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.ExitCaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.DeputyId, x.State });
        b.HasIndex(x => new { x.State, x.TownId });
    }
}

internal sealed class ExitCaseStepConfiguration : IEntityTypeConfiguration<ExitCaseStep>
{
    public void Configure(EntityTypeBuilder<ExitCaseStep> b)
    {
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.FromState).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.ToState).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.By).HasMaxLength(256);
        b.Property(x => x.Note).HasMaxLength(ExitCase.MaxTextLength);
        b.Property(x => x.Documents).HasMaxLength(ExitCase.MaxTextLength);
        b.Property(x => x.RuleKey).HasMaxLength(60);
    }
}

internal sealed class ExitRuleSetConfiguration : IEntityTypeConfiguration<ExitRuleSet>
{
    public void Configure(EntityTypeBuilder<ExitRuleSet> b)
    {
        b.Property(x => x.CongressAbsenceCategory).HasMaxLength(40);
        b.Property(x => x.RecessAbsenceCategory).HasMaxLength(40);
        b.HasIndex(x => x.Year).IsUnique();
    }
}

internal sealed class ExitDetentionConfiguration : IEntityTypeConfiguration<ExitDetention>
{
    public void Configure(EntityTypeBuilder<ExitDetention> b)
    {
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasOne<Deputies.Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.DeputyId);
    }
}
