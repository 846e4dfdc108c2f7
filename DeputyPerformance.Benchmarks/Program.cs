using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DeputyPerformance.Benchmarks;

// dotnet run -c Release --project DeputyPerformance.Benchmarks -- --filter '*'
//   generate        only build the cached scale databases (deterministic; minutes the first time)
//   generate-sqlite  only build the 50,000 / 10,000,000 SQLite scale database
//   generate-postgres [DEPUTIES LOGS]  only build the PostgreSQL scale database (DP_BENCH_POSTGRES or the benchmark cluster)
//   upgrade FILE    bring an older-schema 50,000 / 10,000,000 scale database up to the current schema (a copy)
//   import-memory [--postgresql [CONNSTRING]]  one 1,000,000-row import: rows/s, phases, process growth (ImportMemory.cs)
//   exit-refresh FILE  the refresh of every exit flag three times on a scale database: wall and CPU time
//   scores-concurrency  readers after an approval, 20 clerks saving during a recomputation, its phases
//   score-phases [N]    the year's recomputation (no rule change, rule change) phase by phase, wall and CPU; record + board
//   (DP_SCALE_FILE=PATH: use one's own copy of the 50,000 / 10,000,000 database, migrated in place, instead of the cache)
if (args is ["generate"])
{
    await ScaleDatabase.GetAsync(1_500, 300_000);
    await ScaleDatabase.GetAsync(50_000, 0);
    await ScaleDatabase.GetAsync(50_000, 10_000_000);
    await EvaluationBenchmarks.GetDatabaseAsync();
    await SuggestionBenchmarks.GetDatabaseAsync();
    return 0;
}

if (args is ["generate-sqlite"])
{
    Console.WriteLine(await ScaleDatabase.GetAsync(50_000, 10_000_000));
    return 0;
}

if (args is ["generate-postgres", ..])
{
    Console.WriteLine(await PostgresScaleDatabase.GetAsync(args.Length > 1 ? int.Parse(args[1]) : 50_000, args.Length > 2 ? int.Parse(args[2]) : 10_000_000));
    return 0;
}

if (args is ["upgrade", var olderFile])
{
    await ScaleDatabase.UpgradeAsync(olderFile, 50_000, 10_000_000);
    return 0;
}

if (args is ["exit-refresh", var scaleFile])
{
    await ExitFlagBenchmarks.MeasureRefreshAsync(scaleFile);
    return 0;
}

if (args is ["scores-concurrency"])
{
    await ScoreConcurrency.RunAsync();
    return 0;
}

if (args is ["score-phases", ..] && (args.Length == 1 || int.TryParse(args[1], out _)))
{
    await RecomputePhasesRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return 0;
}

if (args is ["import-memory", .. var importArgs])
{
    await ImportMemory.RunAsync(importArgs);
    return 0;
}

// Short runs (minutes, not hours), in process: the scale databases are opened once per class.
// The in-process toolchain's timeout (5 minutes by default) covers the setup, which may generate a scale database.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), true)).WithId("Short"))
    .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
var import = DefaultConfig.Instance
    .AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(3)
        .WithToolchain(InProcessEmitToolchain.Instance).WithId("Import"));
// The approvals use up pending logs made in the setup: a fixed, small number of calls per iteration.
var exits = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(4).WithUnrollFactor(1)
        .WithToolchain(InProcessEmitToolchain.Instance).WithId("Exits"))
    .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
var switcher = BenchmarkSwitcher.FromTypes([typeof(ScoringBenchmarks), typeof(CountyScoringBenchmarks), typeof(LogGridBenchmarks), typeof(DeputyListBenchmarks), typeof(EvaluationBenchmarks), typeof(SuggestionBenchmarks)]);
switcher.Run(args, config);
BenchmarkSwitcher.FromTypes([typeof(ImportBenchmarks)]).Run(args, import);
BenchmarkSwitcher.FromTypes([typeof(ExitFlagBenchmarks)]).Run(args, exits);
return 0;
