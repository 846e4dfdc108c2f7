using DeputyPerformance.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeputyPerformance.Domain.Persistence.Configurations;

internal sealed class DepartmentEvaluationConfiguration : IEntityTypeConfiguration<DepartmentEvaluation>
{
    public void Configure(EntityTypeBuilder<DepartmentEvaluation> b)
    {
        b.Property(x => x.Phase).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RevoteGrade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.WithdrawnReason).HasMaxLength(DepartmentEvaluation.MaxNoteLength);
        b.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Phases).WithOne().HasForeignKey(p => p.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Votes).WithOne().HasForeignKey(p => p.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Documents).WithOne().HasForeignKey(p => p.EvaluationId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(x => x.Phases).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Votes).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Documents).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.PendingVote);
        b.Ignore(x => x.VoteRound);
        b.Ignore(x => x.IsPublished);
        // The year's board reads by year; a department's history by department; the public page the published ones.
        b.HasIndex(x => new { x.Year, x.DepartmentId });
        b.HasIndex(x => new { x.DepartmentId, x.Year });
    }
}

internal sealed class EvaluationPhaseRecordConfiguration : IEntityTypeConfiguration<EvaluationPhaseRecord>
{
    public void Configure(EntityTypeBuilder<EvaluationPhaseRecord> b)
    {
        b.Property(x => x.Phase).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Responsible).HasMaxLength(DepartmentEvaluation.MaxResponsibleLength);
        b.Property(x => x.Notes).HasMaxLength(DepartmentEvaluation.MaxNoteLength);
        b.HasIndex(x => new { x.EvaluationId, x.Phase }).IsUnique();
    }
}

internal sealed class EvaluationVoteRecordConfiguration : IEntityTypeConfiguration<EvaluationVoteRecord>
{
    public void Configure(EntityTypeBuilder<EvaluationVoteRecord> b)
    {
        b.Property(x => x.Round).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.EvaluationId);
        b.HasIndex(x => x.VoteId);
    }
}

internal sealed class EvaluationDocumentConfiguration : IEntityTypeConfiguration<EvaluationDocument>
{
    public void Configure(EntityTypeBuilder<EvaluationDocument> b)
    {
        b.Property(x => x.Phase).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.OriginalName).HasMaxLength(EvaluationDocument.MaxNameLength).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.StorageKey).HasMaxLength(100).IsRequired();
        b.Property(x => x.UploadedBy).HasMaxLength(256).IsRequired();
        b.HasIndex(x => x.EvaluationId);
    }
}

internal sealed class EvaluationRuleSetConfiguration : IEntityTypeConfiguration<EvaluationRuleSet>
{
    public void Configure(EntityTypeBuilder<EvaluationRuleSet> b) => b.HasIndex(x => x.Year).IsUnique();
}
