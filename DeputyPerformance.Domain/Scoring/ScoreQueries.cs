using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using DeputyPerformance.Domain.Persistence;

namespace DeputyPerformance.Domain.Scoring;

/// <summary>A row of the scoring aggregation as SQL returns it.</summary>
public sealed class ScoreSqlRow
{
    public int DeputyId { get; set; }
    public int TownId { get; set; }
    public int? DelegationId { get; set; }
    public int Score { get; set; }
    public string Grade { get; set; } = "";
    public int RankCounty { get; set; }
    public int RankTown { get; set; }
    public int? RankDelegation { get; set; }
    public int ExitAbsences { get; set; }
    public string? Breakdown { get; set; }
}

/// <summary>
/// RAW SQL (SQLite dialect) of the scoring, in this one file: the yearly aggregation with caps, grades and
/// ranks (window functions), the snapshot refresh and the stale marks. The rule values come in as a VALUES
/// table of parameters, so saved and default rule sets are scored by the same statement.
/// The C# reference of the same rules is <see cref="ScoreCalculator"/>; a test checks they agree.
/// </summary>
public static class ScoreQueries
{
    public const string SnapshotColumns =
        "Year, TermId, DeputyId, TownId, DelegationId, Score, Grade, RankCounty, RankTown, RankDelegation, ExitAbsences, Breakdown";

    /// <summary>
    /// One statement: approved counts per deputy and category (a covering scan of IX_DutyLogs_Scoring, whose
    /// filter the literal 'Approved' matches), points with caps, totals, grade and the three RANK()s.
    /// Parameters: @year, @termId, @base, @good, @fair and @c{i}/@p{i}/@k{i}/@e{i} per category.
    /// </summary>
    public static string AggregationSql(int categoryCount)
    {
        var values = new StringBuilder();
        for (var i = 0; i < categoryCount; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@c{i}, @p{i}, @k{i}, @e{i})");
        }

