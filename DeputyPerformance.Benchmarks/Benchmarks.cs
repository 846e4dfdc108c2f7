using System.Globalization;
using BenchmarkDotNet.Attributes;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Benchmarks;

/// <summary>Scoring and ranking one year (2019) for all 50,000 deputies over 10,000,000 logs: EF service vs the same SQL through Microsoft.Data.Sqlite.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private ServiceProvider _services = null!;
    private string _connectionString = "";
    private RuleValues _rules = null!;
    private int _termId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var path = await ScaleDatabase.GetAsync(50_000, 10_000_000);
        _connectionString = $"Data Source={path}";
        _services = ScaleDatabase.Services(_connectionString);
        await using var db = await _services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync();
        _rules = ScoringDefaults.For(2019);
        _termId = await db.Terms.Select(t => t.Id).SingleAsync();
        // The ranking page reads a current snapshot.
        await _services.GetRequiredService<ScoreService>().RefreshAsync(Caller.System, 2019);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    [Benchmark(Baseline = true)]
    public async Task<int> ScoreYear_RawSql()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = ScoreQueries.AggregationSql(_rules.Categories.Count);
        foreach (var p in ScoreQueries.Parameters(_rules, _termId)) cmd.Parameters.Add(p);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<DeputyYearScore>();
        while (await reader.ReadAsync())
        {
            rows.Add(new DeputyYearScore(reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetInt32(3),
                Enum.Parse<ScoreGrade>(reader.GetString(4)), reader.GetInt32(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.GetInt32(8), ScoreBreakdown.Parse(reader.IsDBNull(9) ? null : reader.GetString(9), _rules)));
        }

        return rows.Count;
    }

    [Benchmark]
    public async Task<int> ScoreYear_EfService() =>
        (await _services.GetRequiredService<ScoreService>().ComputeYearAsync(Caller.System, 2019)).Count;

    [Benchmark]
    public async Task Snapshot_Refresh() => await _services.GetRequiredService<ScoreService>().RefreshAsync(Caller.System, 2019);

    [Benchmark]
    public async Task<int> RankingBoard_Page() =>
        (await _services.GetRequiredService<ScoreService>().RankingAsync(Caller.System, 2019, new ListQuery(3, 50), new RankingFilter())).Items.Count;
}

/// <summary>County scale: 1,500 deputies, 300,000 logs.</summary>
[MemoryDiagnoser]
public class CountyScoringBenchmarks
{
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public async Task SetupAsync() => _services = ScaleDatabase.Services($"Data Source={await ScaleDatabase.GetAsync(1_500, 300_000)}");

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    [Benchmark]
    public async Task<int> ScoreYear_County() =>
        (await _services.GetRequiredService<ScoreService>().ComputeYearAsync(Caller.System, 2019)).Count;
}

/// <summary>One page of the log grid (50 rows, sorted, filtered, with the total count) over 10,000,000 logs.</summary>
[MemoryDiagnoser]
public class LogGridBenchmarks
{
    private ServiceProvider _services = null!;
    private int _townId;
    private int _deputyId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = ScaleDatabase.Services($"Data Source={await ScaleDatabase.GetAsync(50_000, 10_000_000)}");
        await using var db = await _services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync();
        _townId = await db.Towns.OrderBy(t => t.Id).Skip(7).Select(t => t.Id).FirstAsync();
        _deputyId = await db.Deputies.OrderBy(d => d.Id).Skip(1234).Select(d => d.Id).FirstAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    private DutyLogService Service => _services.GetRequiredService<DutyLogService>();

    /// <summary>A town clerk's view: his town, a year, one category, approved, newest first, page 3.</summary>
    [Benchmark]
    public async Task<int> LogGridPage_Town() =>
        (await Service.ListAsync(Caller.System, new ListQuery(2, 50, "Date", true),
            new DutyLogFilter(TownId: _townId, Year: 2019, CategoryCode: DutyCategory.Inspection, Status: DutyLogStatus.Approved))).TotalCount;

    /// <summary>County staff: every town, a date range and a category, pending first page, sorted by date.</summary>
    [Benchmark]
    public async Task<int> LogGridPage_County() =>
        (await Service.ListAsync(Caller.System, new ListQuery(0, 50, "Date", true),
            new DutyLogFilter(CategoryCode: DutyCategory.Reception, From: new DateOnly(2019, 3, 1), To: new DateOnly(2019, 9, 30)))).TotalCount;

    /// <summary>One deputy's logs ("the logs behind a number").</summary>
    [Benchmark]
    public async Task<int> LogGridPage_Deputy() =>
        (await Service.ListAsync(Caller.System, new ListQuery(0, 50, "Date", true), new DutyLogFilter(DeputyId: _deputyId, Year: 2019))).TotalCount;
}

