using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Deputies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeputyPerformance.Domain.Persistence.Configurations;

internal sealed class DeputyConfiguration : IEntityTypeConfiguration<Deputy>
{
    public void Configure(EntityTypeBuilder<Deputy> b)
    {
        b.Property(x => x.DeputyNumber).HasMaxLength(30).IsRequired();
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.MandateEndReason).HasMaxLength(30);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Gender).HasConversion<string>().HasMaxLength(12);
        b.HasOne(x => x.Term).WithMany().HasForeignKey(x => x.TermId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ElectoralDistrict).WithMany().HasForeignKey(x => x.ElectoralDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Delegation).WithMany().HasForeignKey(x => x.DelegationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.LiaisonStation).WithMany().HasForeignKey(x => x.LiaisonStationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TermId, x.DeputyNumber }).IsUnique();
        // Lists sort and filter by these columns, scoped by town for town clerks.
        b.HasIndex(x => new { x.TownId, x.Name });
        b.HasIndex(x => x.Name);
        b.HasIndex(x => x.DeputyNumber);
    }
}

internal sealed class GovernmentDepartmentConfiguration : IEntityTypeConfiguration<GovernmentDepartment>
{
    public void Configure(EntityTypeBuilder<GovernmentDepartment> b)
    {
        b.Property(x => x.Name).HasMaxLength(GovernmentDepartment.MaxNameLength).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Head).HasMaxLength(GovernmentDepartment.MaxHeadLength);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.Position).HasConversion<string>().HasMaxLength(20);
        b.HasOne(x => x.Term).WithMany().HasForeignKey(x => x.TermId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TermId, x.Name });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.UserName).HasMaxLength(256).IsRequired();
        b.Property(x => x.Action).HasMaxLength(20).IsRequired();
        b.Property(x => x.EntityType).HasMaxLength(100).IsRequired();
        b.Property(x => x.EntityId).HasMaxLength(100).IsRequired();
        b.Property(x => x.PreviousHash).HasMaxLength(64).IsRequired();
        b.Property(x => x.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.AtUtc);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        // One entry per link of the chain: two writers can never fork it.
        b.HasIndex(x => x.Sequence).IsUnique();
        b.HasIndex(x => new { x.UserName, x.AtUtc });
        // "Did a deputy record change since the scores were computed?" on every board read.
        b.HasIndex(x => new { x.EntityType, x.AtUtc });
    }
}
