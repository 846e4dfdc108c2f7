using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Scoring;

/// <summary>Filters of the ranking board.</summary>
public sealed record RankingFilter(int? TownId = null, int? DelegationId = null, ScoreGrade? Grade = null);

/// <summary>A line of the ranking board or of the score sheet.</summary>
public sealed class RankingRow
{
    public int DeputyId { get; init; }
    public string DeputyNumber { get; init; } = "";
    public string Name { get; init; } = "";
    public int TownId { get; init; }
    public string TownName { get; init; } = "";
    public int? DelegationId { get; init; }
    public string? DelegationName { get; init; }
    public int Score { get; init; }
    public ScoreGrade Grade { get; init; }
    public int RankCounty { get; init; }
    public int RankTown { get; init; }
    public int? RankDelegation { get; init; }
}

/// <summary>"My performance": a deputy's year with the breakdown by category (the logs behind a number: DutyLogService.ListAsync with DeputyId, Year, CategoryCode, Status Approved).</summary>
public sealed record DeputyScoreDetail(
    int DeputyId, string DeputyNumber, string Name, string TownName, int Year, int Score, ScoreGrade Grade,
    int RankCounty, int CountyTotal, int RankTown, int TownTotal, int? RankDelegation, int? DelegationTotal,
    int BaseScore, IReadOnlyList<CategoryPoints> Breakdown)
{
    /// <summary>
    /// The year's approved unapproved-absence logs (congress and recess), read from the per-category totals: shown to
    /// the deputy beside his score. The exit rules count them per category (per term, per year) on their own.
    /// </summary>
    public int UnapprovedAbsences => CountOf(Duties.DutyCategory.CongressAbsence) + CountOf(Duties.DutyCategory.RecessAbsence);

    /// <summary>The approved count of a category in the year, e.g. DutyCategory.CongressAbsence for unapproved absences.</summary>
    public int CountOf(string code) => Breakdown.FirstOrDefault(b => b.Code == code)?.Count ?? 0;

    /// <summary>The points a category gave in the year (after its cap).</summary>
    public int PointsOf(string code) => Breakdown.FirstOrDefault(b => b.Code == code)?.Points ?? 0;
}

/// <summary>One year of a deputy's history over his term (chart).</summary>
public sealed record YearScorePoint(int Year, int Score, ScoreGrade Grade, int RankCounty, int CountyTotal);

/// <summary>The distribution chart: deputies per score bucket (Lower inclusive) and per grade.</summary>
public sealed record ScoreDistribution(int BucketSize, IReadOnlyList<ScoreBucket> Buckets, IReadOnlyDictionary<ScoreGrade, int> Grades, int Total);

public sealed record ScoreBucket(int Lower, int Count);

/// <summary>
/// Annual scores, read from the published snapshot of a year that ranking boards, "my performance", exports and
/// the shortlist share. Each change to approved logs keeps it exact in its own transaction (<see cref="ScoreQueries"/>);
/// a year is recomputed in full (<see cref="ScoreYearBuilder"/>, one at a time) only when its rules changed, a bulk
/// import marked it stale, or a deputy record changed (seen in the audit trail).
/// </summary>
public sealed class ScoreService(IDbContextFactory<DeputyDbContext> factory, ScoreYearBuilder builder, TimeProvider clock, ILogger<ScoreService> logger)
{
    private static readonly IReadOnlyDictionary<string, Expression<Func<RankingRow, object?>>> SortColumns =
        new Dictionary<string, Expression<Func<RankingRow, object?>>>
        {
            [nameof(RankingRow.RankCounty)] = r => r.RankCounty,
            [nameof(RankingRow.RankTown)] = r => r.RankTown,
            [nameof(RankingRow.RankDelegation)] = r => r.RankDelegation,
            [nameof(RankingRow.Score)] = r => r.Score,
            [nameof(RankingRow.DeputyNumber)] = r => r.DeputyNumber,
            [nameof(RankingRow.Name)] = r => r.Name,
            [nameof(RankingRow.TownName)] = r => r.TownName,
            [nameof(RankingRow.Grade)] = r => r.Grade,
        };

    public static bool CanReadBoard(Caller caller) => caller.IsCountyStaff || caller.IsCommitteeMember || (caller.IsTownClerk && caller.TownId is not null);