/// <summary>Import of a 1,000,000-row CSV into the 50,000 scale deputies (a fresh copy of a database without logs per iteration).</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    public const int Rows = 1_000_000;
    private string _template = "";
    private string _csv = "";
    private string _work = "";
    private ServiceProvider? _services;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _template = await ScaleDatabase.GetAsync(50_000, 0);
        _csv = ScaleDatabase.ImportCsv(Rows, 50_000);
    }

    [IterationSetup]
    public void IterationSetup()
    {
        SqliteConnection.ClearAllPools();
        _work = Path.Combine(ScaleDatabase.Folder, "import-work.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_work + suffix);
        File.Copy(_template, _work);
        _services = ScaleDatabase.Services($"Data Source={_work}");
    }

    [IterationCleanup]
    public void IterationCleanup() => _services?.Dispose();

    [Benchmark]
    public async Task<int> ImportMillionRows()
    {
        var result = await _services!.GetRequiredService<DutyLogImportService>().ImportFileAsync(Caller.System, _csv);
        if (!result.Succeeded || result.Imported + result.Duplicates != Rows)
        {
            throw new InvalidOperationException($"Import failed: {result.ErrorCount} errors, first {result.Errors.FirstOrDefault()?.Message}");
        }

        return result.Imported;
    }

    /// <summary>One import outside BenchmarkDotNet, measuring rows/s and how much the process grows (working set and managed heap).</summary>
    public static async Task MeasureOnceAsync()
    {
        var bench = new ImportBenchmarks();
        await bench.SetupAsync();
        bench.IterationSetup();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var cpuBefore = process.TotalProcessorTime;
        var loadBefore = LoadAverage();
        var heapBefore = GC.GetTotalMemory(true);
        var peakHeap = heapBefore;
        using var timer = new Timer(_ => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false)), null, 0, 50);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var writingFrom = TimeSpan.Zero;
        var progress = new SyncProgress(p =>
        {
            if (p.Phase == ImportPhase.Writing && writingFrom == TimeSpan.Zero) writingFrom = watch.Elapsed;
        });
        var result = await bench._services!.GetRequiredService<DutyLogImportService>().ImportFileAsync(Caller.System, bench._csv, progress);
        watch.Stop();
        var imported = result.Imported;
        Console.WriteLine($"import-memory: validation (hash + pass 1) {writingFrom.TotalSeconds:F1} s, writing (pass 2 + hash + commit) {(watch.Elapsed - writingFrom).TotalSeconds:F1} s");
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        // On a shared machine wall time follows the load; CPU time much less so: both are printed, with the load.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import-memory: CPU {cpu.TotalSeconds:F1} s (user + system, all threads) = {Rows / cpu.TotalSeconds:N0} rows per CPU-second; load average before {loadBefore}, after {LoadAverage()}"));
        var peakWorkingSet = process.PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import-memory: {imported:N0} rows in {watch.Elapsed.TotalSeconds:F1} s = {Rows / watch.Elapsed.TotalSeconds:N0} rows/s; " +
            $"working set before {workingSetBefore / 1048576.0:F0} MB, peak {peakWorkingSet / 1048576.0:F0} MB (growth {(peakWorkingSet - workingSetBefore) / 1048576.0:F0} MB); " +
            $"managed heap before {heapBefore / 1048576.0:F0} MB, peak sampled {peakHeap / 1048576.0:F0} MB"));
        bench.IterationCleanup();
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    /// <summary>The 1-minute load average (Linux), or "n/a".</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}

/// <summary>The deputy list (master data) over 100,000 deputies: a page with its total count, sorted and filtered in SQL.</summary>
public class DeputyListBenchmarks
{
    private ServiceProvider _services = null!;
    private int _termId;
    private int _townId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = ScaleDatabase.Services($"Data Source={await ScaleDatabase.GetAsync(100_000, 0)}");
        await using var db = await _services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync();
        _termId = await db.Terms.Select(t => t.Id).FirstAsync();
        _townId = await db.Towns.OrderBy(t => t.Id).Skip(3).Select(t => t.Id).FirstAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    private DeputyService Service => _services.GetRequiredService<DeputyService>();

    /// <summary>County staff, first page sorted by name, with the count of all 100,000.</summary>
    [Benchmark]
    public async Task<int> DeputyList_SortedByName() =>
        (await Service.ListAsync(Caller.System, new ListQuery(0, 25, "Name"), new DeputyFilter(TermId: _termId))).TotalCount;

    /// <summary>A later page sorted by a joined column (town name), descending.</summary>
    [Benchmark]
    public async Task<int> DeputyList_SortedByTownPage40() =>
        (await Service.ListAsync(Caller.System, new ListQuery(40, 25, "TownName", true), new DeputyFilter(TermId: _termId))).TotalCount;

    /// <summary>A search by part of a number across the county (a LIKE scan).</summary>
    [Benchmark]
    public async Task<int> DeputyList_Search() =>
        (await Service.ListAsync(Caller.System, new ListQuery(0, 25, "DeputyNumber", Search: "0042"), new DeputyFilter(TermId: _termId))).TotalCount;

    /// <summary>A town clerk's scope: his town, sorted by number.</summary>
    [Benchmark]
    public async Task<int> DeputyList_TownClerk() =>
        (await Service.ListAsync(new Caller("clerk", Roles.TownClerk, TownId: _townId), new ListQuery(0, 25, "DeputyNumber"), new DeputyFilter())).TotalCount;
}
