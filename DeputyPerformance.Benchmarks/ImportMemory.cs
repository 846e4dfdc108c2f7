using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DeputyPerformance.Domain;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace DeputyPerformance.Benchmarks;

/// <summary>
/// The <c>import-memory</c> mode: one import of the 1,000,000-row CSV into the 50,000 scale deputies outside
/// BenchmarkDotNet, printing rows/s by wall and by process CPU time, each phase of the import, the load average and
/// how much the process grew.
/// <list type="bullet">
/// <item><c>import-memory</c>: SQLite, a fresh copy of the scale database without logs.</item>
/// <item><c>import-memory --postgresql "CONNSTRING"</c>: PostgreSQL; the connection's user creates a database
/// <c>dp_import_PID</c> (migrated, the same towns, delegations, term and deputies copied in) and drops it after.</item>
/// <item><c>import-memory --postgresql</c>: the same on a throwaway cluster started here from the local server
/// binaries (initdb as the postgres user when run as root, the server's default durability: fsync and synchronous
/// commit on), stopped and deleted at the end.</item>
/// </list>
/// </summary>
public static class ImportMemory
{
    public static async Task RunAsync(string[] args)
    {
        switch (args)
        {
            case []:
                await MeasureSqliteAsync();
                break;
            case ["--postgresql", var connectionString]:
                await MeasurePostgreSqlAsync(connectionString);
                break;
            case ["--postgresql"]:
                await using (var cluster = await ThrowawayCluster.StartAsync())
                {
                    await MeasurePostgreSqlAsync(cluster.ConnectionString);
                }

                break;
            default:
                throw new ArgumentException("import-memory [--postgresql [CONNSTRING]]");
        }
    }

    private static async Task MeasureSqliteAsync()
    {
        var bench = new ImportBenchmarks();
        await bench.SetupAsync();
        bench.IterationSetup();
        try
        {
            await MeasureAsync("SQLite", bench.Services, bench.Csv);
        }
        finally
        {
            bench.IterationCleanup();
        }
    }