        // A year with no categories still needs a (empty) rule table.
        var rules = categoryCount == 0
            ? "SELECT NULL AS Code, 0 AS Points, NULL AS Cap, 0 AS CountsForExit WHERE 0"
            : $"SELECT column1 AS Code, column2 AS Points, column3 AS Cap, column4 AS CountsForExit FROM (VALUES {values})";
        return $"""
            WITH rules AS ({rules}),
            per_category AS (
                SELECT l.DeputyId, l.CategoryCode AS Code, SUM(l.Count) AS N
                FROM DutyLogs AS l
                WHERE l.Year = @year AND l.Status = 'Approved'
                GROUP BY l.DeputyId, l.CategoryCode
            ),
            points AS (
                SELECT p.DeputyId, p.Code, p.N,
                       CASE WHEN r.Cap IS NULL THEN p.N * r.Points
                            WHEN r.Points >= 0 THEN MIN(p.N * r.Points, r.Cap)
                            ELSE MAX(p.N * r.Points, -r.Cap) END AS Points,
                       CASE WHEN r.CountsForExit = 1 THEN p.N ELSE 0 END AS ExitN
                FROM per_category AS p JOIN rules AS r ON r.Code = p.Code
            ),
            per_deputy AS (
                SELECT DeputyId, SUM(Points) AS Points, SUM(ExitN) AS ExitAbsences,
                       group_concat(Code || '=' || N || '=' || Points, ';') AS Breakdown
                FROM points
                GROUP BY DeputyId
            ),
            scored AS (
                SELECT d.Id AS DeputyId, d.TownId, d.DelegationId, @base + COALESCE(pd.Points, 0) AS Score,
                       COALESCE(pd.ExitAbsences, 0) AS ExitAbsences, pd.Breakdown
                FROM Deputies AS d LEFT JOIN per_deputy AS pd ON pd.DeputyId = d.Id
                WHERE d.TermId = @termId
            )
            SELECT DeputyId, TownId, DelegationId, Score,
                   CASE WHEN Score >= @good THEN 'Good' WHEN Score >= @fair THEN 'Fair' ELSE 'Poor' END AS Grade,
                   RANK() OVER (ORDER BY Score DESC) AS RankCounty,
                   RANK() OVER (PARTITION BY TownId ORDER BY Score DESC) AS RankTown,
                   CASE WHEN DelegationId IS NULL THEN NULL
                        ELSE RANK() OVER (PARTITION BY DelegationId ORDER BY Score DESC) END AS RankDelegation,
                   ExitAbsences, Breakdown
            FROM scored
            """;
    }

    /// <summary>The parameters of <see cref="AggregationSql"/> for a year's rules and term.</summary>
    public static IReadOnlyList<SqliteParameter> Parameters(RuleValues rules, int termId)
    {
        var list = new List<SqliteParameter>
        {
            new("@year", rules.Year), new("@termId", termId), new("@base", rules.BaseScore),
            new("@good", rules.GoodFrom), new("@fair", rules.FairFrom),
        };
        for (var i = 0; i < rules.Categories.Count; i++)
        {
            var c = rules.Categories[i];
            list.Add(new SqliteParameter($"@c{i}", c.Code));
            list.Add(new SqliteParameter($"@p{i}", c.Points));
            list.Add(new SqliteParameter($"@k{i}", (object?)c.Cap ?? DBNull.Value));
            list.Add(new SqliteParameter($"@e{i}", c.CountsForExit ? 1 : 0));
        }

        return list;
    }

    /// <summary>Replaces a year's snapshot by the aggregation, and marks the year current, in the caller's transaction.</summary>
    public static async Task RefreshSnapshotAsync(DeputyDbContext db, RuleValues rules, int termId, DateTime nowUtc, CancellationToken ct)
    {
        var sql = $"""
            DELETE FROM ScoreSnapshots WHERE Year = @year;
            INSERT INTO ScoreSnapshots ({SnapshotColumns})
            SELECT @year, @termId, DeputyId, TownId, DelegationId, Score, Grade, RankCounty, RankTown, RankDelegation, ExitAbsences, Breakdown
            FROM ({AggregationSql(rules.Categories.Count)});
            INSERT INTO ScoreYearStates (Year, IsStale, ComputedAtUtc) VALUES (@year, 0, @now)
            ON CONFLICT (Year) DO UPDATE SET IsStale = 0, ComputedAtUtc = excluded.ComputedAtUtc;
            """;
        var parameters = Parameters(rules, termId).Append(new SqliteParameter("@now", nowUtc)).ToArray<object>();
        await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
    }

    /// <summary>Marks years stale so the next read recomputes them; runs in the caller's transaction.</summary>
    public static async Task MarkStaleAsync(DeputyDbContext db, IEnumerable<int> years, CancellationToken ct)
    {
        foreach (var year in years.Distinct())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO ScoreYearStates (Year, IsStale) VALUES ({0}, 1) ON CONFLICT (Year) DO UPDATE SET IsStale = 1", [year], ct);
        }
    }

    /// <summary>The same mark through a raw command (the import writes with its own commands).</summary>
    public static async Task MarkStaleAsync(DbConnection connection, DbTransaction transaction, IEnumerable<int> years, CancellationToken ct)
    {
        foreach (var year in years.Distinct())
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = "INSERT INTO ScoreYearStates (Year, IsStale) VALUES ($year, 1) ON CONFLICT (Year) DO UPDATE SET IsStale = 1";
            cmd.Parameters.Add(new SqliteParameter("$year", year));
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>Reads and writes the "code=count=points;..." breakdown of a snapshot row.</summary>
public static class ScoreBreakdown
{
    public static IReadOnlyList<CategoryPoints> Parse(string? text, RuleValues rules)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var list = new List<CategoryPoints>();
        foreach (var part in text.Split(';'))
        {
            var fields = part.Split('=');
            if (fields.Length != 3) continue;
            var count = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var points = int.Parse(fields[2], CultureInfo.InvariantCulture);
            var raw = rules.Category(fields[0]) is { } r ? count * r.Points : points;
            list.Add(new CategoryPoints(fields[0], count, raw, points));
        }

        var order = rules.Categories.Select(c => c.Code).ToList();
        list.Sort((a, b) => order.IndexOf(a.Code).CompareTo(order.IndexOf(b.Code)));
        return list;
    }
}
