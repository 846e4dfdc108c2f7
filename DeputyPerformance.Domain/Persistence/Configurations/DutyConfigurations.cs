using DeputyPerformance.Domain.Duties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeputyPerformance.Domain.Persistence.Configurations;

internal sealed class DutyLogConfiguration : IEntityTypeConfiguration<DutyLog>
{
    /// <summary>Literal filters of the partial indexes; SQL that wants these indexes must repeat the literal.</summary>
    internal const string ApprovedFilter = "\"Status\" = 'Approved'";
    internal const string PendingFilter = "\"Status\" = 'Pending'";

    public void Configure(EntityTypeBuilder<DutyLog> b)
    {
        b.ToTable("DutyLogs");
        b.Property(x => x.CategoryCode).HasMaxLength(DutyCategory.MaxCodeLength).IsRequired();
        b.Property(x => x.Description).HasMaxLength(DutyLog.MaxDescriptionLength).IsRequired();
        b.Property(x => x.Place).HasMaxLength(DutyLog.MaxPlaceLength);
        b.Property(x => x.RejectionReason).HasMaxLength(DutyLog.MaxReasonLength);
        b.Property(x => x.SubmittedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.ReviewedBy).HasMaxLength(256);
        b.Property(x => x.ExternalId).HasMaxLength(DutyLog.MaxExternalIdLength);
        b.Property(x => x.ImportKey).HasMaxLength(DutyLog.MaxExternalIdLength + 3);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(15);
        b.Property(x => x.Count).HasDefaultValue(1);
        b.HasOne(x => x.Deputy).WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.LiaisonStation).WithMany().HasForeignKey(x => x.LiaisonStationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.DutyLogId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Evidence).UsePropertyAccessMode(PropertyAccessMode.Field);

        // Scoring: one covering, ordered scan of a year's approved logs grouped by deputy and category.
        b.HasIndex(x => new { x.Year, x.DeputyId, x.CategoryCode, x.Count }, "IX_DutyLogs_Scoring").HasFilter(ApprovedFilter);
        // Grid: a town's (clerk) or a deputy's logs by date; category and status ride along so filters and counts stay in the index.
        b.HasIndex(x => new { x.TownId, x.Date, x.CategoryCode, x.Status }, "IX_DutyLogs_Town_Date");
        b.HasIndex(x => new { x.DeputyId, x.Date, x.CategoryCode, x.Status }, "IX_DutyLogs_Deputy_Date");
        // Grid, county-wide: newest first within a date range.
        b.HasIndex(x => new { x.Date, x.CategoryCode, x.Status }, "IX_DutyLogs_Date");
        // Exit flags: the approved absences (the categories the year's exit rules name) of a set of deputies, read from
        // the index alone (the id is the rowid; the status is in it so SQLite reads no row), category first so only those
        // categories' entries are visited (decision 0049).
        b.HasIndex(x => new { x.CategoryCode, x.DeputyId, x.Status, x.Date, x.Count }, "IX_DutyLogs_Category_Deputy").HasFilter(ApprovedFilter);
        // The clerk's approval queue: small, only pending rows.
        b.HasIndex(x => new { x.TownId, x.Date }, "IX_DutyLogs_Pending").HasFilter(PendingFilter);
        // Idempotent import, the key unique per deputy (not county-wide: one town's external ids never meet another's);
        // deputy first, so an import written in deputy order fills it page by page. Also the (small) foreign-key index
        // of stations, most logs have none.
        b.HasIndex(x => new { x.DeputyId, x.ImportKey }, "IX_DutyLogs_Deputy_ImportKey").IsUnique().HasFilter("\"ImportKey\" IS NOT NULL");
        b.HasIndex(x => x.LiaisonStationId).HasFilter("\"LiaisonStationId\" IS NOT NULL");
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.Property(x => x.OriginalName).HasMaxLength(EvidenceFile.MaxNameLength).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(40).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.StorageKey).HasMaxLength(60).IsRequired();
        b.Property(x => x.UploadedBy).HasMaxLength(256).IsRequired();
        b.HasIndex(x => x.DutyLogId);
    }
}

internal sealed class DutyImportBatchConfiguration : IEntityTypeConfiguration<DutyImportBatch>
{
    public void Configure(EntityTypeBuilder<DutyImportBatch> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260).IsRequired();
        b.Property(x => x.FileSha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.ImportedBy).HasMaxLength(256).IsRequired();
        b.HasIndex(x => x.AtUtc);
    }
}