    private static async Task MeasurePostgreSqlAsync(string connectionString)
    {
        var template = await ScaleDatabase.GetAsync(50_000, 0);
        var csv = ScaleDatabase.ImportCsv(ImportBenchmarks.Rows, 50_000);
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ToString();
        var name = $"dp_import_{Environment.ProcessId}";
        var database = new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ToString();
        // Built before any connection opens: the PostgreSQL set-up chooses Npgsql's timestamp mapping (decision 0071).
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddDeputyDatabase(database, DatabaseProvider.PostgreSQL)
            .AddDeputyDomain()
            .BuildServiceProvider();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        try
        {
            await using (services)
            {
                await DatabaseSetup.MigrateAsync(services.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
                var watch = Stopwatch.StartNew();
                await CopyDeputiesAsync(template, database);
                Console.WriteLine($"import-memory: PostgreSQL database {name} migrated, {template} deputies copied in {watch.Elapsed.TotalSeconds:F1} s");
                await MeasureAsync("PostgreSQL", services, csv);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    /// <summary>One import, measured: rows/s by wall and CPU, each phase, the load, the process growth.</summary>
    private static async Task MeasureAsync(string engine, IServiceProvider services, string csv)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var cpuBefore = process.TotalProcessorTime;
        var loadBefore = LoadAverage();
        var heapBefore = GC.GetTotalMemory(true);
        var peakHeap = heapBefore;
        var peakWorkingSet = workingSetBefore;
        // The peak of this import, not of the process's life (the PostgreSQL set-up reads the template first).
        await using var timer = new Timer(_ =>
        {
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            using var p = Process.GetCurrentProcess();
            peakWorkingSet = Math.Max(peakWorkingSet, p.WorkingSet64);
        }, null, 0, 50);
        var watch = Stopwatch.StartNew();
        var result = await services.GetRequiredService<DutyLogImportService>().ImportFileAsync(Caller.System, csv);
        watch.Stop();
        if (!result.Succeeded || result.Imported + result.Duplicates != ImportBenchmarks.Rows)
        {
            throw new InvalidOperationException($"Import failed: {result.ErrorCount} errors, first {result.Errors.FirstOrDefault()?.Message}");
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        await using (var db = await services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync())
        {
            // What the exit flags' phase wrote besides the logs (each raised flag notifies; every saved entity is audited).
            Console.WriteLine($"import-memory: {engine}: after the import {await db.DutyLogs.CountAsync():N0} logs, {await db.DeputyYearTotals.CountAsync():N0} yearly totals, " +
                              $"{await db.ExitFlags.CountAsync():N0} exit flags, {await db.Notifications.CountAsync():N0} notifications, {await db.AuditEntries.CountAsync():N0} audit entries");
            var sums = await db.DutyLogs.Where(l => l.Status == Domain.Duties.DutyLogStatus.Approved).GroupBy(l => new { l.Year, l.DeputyId, l.CategoryCode })
                .Select(g => new { g.Key.Year, g.Key.DeputyId, g.Key.CategoryCode, Count = g.Sum(l => l.Count) }).ToListAsync();
            var totals = (await db.DeputyYearTotals.Select(t => new { t.Year, t.DeputyId, t.CategoryCode, t.Count }).ToListAsync()).ToHashSet();
            Console.WriteLine($"import-memory: {engine}: the yearly totals {(totals.Count == sums.Count && sums.All(totals.Contains) ? "equal" : "DIFFER FROM")} the sums of the approved logs");
        }

        peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        var rows = ImportBenchmarks.Rows;
        foreach (var phase in result.Phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import-memory:   {phase.Phase,-42} wall {phase.Wall.TotalSeconds,6:F1} s   CPU {(phase.Cpu == TimeSpan.Zero ? "     -" : phase.Cpu.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture).PadLeft(6))} s"));
        }

        // On a shared machine wall time follows the load; CPU time much less so: both are printed, with the load.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import-memory: {engine}: {result.Imported:N0} rows in {watch.Elapsed.TotalSeconds:F1} s = {rows / watch.Elapsed.TotalSeconds:N0} rows/s wall; " +
            $"CPU {cpu.TotalSeconds:F1} s (user + system, all threads of this process) = {rows / cpu.TotalSeconds:N0} rows per CPU-second; " +
            $"load average before {loadBefore}, after {LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import-memory: {engine}: working set before {workingSetBefore / 1048576.0:F0} MB, peak sampled {peakWorkingSet / 1048576.0:F0} MB " +
            $"(growth {(peakWorkingSet - workingSetBefore) / 1048576.0:F0} MB); managed heap before {heapBefore / 1048576.0:F0} MB, peak sampled {peakHeap / 1048576.0:F0} MB"));
    }

    /// <summary>The scale database's term, towns, delegations and deputies, with their ids, into the PostgreSQL database (binary COPY).</summary>
    private static async Task CopyDeputiesAsync(string sqliteFile, string connectionString)
    {
        await using var source = new SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly;Pooling=False");
        await source.OpenAsync();
        await using var target = new NpgsqlConnection(connectionString);
        await target.OpenAsync();
        await using var tx = await target.BeginTransactionAsync();
        await CopyAsync(source, target, "Terms", ["Id", "Name", "StartYear", "EndYear"],
            [NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Integer]);
        await CopyAsync(source, target, "Towns", ["Id", "Name", "Kind"], [NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar]);
        await CopyAsync(source, target, "Delegations", ["Id", "Name"], [NpgsqlDbType.Integer, NpgsqlDbType.Varchar]);
        await CopyAsync(source, target, "Deputies",
            ["Id", "TermId", "DeputyNumber", "Name", "Gender", "Level", "TownId", "DelegationId", "Status", "IsStateOrganLeader"],
            [NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
             NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Boolean]);
        foreach (var table in new[] { "Terms", "Towns", "Delegations", "Deputies" })
        {
            await using var reseed = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{table}\"), false)", target, tx);
            await reseed.ExecuteScalarAsync();
        }

        await tx.CommitAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", target);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task CopyAsync(SqliteConnection source, NpgsqlConnection target, string table, string[] columns, NpgsqlDbType[] types)
    {
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" ORDER BY \"Id\"";
        await using var reader = await read.ExecuteReaderAsync();
        await using var copy = await target.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        while (await reader.ReadAsync())
        {
            await copy.StartRowAsync();
            for (var i = 0; i < columns.Length; i++)
            {
                if (reader.IsDBNull(i)) await copy.WriteNullAsync();
                else if (types[i] == NpgsqlDbType.Integer) await copy.WriteAsync(reader.GetInt32(i), types[i]);
                else if (types[i] == NpgsqlDbType.Boolean) await copy.WriteAsync(reader.GetInt64(i) != 0, types[i]);
                else await copy.WriteAsync(reader.GetString(i), types[i]);
            }
        }

        await copy.CompleteAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The 1-minute load average (Linux), or "n/a".</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>
    /// A PostgreSQL cluster of its own in a temp folder, on a free loopback port, with the server's default durability
    /// (fsync, synchronous commit and full page writes on) and a WAL large enough that the import does not checkpoint.
    /// </summary>
    private sealed class ThrowawayCluster : IAsyncDisposable
    {
        private readonly string _bin;
        private readonly string _root;
        private readonly bool _asPostgres;

        private ThrowawayCluster(string bin, string root, bool asPostgres, string connectionString) =>
            (_bin, _root, _asPostgres, ConnectionString) = (bin, root, asPostgres, connectionString);

        public string ConnectionString { get; }

        public static async Task<ThrowawayCluster> StartAsync()
        {
            var bin = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
                : null;
            bin ??= Environment.GetEnvironmentVariable("DP_PG_BIN")
                    ?? throw new InvalidOperationException("No PostgreSQL server binaries (apt-get install postgresql, or set DP_PG_BIN).");
            var root = Directory.CreateTempSubdirectory("dp-pg-import-").FullName;
            var asPostgres = Environment.UserName == "root";
            if (asPostgres) await PostgresScaleDatabase.RunAsync("chown", ["postgres", root], false);
            var data = Path.Combine(root, "data");
            await PostgresScaleDatabase.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"], asPostgres);
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var options = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c max_wal_size=4GB";
            await PostgresScaleDatabase.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(root, "server.log"), "-w", "start"], asPostgres);
            Console.WriteLine($"import-memory: throwaway PostgreSQL cluster in {root}, port {port} ({bin})");
            return new ThrowawayCluster(bin, root, asPostgres, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresScaleDatabase.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "fast", "-w", "stop"], _asPostgres);
            Directory.Delete(_root, recursive: true);
        }
    }
}
