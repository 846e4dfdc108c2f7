using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DeputyPerformance.Domain.Persistence;

/// <summary>
/// Lets `dotnet ef migrations add` build the context without the web host: on SQLite, or on PostgreSQL when the
/// environment variable DP_DB_PROVIDER is PostgreSQL (scripts/add-migration sets it for the second set). No
/// database is opened to add a migration.
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DeputyDbContext>
{
    public DeputyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<DeputyDbContext>();
        if (DatabaseSetup.ParseProvider(Environment.GetEnvironmentVariable("DP_DB_PROVIDER")) == DatabaseProvider.PostgreSQL)
        {
            PostgreSqlSetup.UseLegacyTimestamps();
            builder.UseNpgsql("Host=127.0.0.1;Database=deputy_performance_design");
        }
        else
        {
            builder.UseSqlite("Data Source=design.db");
        }

        return new DeputyDbContext(DatabaseSetup.Configure(builder).Options);
    }
}
