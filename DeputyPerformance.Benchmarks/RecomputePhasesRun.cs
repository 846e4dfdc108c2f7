using System.Diagnostics;
using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Benchmarks;

/// <summary>
/// `score-phases`: the 50,000-deputy year's recomputation without and with a rule change, phase by phase (wall and
/// process CPU), and one recorded log + the next board page, wall and CPU; the load average beside them. What
/// BenchmarkDotNet's means do not say on a shared machine. The logs and rules written here are restored at the end.
/// </summary>
public static class RecomputePhasesRun
{
    private const int Year = 2019;

    public static async Task RunAsync(int rounds)
    {
        var path = await ScaleDatabase.GetAsync(50_000, 10_000_000);
        await using var services = ScaleDatabase.Services($"Data Source={path}");
        var builder = services.GetRequiredService<ScoreYearBuilder>();
        var rulesService = services.GetRequiredService<ScoringRuleService>();
        var logs = services.GetRequiredService<DutyLogService>();
        var scores = services.GetRequiredService<ScoreService>();
        var rules = ScoringDefaults.For(Year);
        int[] deputyIds;
        await using (var db = await services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync())
        {
            deputyIds = await db.Deputies.OrderBy(d => d.Id).Select(d => d.Id).ToArrayAsync();
        }

        Console.WriteLine($"// load: {File.ReadAllText("/proc/loadavg").Trim()}");
        await scores.RefreshAsync(Caller.System, Year);
        for (var i = 0; i < rounds; i++)
        {
            await builder.RebuildAsync(Year);
            Console.WriteLine($"recompute, no rule change: {builder.LastPhases}");
        }

        for (var i = 0; i < rounds; i++)
        {
            await rulesService.SaveAsync(Caller.System, RuleSetInput.From(rules with { BaseScore = rules.BaseScore + 1 + i }));
            Console.WriteLine($"recompute after a rule change: {builder.LastPhases}");
        }

        await rulesService.SaveAsync(Caller.System, RuleSetInput.From(rules));
        Console.WriteLine($"// load: {File.ReadAllText("/proc/loadavg").Trim()}");

        var recorded = new List<long>();
        var walls = new List<double>();
        var cpus = new List<double>();
        var saves = new List<double>();
        for (var i = 0; i < 10 * rounds; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var w = Stopwatch.StartNew();
            recorded.Add(await logs.RecordAsync(Caller.System, new DutyLogInput
            {
                DeputyId = deputyIds[(int)((i * 7919L) % deputyIds.Length)], Date = new DateOnly(Year, 6, 1),
                CategoryCode = DutyCategory.Inspection, Count = 1, Description = "phases",
            }));
            saves.Add(w.Elapsed.TotalMilliseconds);
            await scores.RankingAsync(Caller.System, Year, new ListQuery(0, 50), new RankingFilter());
            walls.Add(w.Elapsed.TotalMilliseconds);
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"record one log + next board page ({walls.Count} pairs, the first 3 left out): wall median {Median(walls):F1} ms, CPU median {Median(cpus):F1} ms; the save alone wall median {Median(saves):F1} ms"));
        foreach (var id in recorded) await logs.DeleteAsync(Caller.System, id);
        Console.WriteLine($"// load: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static double Median(List<double> values)
    {
        var list = values.Skip(3).Order().ToList();
        return list[list.Count / 2];
    }
}
