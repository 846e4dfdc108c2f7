using System.Diagnostics;
using System.Globalization;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DeputyPerformance.Benchmarks;

/// <summary>
/// The PostgreSQL counterpart of <see cref="ScaleDatabase"/>: the same generated data in a database named after its
/// size, seed and schema, on the server of <c>DP_BENCH_POSTGRES</c> (a connection string whose user may create
/// databases) or, without it, on a benchmark cluster of the local server binaries whose data directory persists under
/// the benchmark folder (generated once, reused by later runs; started when needed, stopped when the process exits).
/// The cluster keeps fsync on (durable like the SQLite files' WAL) with synchronous_commit off (a crash may lose the
/// last commits, as SQLite's synchronous=NORMAL does) and the memory settings docs/multi-node.md recommends.
/// </summary>
public static class PostgresScaleDatabase
{
    public const string Variable = "DP_BENCH_POSTGRES";
    public static readonly string ClusterFolder = Path.Combine(ScaleDatabase.Folder, "pg-cluster");
    private const int ClusterPort = 55432;
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>The connection string of a generated, analysed scale database (generating it the first time).</summary>
    public static async Task<string> GetAsync(int deputies, int logs, int seed = ScaleDatabase.Seed)
    {
        var admin = await Server.Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"scale_{deputies}_{logs}_{seed}_{ScaleDatabase.SchemaKey()}");
        var target = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        if (await ExistsAsync(admin, name)) return target;

        var building = name + "_building";
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{building}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = building, Pooling = false }.ToString();
        await using (var services = ScaleDatabase.Services(connection, DatabaseProvider.PostgreSQL))
        {
            await DatabaseSetup.MigrateAsync(services.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
        }

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var summary = await ScaleDataGenerator.GenerateAsync(connection, new ScaleDataOptions(deputies, logs, seed),
            new Progress<string>(m => Console.WriteLine($"// generator: {m} ({DateTime.UtcNow:HH:mm:ss})")), provider: DatabaseProvider.PostgreSQL);
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// generated PostgreSQL {name} in {summary.Elapsed.TotalSeconds:F0} s ({logs / Math.Max(1, summary.Elapsed.TotalSeconds):N0} logs/s wall), " +
            $"client CPU {(process.TotalProcessorTime - cpu).TotalSeconds:F0} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
        return target;
    }

    private static async Task<bool> ExistsAsync(string admin, string name)
    {
        await using var c = new NpgsqlConnection(admin);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @n", c);
        cmd.Parameters.AddWithValue("n", name);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        // Npgsql's timestamp mapping is read at its first use: the app's (decision 0071) before any connection opens.
        AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ToString();
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null) throw new InvalidOperationException($"No PostgreSQL server binaries (apt-get install postgresql), and {Variable} is not set.");
        var asRoot = Environment.UserName == "root";
        var data = Path.Combine(ClusterFolder, "data");
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            Directory.CreateDirectory(ClusterFolder);
            if (asRoot) await RunAsync("chown", ["postgres", ClusterFolder]);
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        }

        var admin = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={ClusterPort};Username=postgres;Database=postgres");
        if (!File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            var options = $"-c listen_addresses=127.0.0.1 -p {ClusterPort} -c unix_socket_directories='' -c synchronous_commit=off " +
                          "-c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c effective_cache_size=8GB -c max_wal_size=8GB";
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(ClusterFolder, "server.log"), "-w", "start"], asRoot);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                NpgsqlConnection.ClearAllPools();
                RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], asRoot).GetAwaiter().GetResult();
            };
        }

        return admin;
    }

    /// <summary>Runs a server tool, as the postgres user when asked (initdb refuses root); shared with ImportMemory's throwaway cluster.</summary>
    internal static async Task RunAsync(string file, string[] args, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
        }

        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
