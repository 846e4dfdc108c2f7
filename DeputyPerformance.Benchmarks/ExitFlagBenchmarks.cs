using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Benchmarks;

/// <summary>
/// The exit flags at county scale (50,000 deputies, 10 million logs over the term 2016-2021): bringing every flag up
/// to date (the refresh an administrator runs after a rule change or before an export; the term's flags, so every
/// year's) and one absence log approved by a clerk, its deputy's flags following in the approval's transaction.
/// Targets (issue 8): the refresh under 1 s, the approval under 20 ms.
/// </summary>
public class ExitFlagBenchmarks
{
    private const int Year = 2019;
    /// <summary>Pending absence logs made ready for the approvals: more than the short job's warmup and iterations use.</summary>
    private const int Pending = 200;
    private const string Marker = "benchmark";

    private ServiceProvider _services = null!;
    private readonly List<long> _pending = [];
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = ScaleDatabase.Services($"Data Source={await ScaleDatabase.GetAsync(50_000, 10_000_000)}");
        var factory = _services.GetRequiredService<IDbContextFactory<DeputyDbContext>>();

        // The first refresh of a database without flags raises them all: measured once, apart from the steady state.
        var watch = Stopwatch.StartNew();
        var first = await Flags.RefreshAllAsync(Caller.System);
        Console.WriteLine($"// first refresh: {watch.ElapsedMilliseconds} ms, {first.Raised} raised, {first.Withdrawn} withdrawn, {first.Updated} updated");

        // Pending recess absences of deputies spread over the county (one each), as deputies submit them; those an
        // interrupted run left behind are used first.
        await using var db = await factory.CreateDbContextAsync();
        _pending.AddRange(await db.DutyLogs.Where(l => l.Status == DutyLogStatus.Pending && l.SubmittedBy == Marker && l.Description == Marker)
            .OrderBy(l => l.Id).Select(l => l.Id).Take(Pending).ToListAsync());
        var deputies = await db.Deputies.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.TownId }).ToListAsync();
        var now = DateTime.UtcNow;
        var logs = Enumerable.Range(_pending.Count, Pending - _pending.Count).Select(i => deputies[(int)((i * 7919L) % deputies.Count)])
            .Select(d => DutyLog.SubmitByDeputy(d.Id, d.TownId, new DateOnly(Year, 7, 1), DutyCategory.RecessAbsence, 1, null, null,
                Marker, Marker, now)).ToList();
        db.DutyLogs.AddRange(logs);
        await db.SaveChangesAsync();
        _pending.AddRange(logs.Select(l => l.Id));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        // The cached database keeps its logs as generated: the benchmark's are deleted through the service (totals and
        // flags follow); the flags raised by the refresh stay, as a refresh would leave them.
        var service = _services.GetRequiredService<DutyLogService>();
        foreach (var id in _pending) await service.DeleteAsync(Caller.System, id);
        await _services.DisposeAsync();
    }

    private ExitFlagService Flags => _services.GetRequiredService<ExitFlagService>();

    /// <summary>Every deputy's flags brought up to date (the candidates read from the yearly totals, their facts in chunks).</summary>
    [Benchmark]
    public async Task<int> RefreshAll() => (await Flags.RefreshAllAsync(Caller.System)).Raised;

    /// <summary>A clerk approves one pending recess absence: the log, the yearly totals and the deputy's flags in one transaction.</summary>
    [Benchmark]
    public async Task ApproveAbsenceLog() =>
        await _services.GetRequiredService<DutyLogService>().ApproveAsync(Caller.System, _pending[_next++ % Pending]);

    /// <summary>
    /// <c>exit-refresh FILE</c>: the refresh of every flag, five times on an existing scale database, with the wall
    /// time and the process's CPU time of each (a figure a loaded machine distorts less than the wall time) and the
    /// machine's load average beside it; then 60 approvals of a pending absence log (the first 10 warm up), each with its
    /// wall and CPU time, the logs deleted again afterwards.
    /// </summary>
    public static async Task MeasureRefreshAsync(string file)
    {
        await using var services = ScaleDatabase.Services($"Data Source={file}");
        var flags = services.GetRequiredService<ExitFlagService>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await flags.RefreshAllAsync(Caller.System);
            process.Refresh();
            Console.WriteLine($"// refresh {i + 1}: {watch.ElapsedMilliseconds} ms wall, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, "
                + $"{result.Raised} raised, {result.Withdrawn} withdrawn, {result.Updated} updated; load average {LoadAverage()}");
        }

        // One approval after another, as in ApproveAbsenceLog: the wall and CPU time of each, then the logs deleted again.
        var factory = services.GetRequiredService<IDbContextFactory<DeputyDbContext>>();
        var logs = services.GetRequiredService<DutyLogService>();
        List<long> pending;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var deputies = await db.Deputies.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.TownId }).ToListAsync();
            var now = DateTime.UtcNow;
            var added = Enumerable.Range(0, 60).Select(i => deputies[(int)((i * 7919L) % deputies.Count)])
                .Select(d => DutyLog.SubmitByDeputy(d.Id, d.TownId, new DateOnly(Year, 7, 1), DutyCategory.RecessAbsence, 1, null, null, Marker, Marker, now))
                .ToList();
            db.DutyLogs.AddRange(added);
            await db.SaveChangesAsync();
            pending = added.ConvertAll(l => l.Id);
        }

        var walls = new List<double>();
        var cpus = new List<double>();
        foreach (var id in pending)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await logs.ApproveAsync(Caller.System, id);
            walls.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        foreach (var id in pending) await logs.DeleteAsync(Caller.System, id);
        // The first ten warm up (JIT); the figures are of the other fifty.
        var w = walls.Skip(10).Order().ToList();
        var c = cpus.Skip(10).ToList();
        Console.WriteLine($"// approve one absence log ({w.Count} approvals): wall median {w[w.Count / 2]:F1} ms, mean {w.Average():F1} ms; "
            + $"CPU mean {c.Average():F1} ms; load average {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
