using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DeputyPerformance.Domain.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the context without the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DeputyDbContext>
{
    public DeputyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DeputyDbContext>().UseSqlite("Data Source=design.db").Options);
}
