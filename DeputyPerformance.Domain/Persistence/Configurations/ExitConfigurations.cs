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
        b.HasMany(x => x.Files).WithOne().HasForeignKey(d => d.StepId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
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

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<Notifications.Notification> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RecipientRole).HasMaxLength(40);
        b.Property(x => x.Detail).HasMaxLength(Notifications.Notification.MaxDetailLength);
        b.Property(x => x.ReadBy).HasMaxLength(256);
        b.Ignore(x => x.IsRead);
        b.HasOne<Deputies.Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Cascade);
        // The bell's count and the list's first page: the recipient's key, then unread first and newest.
        b.HasIndex(x => new { x.RecipientDeputyId, x.ReadUtc, x.CreatedUtc }).HasFilter("\"RecipientDeputyId\" IS NOT NULL");
        b.HasIndex(x => new { x.RecipientRole, x.RecipientTownId, x.ReadUtc, x.CreatedUtc }).HasFilter("\"RecipientRole\" IS NOT NULL");
        // One defence-due reminder per case.
        b.HasIndex(x => new { x.CaseId, x.Kind }).IsUnique().HasFilter("\"Kind\" = 'DefenceDue'");
        b.HasIndex(x => x.FlagId);
    }
}

internal sealed class ExitCaseDocumentConfiguration : IEntityTypeConfiguration<ExitCaseDocument>
{
    public void Configure(EntityTypeBuilder<ExitCaseDocument> b)
    {
        b.Property(x => x.OriginalName).HasMaxLength(ExitCaseDocument.MaxNameLength).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StorageKey).HasMaxLength(80);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.HasOne<ExitCase>().WithMany().HasForeignKey(x => x.ExitCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ExitCaseId);
    }
}
