using System.Diagnostics;
using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Benchmarks;

/// <summary>
/// `scores-concurrency`: what BenchmarkDotNet cannot show on the 50,000-deputy year: 4 board readers right after one
/// approval (do they recompute? how long do they take together?), 20 clerks saving logs while the year is recomputed
/// (how long does a save wait?), and the recomputation's own phases. The logs written here are deleted at the end.
/// </summary>
public static class ScoreConcurrency
{
    private const int Year = 2019;

    public static async Task RunAsync()
    {
        var path = await ScaleDatabase.GetAsync(50_000, 10_000_000);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter(typeof(ScoreYearBuilder).FullName, LogLevel.Information).AddProvider(new ConsoleLines()));
        services.AddDeputyDatabase($"Data Source={path}");
        Domain.DomainServices.AddDeputyDomain(services);
        await using var provider = services.BuildServiceProvider();
        var builder = provider.GetRequiredService<ScoreYearBuilder>();
        var scores = provider.GetRequiredService<ScoreService>();
        var logs = provider.GetRequiredService<DutyLogService>();
        int[] deputyIds;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync())
        {
            deputyIds = await db.Deputies.OrderBy(d => d.Id).Select(d => d.Id).ToArrayAsync();
        }

        var recorded = new System.Collections.Concurrent.ConcurrentBag<long>();
        var next = 0;
        Task<long> RecordAsync() => logs.RecordAsync(Caller.System, new DutyLogInput
        {
            DeputyId = deputyIds[(int)((Interlocked.Increment(ref next) * 7919L) % deputyIds.Length)],
            Date = new DateOnly(Year, 6, 1), CategoryCode = DutyCategory.Reception, Count = 1, Description = "concurrency",
        });
        Task<PagedResult<RankingRow>> BoardAsync() => scores.RankingAsync(Caller.System, Year, new ListQuery(0, 50), new RankingFilter());

        Console.WriteLine($"// load: {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var i = 0; i < 3; i++)
        {
            var w = Stopwatch.StartNew();
            await builder.RebuildAsync(Year);
            Console.WriteLine($"recompute {Year}: {w.ElapsedMilliseconds} ms");
        }

        await BoardAsync();
        var pairs = new List<double>();
        var saves = new List<double>();
        var boards = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var w = Stopwatch.StartNew();
            recorded.Add(await RecordAsync());
            saves.Add(w.Elapsed.TotalMilliseconds);
            await BoardAsync();
            pairs.Add(w.Elapsed.TotalMilliseconds);
            boards.Add(pairs[^1] - saves[^1]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"record one log + next board page: median {Median(pairs):F1} ms, max {pairs.Max():F1} ms (30 pairs; the save alone median {Median(saves):F1} ms, the board read {Median(boards):F1} ms)"));

        var before = builder.Recomputations;
        recorded.Add(await RecordAsync());
        var readers = Stopwatch.StartNew();
        var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var w = Stopwatch.StartNew();
            await BoardAsync();
            return w.Elapsed.TotalMilliseconds;
        }));
        Console.WriteLine($"4 concurrent board reads after one approval: all done in {readers.ElapsedMilliseconds} ms, slowest {reads.Max():F1} ms, recomputations {builder.Recomputations - before}");

        async Task ClerksAsync(string label, bool recomputing)
        {
            var saves = new System.Collections.Concurrent.ConcurrentBag<double>();
            var errors = 0;
            var recompute = recomputing ? Task.Run(async () =>
            {
                var w = Stopwatch.StartNew();
                await builder.RebuildAsync(Year);
                return w.ElapsedMilliseconds;
            }) : Task.FromResult(0L);
            var whole = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    var w = Stopwatch.StartNew();
                    try
                    {
                        recorded.Add(await RecordAsync());
                        saves.Add(w.Elapsed.TotalMilliseconds);
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            })));
            var clerkTime = whole.Elapsed.TotalSeconds;
            var recomputeMs = await recompute;
            var sorted = saves.Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"20 clerks x 10 saves {label}{(recomputing ? $" ({recomputeMs} ms)" : "")}: {sorted.Count} saved, {errors} errors, p50 {Median(sorted):F1} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:F1} ms, max {sorted.Max():F1} ms, {sorted.Count / clerkTime:F0} saves/s"));
        }

        await ClerksAsync("alone", false);
        await ClerksAsync("during a recomputation", true);

        foreach (var id in recorded) await logs.DeleteAsync(Caller.System, id);
        Console.WriteLine($"// {recorded.Count} logs written here deleted again; load: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var list = values.Order().ToList();
        return list[list.Count / 2];
    }
}

/// <summary>Log lines to the console (the recomputation reports its phases at Information).</summary>
internal sealed class ConsoleLines : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger();

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.WriteLine($"// {formatter(state, exception)}");
    }
}
