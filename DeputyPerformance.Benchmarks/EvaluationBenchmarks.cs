using System.Globalization;
using BenchmarkDotNet.Attributes;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Evaluations;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Benchmarks;

/// <summary>
/// The evaluation of departments at province scale: 3,000 departments, each evaluated in every one of 5 years
/// (15,000 evaluations with their 120,000 phase rows and about 17,000 votes). The year's board (a page of 25, sorted,
/// with its total) and one department's history must each stay under 50 ms.
/// </summary>
public class EvaluationBenchmarks
{
    public const int Departments = 3_000;
    public const int FirstYear = 2016;
    public const int Years = 5;

    private ServiceProvider _services = null!;
    private int _departmentId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = ScaleDatabase.Services($"Data Source={await GetDatabaseAsync()}");
        await using var db = await _services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync();
        _departmentId = await db.GovernmentDepartments.OrderBy(d => d.Id).Skip(Departments / 2).Select(d => d.Id).FirstAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    private EvaluationService Service => _services.GetRequiredService<EvaluationService>();

    /// <summary>The last year's board (3,000 evaluations in every phase): first page by department name, with the total.</summary>
    [Benchmark]
    public async Task<int> Board_FirstPageByName() =>
        (await Service.BoardAsync(Caller.System, FirstYear + Years - 1, new ListQuery(0, 25, nameof(EvaluationBoardRow.DepartmentName)))).TotalCount;

    /// <summary>A later page sorted by the next date, descending.</summary>
    [Benchmark]
    public async Task<int> Board_Page40ByNextDate() =>
        (await Service.BoardAsync(Caller.System, FirstYear + Years - 1, new ListQuery(40, 25, nameof(EvaluationBoardRow.NextDate), true))).TotalCount;

    /// <summary>Only the overdue ones, sorted by phase.</summary>
    [Benchmark]
    public async Task<int> Board_OnlyOverdue() =>
        (await Service.BoardAsync(Caller.System, FirstYear + Years - 1, new ListQuery(0, 25, nameof(EvaluationBoardRow.Phase)), onlyOverdue: true)).TotalCount;

    /// <summary>A department's history across the 5 years.</summary>
    [Benchmark]
    public async Task<int> DepartmentHistory() => (await Service.HistoryAsync(Caller.System, _departmentId)).Evaluations.Count;

    /// <summary>One evaluation's page: phases, votes, documents.</summary>
    [Benchmark]
    public async Task<int> EvaluationDetail()
    {
        var history = await Service.HistoryAsync(Caller.System, _departmentId);
        return (await Service.GetAsync(Caller.System, history.Evaluations[0].EvaluationId)).Phases.Count;
    }

    /// <summary>Builds (once, cached by schema) the province: one term, 35 committee members, 3,000 departments, 15,000 evaluations.</summary>
    public static async Task<string> GetDatabaseAsync()
    {
        Directory.CreateDirectory(ScaleDatabase.Folder);
        var path = Path.Combine(ScaleDatabase.Folder, string.Create(CultureInfo.InvariantCulture, $"evaluations-{Departments}-{Years}-{ScaleDatabase.SchemaKey()}.db"));
        if (File.Exists(path)) return path;
        var building = path + ".building";
        File.Delete(building);
        var started = DateTime.UtcNow;
        await using (var services = ScaleDatabase.Services($"Data Source={building};Pooling=False"))
        {
            var factory = services.GetRequiredService<IDbContextFactory<DeputyDbContext>>();
            await DatabaseSetup.MigrateAsync(factory);
            await using (var db = await factory.CreateDbContextAsync())
            {
                var term = new Term($"{FirstYear}-{FirstYear + Years - 1}", FirstYear, FirstYear + Years - 1);
                db.Terms.Add(term);
                for (var i = 1; i <= Departments; i++)
                {
                    db.GovernmentDepartments.Add(new GovernmentDepartment(string.Create(CultureInfo.InvariantCulture, $"部门{i:0000}"),
                        i % 7 == 0 ? DepartmentKind.VerticallyManaged : DepartmentKind.Constituent));
                }

                await db.SaveChangesAsync();
                for (var m = 0; m < 35; m++) db.CommitteeMembers.Add(new CommitteeMember(term.Id, string.Create(CultureInfo.InvariantCulture, $"委员{m:00}"), CommitteePosition.Member));
                await db.SaveChangesAsync();
            }

            var ids = await (await factory.CreateDbContextAsync()).GovernmentDepartments.OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
            var rules = EvaluationRuleSet.Defaults(0);
            for (var year = FirstYear; year < FirstYear + Years; year++)
            {
                await using var db = await factory.CreateDbContextAsync();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = 0; i < ids.Count; i++)
                {
                    db.DepartmentEvaluations.Add(Build(ids[i], year, i, year == FirstYear + Years - 1, rules));
                }

                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
                Console.WriteLine($"// evaluations of {year} written");
            }
        }

        SqliteConnection.ClearAllPools();
        File.Move(building, path);
        Console.WriteLine($"// generated {path} in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        return path;
    }

    private static DepartmentEvaluation Build(int departmentId, int year, int n, bool lastYear, EvaluationRuleSet rules)
    {
        DateOnly D(int month, int day) => new(year, month, day);
        var e = new DepartmentEvaluation(departmentId, year, D(3, 1));
        e.PlanPhase(EvaluationPhase.Publicity, D(3, 1), D(3, 14), "办公室", null);
        e.PlanPhase(EvaluationPhase.SelfCheck, D(3, 15), D(4, 14), "部门", null);
        e.PlanPhase(EvaluationPhase.Investigation, D(4, 15), D(6, 10), "调查组", null);
        e.PlanPhase(EvaluationPhase.HearingAndVote, D(6, 11), D(6, 30), "办公室", null);
        var stop = lastYear ? n % 8 : 99;
        if (stop == 0) return e;
        e.CompletePhase(D(3, 15));
        if (stop == 1) return e;
        e.CompletePhase(D(4, 15));
        if (stop == 2) return e;
        e.CompletePhase(D(6, 11));
        if (stop == 3) return e;
        var (s, b, d) = (n % 5) switch { 0 => (6, 8, 16), 1 => (12, 14, 4), _ => (22, 6, 2) };
        e.RecordVote(EvaluationVoteResults.Tally(TallyCounts.From(30, 30, 0, s, b, d), 35, 30, GradingDenominator.AllMembers), rules, D(6, 20));
        if (stop == 4) return e;
        e.Publish(D(7, 10), rules);
        if (e.Phase == EvaluationPhase.Closed || stop == 5) return e;
        e.ReceiveRectificationReport(D(9, 30));
        if (stop == 6) return e;
        if (e.Grade == EvaluationOutcome.Dissatisfied)
        {
            e.StartRevote(D(11, 1));
            e.RecordVote(EvaluationVoteResults.Tally(TallyCounts.From(30, 30, 0, 12, 14, 4), 35, 30, GradingDenominator.AllMembers), rules, D(11, 15));
        }
        else
        {
            e.Close(D(10, 15));
        }

        return e;
    }
}