    /// <summary>
    /// Scores and ranks a year for every deputy of its term from the yearly totals, in memory, without writing
    /// (what a recomputation publishes), with each deputy's points per category.
    /// </summary>
    public async Task<IReadOnlyList<DeputyYearScore>> ComputeYearAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsCountyStaff || caller.IsCommitteeMember, caller, "Score.Compute", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var tx = await SqlDialect.Of(connection).BeginReadAsync(connection, ct);
        await db.Database.UseTransactionAsync(tx, ct);
        if (await ScoreYearBuilder.ComputeAsync(db, connection, tx, year, ct) is not { } scores) return [];
        var totals = (await db.DeputyYearTotals.AsNoTracking().Where(t => t.Year == year)
                .Select(t => new { t.DeputyId, t.CategoryCode, t.Count }).ToListAsync(ct))
            .ToLookup(t => t.DeputyId, t => new CategoryCount(t.CategoryCode, t.Count));
        return Enumerable.Range(0, scores.Count).Select(i => new DeputyYearScore(
            scores.DeputyIds[i], scores.TownIds[i], scores.DelegationIds[i] == 0 ? null : scores.DelegationIds[i], scores.Scores[i],
            ScoreCalculator.GradeOf(scores.Scores[i], scores.Rules), scores.RankCounty[i], scores.RankTown[i],
            scores.DelegationIds[i] == 0 ? null : scores.RankDelegation[i],
            ScoreCalculator.ScoreOf(totals[scores.DeputyIds[i]], scores.Rules).Breakdown)).ToList();
    }

    /// <summary>Recomputes a year's snapshot now from its totals (county staff; the rebuild verb).</summary>
    public async Task RefreshAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsCountyStaff, caller, "Score.Refresh", logger, year);
        await builder.RebuildAsync(year, ct);
    }

    /// <summary>
    /// The approved counts per category of a year, per deputy, for the deputies of the board the caller may see
    /// (the score sheet's category columns).
    /// </summary>
    public async Task<ILookup<int, CategoryCount>> CategoryTotalsAsync(Caller caller, int year, RankingFilter filter, CancellationToken ct = default)
    {
        Guard.Allow(CanReadBoard(caller), caller, "Score.Export", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var generation = await EnsureFreshAsync(db, year, ct);
        var rows = await (from t in db.DeputyYearTotals.AsNoTracking().Where(t => t.Year == year)
                          join s in Scoped(db, year, generation, caller, filter) on t.DeputyId equals s.DeputyId
                          select new { t.DeputyId, t.CategoryCode, t.Count }).ToListAsync(ct);
        return rows.ToLookup(r => r.DeputyId, r => new CategoryCount(r.CategoryCode, r.Count));
    }

    /// <summary>The ranking board: the snapshot of a year, filtered and sorted (default: county rank) in SQL. A town clerk sees his town.</summary>
    public async Task<PagedResult<RankingRow>> RankingAsync(Caller caller, int year, ListQuery query, RankingFilter filter, CancellationToken ct = default)
    {
        Guard.Allow(CanReadBoard(caller), caller, "Score.Ranking", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var generation = await EnsureFreshAsync(db, year, ct);
        var rows = Board(db, year, generation, caller, filter);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            rows = rows.Where(r => r.Name.Contains(search) || r.DeputyNumber.Contains(search));
        }

        var sortKey = query.SortBy is not null && SortColumns.ContainsKey(query.SortBy) ? query.SortBy : nameof(RankingRow.RankCounty);
        // A rank in rank order is the score in the other direction (rank = 1 + the number of higher scores), and only
        // the score is indexed (ranks move with every change): the county's ranks always, a town's or delegation's
        // when the board shows one group.
        var descending = query.Descending;
        if (sortKey == nameof(RankingRow.RankCounty)
            || (sortKey == nameof(RankingRow.RankTown) && (caller.IsTownClerk || filter.TownId is not null))
            || (sortKey == nameof(RankingRow.RankDelegation) && filter.DelegationId is not null))
        {
            sortKey = nameof(RankingRow.Score);
            descending = !descending;
        }

        // Deputies without a delegation (no delegation rank) first, as SQLite orders NULL; PostgreSQL would put them last.
        var ordered = sortKey == nameof(RankingRow.RankDelegation)
            ? descending ? rows.OrderByDescending(r => r.RankDelegation != null).ThenByDescending(r => r.RankDelegation)
                : rows.OrderBy(r => r.RankDelegation != null).ThenBy(r => r.RankDelegation)
            : descending ? rows.OrderByDescending(SortColumns[sortKey]) : rows.OrderBy(SortColumns[sortKey]);
        ordered = ordered.ThenBy(r => r.DeputyNumber);
        // Without a search every snapshot row is a board row (the deputy is a foreign key): the whole county's count is
        // stored with the published generation, a group's is counted on its index.
        var total = !string.IsNullOrWhiteSpace(query.Search) ? await rows.CountAsync(ct)
            : IsWholeCounty(caller, filter) && await PublishedCountAsync(db, year, ct) is > 0 and var stored ? stored
            : await Scoped(db, year, generation, caller, filter).CountAsync(ct);
        var items = await ordered.Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize).ToListAsync(ct);
        return new PagedResult<RankingRow>(items, total);
    }

    /// <summary>Every row of a year's board in county rank order (exports); same scope rules as the board.</summary>
    public async Task<IReadOnlyList<RankingRow>> AllRowsAsync(Caller caller, int year, RankingFilter filter, CancellationToken ct = default)
    {
        Guard.Allow(CanReadBoard(caller), caller, "Score.Export", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var generation = await EnsureFreshAsync(db, year, ct);
        return await Board(db, year, generation, caller, filter).OrderByDescending(r => r.Score).ThenBy(r => r.DeputyNumber).ToListAsync(ct);
    }

    /// <summary>The distribution chart of a year: deputies per bucket of <paramref name="bucketSize"/> points and per grade.</summary>
    public async Task<ScoreDistribution> DistributionAsync(Caller caller, int year, RankingFilter filter, int bucketSize = 5, CancellationToken ct = default)
    {
        Guard.Allow(CanReadBoard(caller), caller, "Score.Distribution", logger, year);
        bucketSize = Math.Max(1, bucketSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        var generation = await EnsureFreshAsync(db, year, ct);
        var snapshots = Scoped(db, year, generation, caller, filter);
        // Integer division truncates toward zero; shift negatives so buckets stay [lower, lower + size).
        var groups = await snapshots
            .GroupBy(s => s.Score >= 0 ? s.Score / bucketSize : (s.Score - bucketSize + 1) / bucketSize)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var buckets = groups.OrderBy(g => g.Key).Select(g => new ScoreBucket(g.Key * bucketSize, g.Count)).ToList();
        var grades = await snapshots.GroupBy(s => s.Grade).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var gradeMap = Enum.GetValues<ScoreGrade>().ToDictionary(g => g, g => grades.FirstOrDefault(x => x.Key == g)?.Count ?? 0);
        return new ScoreDistribution(bucketSize, buckets, gradeMap, gradeMap.Values.Sum());
    }

    /// <summary>"My performance" of the signed-in deputy.</summary>
    public Task<DeputyScoreDetail?> MyScoreAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsDeputy && caller.DeputyId is not null, caller, "Score.Mine", logger, year);
        return DeputyScoreAsync(caller, caller.DeputyId!.Value, year, ct);
    }

    /// <summary>A deputy's year: himself, a clerk of his town, county staff and committee members. Null when the year has no term.</summary>
    public async Task<DeputyScoreDetail?> DeputyScoreAsync(Caller caller, int deputyId, int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deputy = await db.Deputies.AsNoTracking().Where(d => d.Id == deputyId)
            .Select(d => new { d.Id, d.TownId, d.DelegationId, d.DeputyNumber, d.Name, TownName = d.Town!.Name }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        Guard.Allow(Duties.DutyPolicy.CanRead(caller, deputy.Id, deputy.TownId), caller, "Score.Deputy", logger, deputyId);
        var generation = await EnsureFreshAsync(db, year, ct);
        var snapshots = db.ScoreSnapshots.AsNoTracking().Where(x => x.Year == year && x.Generation == generation);
        var s = await snapshots.FirstOrDefaultAsync(x => x.DeputyId == deputyId, ct);
        if (s is null) return null;
        var rules = await ScoringRuleService.EffectiveAsync(db, year, ct);
        var countyTotal = await PublishedCountAsync(db, year, ct) is > 0 and var stored ? stored : await snapshots.CountAsync(ct);
        var townTotal = await snapshots.CountAsync(x => x.TownId == s.TownId, ct);
        int? delegationTotal = s.DelegationId is { } dg ? await snapshots.CountAsync(x => x.DelegationId == dg, ct) : null;
        var counts = await db.DeputyYearTotals.AsNoTracking().Where(t => t.Year == year && t.DeputyId == deputyId)
            .Select(t => new CategoryCount(t.CategoryCode, t.Count)).ToListAsync(ct);
        return new DeputyScoreDetail(deputy.Id, deputy.DeputyNumber, deputy.Name, deputy.TownName, year, s.Score, s.Grade,
            s.RankCounty, countyTotal, s.RankTown, townTotal, s.RankDelegation, delegationTotal, rules.BaseScore,
            ScoreCalculator.ScoreOf(counts, rules).Breakdown);
    }

    /// <summary>A deputy's score per year of his term up to the current year (the history chart).</summary>
    public async Task<IReadOnlyList<YearScorePoint>> HistoryAsync(Caller caller, int deputyId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deputy = await db.Deputies.AsNoTracking().Where(d => d.Id == deputyId)
            .Select(d => new { d.Id, d.TownId, d.Term!.StartYear, d.Term.EndYear }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        Guard.Allow(Duties.DutyPolicy.CanRead(caller, deputy.Id, deputy.TownId), caller, "Score.History", logger, deputyId);
        var lastYear = Math.Min(deputy.EndYear, clock.GetLocalNow().Year);
        var points = new List<YearScorePoint>();
        for (var year = deputy.StartYear; year <= lastYear; year++)
        {
            var generation = await EnsureFreshAsync(db, year, ct);
            var s = await db.ScoreSnapshots.AsNoTracking().Where(x => x.Year == year && x.Generation == generation && x.DeputyId == deputyId)
                .Select(x => new { x.Score, x.Grade, x.RankCounty }).FirstOrDefaultAsync(ct);
            if (s is not null)
            {
                points.Add(new YearScorePoint(year, s.Score, s.Grade, s.RankCounty,
                    await db.ScoreSnapshots.CountAsync(x => x.Year == year && x.Generation == generation, ct)));
            }
        }

        return points;
    }

    /// <summary>
    /// The published generation of the year, recomputing it first when it is not current (its rules changed, a bulk
    /// import marked it stale, a deputy record changed). Readers after a single log change find it current: that
    /// change kept the scores exact. Readers who arrive during a recomputation wait for that one.
    /// </summary>
    internal async Task<int> EnsureFreshAsync(DeputyDbContext db, int year, CancellationToken ct)
    {
        if (await ScoreYearBuilder.IsCurrentAsync(db, year, ct) is { } generation) return generation;
        await builder.EnsureCurrentAsync(year, ct);
        return await db.ScoreYearStates.AsNoTracking().Where(s => s.Year == year).Select(s => s.Generation).FirstOrDefaultAsync(ct);
    }

    private static bool IsWholeCounty(Caller caller, RankingFilter filter) =>
        !caller.IsTownClerk && filter is { TownId: null, DelegationId: null, Grade: null };

    private static Task<int> PublishedCountAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        db.ScoreYearStates.AsNoTracking().Where(s => s.Year == year).Select(s => s.Deputies).FirstOrDefaultAsync(ct);

    private static IQueryable<ScoreSnapshot> Scoped(DeputyDbContext db, int year, int generation, Caller caller, RankingFilter filter)
    {
        var s = db.ScoreSnapshots.AsNoTracking().Where(x => x.Year == year && x.Generation == generation);
        if (caller.IsTownClerk) s = s.Where(x => x.TownId == caller.TownId);
        if (filter.TownId is { } townId) s = s.Where(x => x.TownId == townId);
        if (filter.DelegationId is { } delegationId) s = s.Where(x => x.DelegationId == delegationId);
        if (filter.Grade is { } grade) s = s.Where(x => x.Grade == grade);
        return s;
    }

    private static IQueryable<RankingRow> Board(DeputyDbContext db, int year, int generation, Caller caller, RankingFilter filter) =>
        from s in Scoped(db, year, generation, caller, filter)
        join d in db.Deputies on s.DeputyId equals d.Id
        select new RankingRow
        {
            DeputyId = s.DeputyId,
            DeputyNumber = d.DeputyNumber,
            Name = d.Name,
            TownId = s.TownId,
            TownName = d.Town!.Name,
            DelegationId = s.DelegationId,
            DelegationName = d.Delegation!.Name,
            Score = s.Score,
            Grade = s.Grade,
            RankCounty = s.RankCounty,
            RankTown = s.RankTown,
            RankDelegation = s.RankDelegation,
        };
}
