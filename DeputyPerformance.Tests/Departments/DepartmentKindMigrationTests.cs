using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DeputyPerformance.Tests.Departments;

/// <summary>The Evaluations migration replaces the vertically-managed flag by the department's kind without losing what the flag said.</summary>
public sealed class DepartmentKindMigrationTests
{
    [Fact]
    public async Task TheVerticallyManagedFlagBecomesTheKindAndOtherDepartmentsBecomeConstituent()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dp-migration-{Guid.NewGuid():N}.db");
        try
        {
            var options = DatabaseSetup.Configure(new DbContextOptionsBuilder<DeputyDbContext>().UseSqlite($"Data Source={path}")).Options;
            await using (var db = new DeputyDbContext(options))
            {
                var migrator = db.GetService<IMigrator>();
                var all = db.Database.GetMigrations().ToList();
                await migrator.MigrateAsync(all[all.FindIndex(m => m.EndsWith("_Evaluations", StringComparison.Ordinal)) - 1]);
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO GovernmentDepartments (Name, IsVerticallyManaged) VALUES ('税务局', 1), ('教育局', 0);");
                await migrator.MigrateAsync();
            }

            await using (var db = new DeputyDbContext(options))
            {
                var kinds = await db.GovernmentDepartments.OrderBy(d => d.Name).ToDictionaryAsync(d => d.Name, d => d.Kind);
                Assert.Equal(DepartmentKind.VerticallyManaged, kinds["税务局"]);
                Assert.Equal(DepartmentKind.Constituent, kinds["教育局"]);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
