using DeputyPerformance.Domain.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeputyPerformance.Domain.Persistence.Configurations;

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> b)
    {
        b.Property(x => x.Name).HasMaxLength(20).IsRequired();
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class TownConfiguration : IEntityTypeConfiguration<Town>
{
    public void Configure(EntityTypeBuilder<Town> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class ElectoralDistrictConfiguration : IEntityTypeConfiguration<ElectoralDistrict>
{
    public void Configure(EntityTypeBuilder<ElectoralDistrict> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TownId, x.Name }).IsUnique();
        b.HasIndex(x => x.Name);
    }
}

internal sealed class DelegationConfiguration : IEntityTypeConfiguration<Delegation>
{
    public void Configure(EntityTypeBuilder<Delegation> b)
    {
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class LiaisonStationConfiguration : IEntityTypeConfiguration<LiaisonStation>
{
    public void Configure(EntityTypeBuilder<LiaisonStation> b)
    {
        b.Property(x => x.Name).HasMaxLength(80).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TownId, x.Name }).IsUnique();
        b.HasIndex(x => x.Name);
    }
}
