using System.Globalization;
using System.Text;
using DeputyPerformance.Domain;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Benchmarks;

/// <summary>
/// The benchmark databases, generated once and cached in the temp folder under a name made of their size,
/// seed and the schema's last migration (a schema change makes a new file).
/// </summary>
public static class ScaleDatabase
{
    public const int Seed = 2016;
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "deputy-performance-bench");

    public static async Task<string> GetAsync(int deputies, int logs, int seed = Seed)
    {
        Directory.CreateDirectory(Folder);
        if (deputies == 50_000 && logs == 10_000_000 && seed == Seed && Environment.GetEnvironmentVariable("DP_SCALE_FILE") is { Length: > 0 } own)
        {
            // A copy of one's own (the benchmarks write to the file and restore it): brought up to the current schema in place.
            await using var services = Services($"Data Source={own};Pooling=False");
            await DatabaseSetup.MigrateAsync(services.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
            SqliteConnection.ClearAllPools();
            return own;
        }

        var path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"scale-{deputies}-{logs}-{seed}-{SchemaKey()}.db"));
        if (File.Exists(path)) return path;

        var building = path + ".building";
        File.Delete(building);
        await using (var services = Services($"Data Source={building};Pooling=False"))
        {
            await DatabaseSetup.MigrateAsync(services.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
        }

        var summary = await ScaleDataGenerator.GenerateAsync($"Data Source={building};Pooling=False", new ScaleDataOptions(deputies, logs, seed),
            new Progress<string>(m => Console.WriteLine($"// generator: {m}")));
        Console.WriteLine($"// generated {path} in {summary.Elapsed.TotalSeconds:F0} s");
        SqliteConnection.ClearAllPools();
        File.Move(building, path);
        return path;
    }

    /// <summary>
    /// Brings a scale database generated under an older schema up to the current one (a copy, its missing migrations
    /// applied) and caches it under the current key, instead of generating it again. Only for an older file of the
    /// same size and seed made by the same generator: the migrations since then must not change what it generates.
    /// </summary>
    public static async Task<string> UpgradeAsync(string olderFile, int deputies, int logs, int seed = Seed)
    {
        var path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"scale-{deputies}-{logs}-{seed}-{SchemaKey()}.db"));
        if (File.Exists(path)) return path;
        var building = path + ".building";
        File.Copy(olderFile, building, true);
        await using (var services = Services($"Data Source={building};Pooling=False"))
        {
            await DatabaseSetup.MigrateAsync(services.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
        }

        SqliteConnection.ClearAllPools();
        File.Move(building, path);
        Console.WriteLine($"// upgraded {olderFile} to {path}");
        return path;
    }

    /// <summary>The domain services over a database file, as the app wires them (without the web host).</summary>
    public static ServiceProvider Services(string connectionString, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddDeputyDatabase(connectionString, provider);
        services.AddDeputyDomain();
        return services.BuildServiceProvider();
    }

    /// <summary>A CSV of <paramref name="rows"/> valid log rows for the scale deputies (S000001...), deterministic, cached.</summary>
    public static string ImportCsv(int rows, int deputies)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"import-{rows}-{deputies}.csv"));
        if (File.Exists(path)) return path;
        var random = new Random(Seed);
        var temp = path + ".building";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("deputy_number,date,category,count,description,external_id\n");
            var first = new DateOnly(2019, 1, 1);
            for (var i = 0; i < rows; i++)
            {
                var category = DutyCategory.All[random.Next(DutyCategory.All.Count)];
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"S{1 + random.Next(deputies):000000},{first.AddDays(random.Next(365)):yyyy-MM-dd},{category},{1 + random.Next(3)},bulk row {i},{(i % 2 == 0 ? $"BENCH-{i}" : "")}\n"));
            }
        }

        File.Move(temp, path);
        return path;
    }

    internal static string SchemaKey()
    {
        using var db = new DeputyDbContext(new DbContextOptionsBuilder<DeputyDbContext>().UseSqlite("Data Source=:memory:").Options);
        // The last id and the count: a merge can add older migrations under the same last one.
        var migrations = db.Database.GetMigrations().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{migrations[^1].Split('_')[0]}m{migrations.Count}");
    }
}
