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

/// <summary>
/// Scores of one year (2019: 50,000 deputies, 1.88 million approved logs of 10 million) as the app keeps them:
/// one change and the next board read; the full recomputation from the yearly totals; and, beside them, the
/// bounds the data allows (the simplest correct SQL over the logs and over the totals, the same aggregation over
/// arrays already in memory). On both engines: the same generated data in a SQLite file and a PostgreSQL database.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int Year = 2019;
    private ServiceProvider _services = null!;
    private string _connectionString = "";

    /// <summary>The engine of the scale database (<see cref="BenchEngine"/>).</summary>
    [Params(BenchEngine.Sqlite, BenchEngine.PostgreSql)]
    public string Engine { get; set; } = BenchEngine.Sqlite;
    private RuleValues _rules = null!;
    private int _termId;
    private int[] _deputyIds = [];
    private int _next;
    private int _ruleChanges;
    private readonly List<long> _recorded = [];
    private InMemoryYear _memory = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _connectionString = await BenchEngine.ScaleAsync(Engine, 50_000, 10_000_000);
        _services = BenchEngine.Services(Engine, _connectionString);
        await using var db = await _services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync();
        _rules = ScoringDefaults.For(Year);
        _termId = await db.Terms.Select(t => t.Id).SingleAsync();
        _deputyIds = await db.Deputies.OrderBy(d => d.Id).Select(d => d.Id).ToArrayAsync();
        // The board reads a published, current year.
        await _services.GetRequiredService<ScoreService>().RefreshAsync(Caller.System, Year);
        _memory = await InMemoryYear.LoadAsync(BenchEngine.Open(Engine, _connectionString), _rules, _termId);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        // The cached database stays as generated: the logs recorded here are deleted through the service (totals follow).
        var logs = _services.GetRequiredService<DutyLogService>();
        foreach (var id in _recorded) await logs.DeleteAsync(Caller.System, id);
        // The year's rules as generated (Recompute_AfterRuleChange saved others).
        await _services.GetRequiredService<ScoringRuleService>().SaveAsync(Caller.System, RuleSetInput.From(_rules));
        await _services.DisposeAsync();
    }

    /// <summary>A clerk records an approved log (totals and ranks follow in its transaction), then the first board page is read.</summary>
    [Benchmark]
    public async Task<int> RecordLog_ThenBoardPage()
    {
        // Deputies spread over the county: each call moves a different deputy through the ranks.
        var deputyId = _deputyIds[(int)((_next++ * 7919L) % _deputyIds.Length)];
        _recorded.Add(await _services.GetRequiredService<DutyLogService>().RecordAsync(Caller.System, new DutyLogInput
        {
            DeputyId = deputyId, Date = new DateOnly(Year, 6, 1), CategoryCode = DutyCategory.Inspection, Count = 1, Description = "benchmark",
        }));
        return (await _services.GetRequiredService<ScoreService>().RankingAsync(Caller.System, Year, new ListQuery(0, 50), new RankingFilter())).Items.Count;
    }

    /// <summary>The board page when nothing changed.</summary>
    [Benchmark]
    public async Task<int> RankingBoard_Page() =>
        (await _services.GetRequiredService<ScoreService>().RankingAsync(Caller.System, Year, new ListQuery(3, 50), new RankingFilter())).Items.Count;

    /// <summary>The full recomputation (a rule change, the rebuild verb): read the totals, score and rank in memory, write and publish a generation.</summary>
    [Benchmark]
    public async Task Recompute_Year() => await _services.GetRequiredService<ScoreYearBuilder>().RebuildAsync(Year);

    /// <summary>
    /// A rule change and its recomputation (the administrator's save returns when the board shows it): the base score
    /// cycles through three values, so the target slot (written two saves before) always holds another one: every
    /// deputy's score moves and every row of the slot is written with it. (With two values the slot already held the
    /// new scores every other call, and nothing was written.)
    /// </summary>
    [Benchmark]
    public async Task Recompute_AfterRuleChange() =>
        await _services.GetRequiredService<ScoringRuleService>().SaveAsync(Caller.System,
            RuleSetInput.From(_rules with { BaseScore = _rules.BaseScore + 1 + (_ruleChanges++ % 3) }));

    /// <summary>Bound: the simplest correct SQL over the logs (SUM(Count * CASE code ...) per deputy and RANK() in the county and town).</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Bound_SimpleSqlOverLogs() =>
        SimpleSqlAsync("SELECT DeputyId, CategoryCode, Count FROM DutyLogs WHERE Year = $year AND Status = 'Approved'");

    /// <summary>Bound: the same SQL over the yearly totals.</summary>
    [Benchmark]
    public Task<int> Bound_SimpleSqlOverTotals() =>
        SimpleSqlAsync("SELECT DeputyId, CategoryCode, Count FROM DeputyYearTotals WHERE Year = $year");

    /// <summary>Bound: score and rank the year from totals already in memory (arrays), as numpy would.</summary>
    [Benchmark]
    public int Bound_InMemoryFromTotals() => _memory.ScoreAndRank();

    private async Task<int> SimpleSqlAsync(string source)
    {
        await using var connection = BenchEngine.Open(Engine, _connectionString);
        await connection.OpenAsync();
        var cases = string.Concat(_rules.Categories.Select((c, i) => $"WHEN $c{i} THEN $p{i} "));
        await using var cmd = SqlDialect.Of(connection).Command(connection, null, $"""
            WITH per_deputy AS (
                SELECT DeputyId, SUM(Count * CASE CategoryCode {cases}ELSE 0 END) AS Points FROM ({source}) AS src GROUP BY DeputyId),
            scored AS (
                SELECT d.Id, d.TownId, $base + COALESCE(p.Points, 0) AS Score FROM Deputies AS d LEFT JOIN per_deputy AS p ON p.DeputyId = d.Id
                WHERE d.TermId = $term)
            SELECT Id, Score, RANK() OVER (ORDER BY Score DESC), RANK() OVER (PARTITION BY TownId ORDER BY Score DESC) FROM scored
            """);
        SqlDialect.Add(cmd, "$year", Year);
        SqlDialect.Add(cmd, "$term", _termId);
        SqlDialect.Add(cmd, "$base", _rules.BaseScore);
        for (var i = 0; i < _rules.Categories.Count; i++)
        {
            SqlDialect.Add(cmd, $"$c{i}", _rules.Categories[i].Code);
            SqlDialect.Add(cmd, $"$p{i}", _rules.Categories[i].Points);
        }

        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows += Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) > 0 ? 1 : 0;
        }

        return rows;
    }
}

