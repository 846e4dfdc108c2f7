using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace DeputyPerformance.Tests.Support;

/// <summary>
/// The real app in memory (Development, demo county seeded) over its own temp SQLite file. Share one per
/// test class through IClassFixture: start-up migrates and seeds, which takes a few seconds.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dp-web-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={_path}");
        builder.UseSetting("SeedDemoData", "true");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_path + suffix);
            }
            catch (IOException)
            {
                // Still open elsewhere: left to the OS temp cleaner.
            }
        }
    }
}
