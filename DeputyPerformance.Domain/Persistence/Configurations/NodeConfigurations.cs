using DeputyPerformance.Domain.Operations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeputyPerformance.Domain.Persistence.Configurations;

/// <summary>Data Protection's key ring, one row per key (decision 0080).</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("DataProtectionKeys");
        // "key-{guid}": two nodes importing the same old key file store it once.
        b.Property(x => x.FriendlyName).HasMaxLength(100);
        b.HasIndex(x => x.FriendlyName).IsUnique();
    }
}

/// <summary>Shared throttle counters (decision 0081).</summary>
internal sealed class ThrottleCounterConfiguration : IEntityTypeConfiguration<ThrottleCounter>
{
    public void Configure(EntityTypeBuilder<ThrottleCounter> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(ThrottleCounters.MaxKeyLength);
    }
}