/// <summary>A year's totals as arrays (deputy position, category position, count) for the in-memory bound.</summary>
public sealed class InMemoryYear
{
    private int[] _deputy = [];
    private int[] _category = [];
    private int[] _count = [];
    private int[] _town = [];
    private int[] _points = [];
    private int _base;

    /// <summary>Reads the year from <paramref name="connection"/> (closed; disposed here), on either engine.</summary>
    public static async Task<InMemoryYear> LoadAsync(System.Data.Common.DbConnection connection, RuleValues rules, int termId)
    {
        await using var _ = connection;
        await connection.OpenAsync();
        var index = new Dictionary<int, int>();
        var towns = new List<int>();
        await using (var cmd = SqlDialect.Of(connection).Command(connection, null, "SELECT Id, TownId FROM Deputies WHERE TermId = $term ORDER BY Id"))
        {
            SqlDialect.Add(cmd, "$term", termId);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                index[r.GetInt32(0)] = towns.Count;
                towns.Add(r.GetInt32(1));
            }
        }

        var codes = rules.Categories.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var deputy = new List<int>();
        var category = new List<int>();
        var count = new List<int>();
        await using (var cmd = SqlDialect.Of(connection).Command(connection, null, "SELECT DeputyId, CategoryCode, Count FROM DeputyYearTotals WHERE Year = 2019"))
        {
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                if (!index.TryGetValue(r.GetInt32(0), out var d) || !codes.TryGetValue(r.GetString(1), out var c)) continue;
                deputy.Add(d);
                category.Add(c);
                count.Add(r.GetInt32(2));
            }
        }

        return new InMemoryYear
        {
            _deputy = [.. deputy], _category = [.. category], _count = [.. count], _town = [.. towns],
            _points = rules.Categories.Select(c => c.Points).ToArray(), _base = rules.BaseScore,
        };
    }

    /// <summary>Scores, then county and town ranks by one sort each; returns the number of deputies ranked first.</summary>
    public int ScoreAndRank()
    {
        var n = _town.Length;
        var scores = new int[n];
        Array.Fill(scores, _base);
        for (var i = 0; i < _deputy.Length; i++) scores[_deputy[i]] += _count[i] * _points[_category[i]];
        var keys = new long[n];
        var order = new int[n];
        var firsts = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < n; i++)
            {
                keys[i] = ((long)(pass == 0 ? 0 : _town[i]) << 32) | ((long)int.MaxValue - scores[i]);
                order[i] = i;
            }

            Array.Sort(keys, order);
            for (var k = 0; k < n; k++)
            {
                if (k == 0 || keys[k] >> 32 != keys[k - 1] >> 32) firsts++;
            }
        }

        return firsts;
    }
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

/// <summary>One page of the log grid (50 rows, sorted, filtered, with the total count) over 10,000,000 logs, on both engines.</summary>
[MemoryDiagnoser]
public class LogGridBenchmarks
{
    private ServiceProvider _services = null!;
    private int _townId;
    private int _deputyId;

    [Params(BenchEngine.Sqlite, BenchEngine.PostgreSql)]
    public string Engine { get; set; } = BenchEngine.Sqlite;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = BenchEngine.Services(Engine, await BenchEngine.ScaleAsync(Engine, 50_000, 10_000_000));
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
        _work = Path.Combine(ScaleDatabase.Folder, $"import-work-{Environment.ProcessId}.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_work + suffix);
        File.Copy(_template, _work);
        _services = ScaleDatabase.Services($"Data Source={_work}");
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        _services?.Dispose();
        SqliteConnection.ClearAllPools();
        // The work copy is this process's own (~400 MB after an import): it goes with the iteration.
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_work + suffix);
    }

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

    /// <summary>The domain services over this iteration's copy (for <see cref="ImportMemory"/>).</summary>
    public IServiceProvider Services => _services!;

    /// <summary>The cached CSV of <see cref="Rows"/> rows.</summary>
    public string Csv => _csv;
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

/// <summary>The engine a benchmark class runs on, by its <c>Engine</c> parameter: the scale data set of that engine, its services, a raw connection.</summary>
public static class BenchEngine
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    private static DatabaseProvider Provider(string engine) => engine == PostgreSql ? DatabaseProvider.PostgreSQL : DatabaseProvider.Sqlite;

    /// <summary>The connection string of the cached scale data set on the engine (generated the first time).</summary>
    public static async Task<string> ScaleAsync(string engine, int deputies, int logs) =>
        engine == PostgreSql ? await PostgresScaleDatabase.GetAsync(deputies, logs) : $"Data Source={await ScaleDatabase.GetAsync(deputies, logs)}";

    public static ServiceProvider Services(string engine, string connectionString) => ScaleDatabase.Services(connectionString, Provider(engine));

    /// <summary>A new, closed raw connection.</summary>
    public static System.Data.Common.DbConnection Open(string engine, string connectionString) =>
        engine == PostgreSql ? new Npgsql.NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
}
