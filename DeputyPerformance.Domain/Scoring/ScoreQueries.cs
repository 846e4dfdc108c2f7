using System.Data.Common;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;

namespace DeputyPerformance.Domain.Scoring;

/// <summary>
/// Changes to approved counts that one write makes: (year, deputy, category) to a signed count. A write collects
/// them while it changes logs and hands them to <see cref="ScoreQueries.ApplyAsync(DeputyDbContext, ScoreTotalsDelta, CancellationToken)"/>
/// in its own transaction.
/// </summary>
public sealed class ScoreTotalsDelta
{
    private readonly Dictionary<(int Year, int DeputyId, string Code), int> _counts = [];

    public void Add(int deputyId, int year, string categoryCode, int count)
    {
        if (count == 0) return;
        var key = (year, deputyId, categoryCode);
        _counts[key] = _counts.GetValueOrDefault(key) + count;
    }

    /// <summary>An approved log now counts (recorded by a clerk, approved, imported, or the new side of a correction).</summary>
    public void Counts(DutyLog log) => Add(log.DeputyId, log.Year, log.CategoryCode, log.Count);

    /// <summary>An approved log no longer counts (deleted, or the old side of a correction).</summary>
    public void Withdraws(int deputyId, int year, string categoryCode, int count) => Add(deputyId, year, categoryCode, -count);

    public bool IsEmpty => _counts.Values.All(c => c == 0);

    /// <summary>The deputies whose approved counts this write changed.</summary>
    public IReadOnlyCollection<int> DeputyIds => _counts.Where(c => c.Value != 0).Select(c => c.Key.DeputyId).Distinct().ToList();

    /// <summary>The non-zero changes in key order (year, deputy, category): the totals' B-tree is written page by page.</summary>
    internal IEnumerable<(int Year, int DeputyId, string Code, int Count)> Entries =>
        _counts.Where(c => c.Value != 0).OrderBy(c => c.Key.Year).ThenBy(c => c.Key.DeputyId).ThenBy(c => c.Key.Code, StringComparer.Ordinal)
            .Select(c => (c.Key.Year, c.Key.DeputyId, c.Key.Code, c.Value));
}

/// <summary>
/// RAW SQL of the scoring (written in SQLite's spelling, translated for PostgreSQL by <see cref="SqlDialect"/>), in this one file: the yearly totals per deputy and category, the
/// incremental rescoring of one deputy with the rank moves it causes, and the stale marks. The full
/// recomputation (read the totals, score and rank in memory, write a generation) is <see cref="ScoreYearBuilder"/>.
/// The C# rules are <see cref="ScoreCalculator"/>; tests check the stored scores against it.
/// </summary>
public static class ScoreQueries
{
    /// <summary>
    /// A write that touches more deputies of a year than this marks the year stale (one recomputation, ~0.3 s at
    /// 50,000 deputies) instead of rescoring each of them (~0.1-1 ms each).
    /// </summary>
    public const int IncrementalLimit = 500;

    public const string SnapshotColumns =
        "Year, Generation, TermId, DeputyId, TownId, DelegationId, Score, Grade, RankCounty, RankTown, RankDelegation";

    /// <summary>
    /// Adds the changes to the totals and keeps the years' published scores exact, in the caller's (EF) transaction:
    /// each changed deputy is rescored and the deputies his score passed move one rank; a year whose scores are
    /// stale only gets its totals (its next recomputation reads them); a write that changes more than
    /// <see cref="IncrementalLimit"/> deputies of a year marks it stale. While a recomputation of the year runs, the
    /// changed deputies are listed for it.
    /// </summary>
    public static async Task ApplyAsync(DeputyDbContext db, ScoreTotalsDelta delta, CancellationToken ct)
    {
        if (delta.IsEmpty) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Totals change only inside the write's transaction.");
        await ApplyAsync(db.Database.GetDbConnection(), transaction, delta,
            year => ScoringRuleService.EffectiveAsync(db, year, ct), ct);
    }

    /// <summary>The same through a raw connection and transaction (the import writes with its own commands).</summary>
    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, ScoreTotalsDelta delta,
        Func<int, Task<RuleValues>> rulesOf, CancellationToken ct)
    {
        var entries = delta.Entries.ToList();
        if (entries.Count == 0) return;
        // PostgreSQL: the writers of a year's scores one after another, as SQLite's one writer does (the rank moves
        // read and write the whole board of the year). Years in order: no two writers wait for each other in a cycle.
        var dialect = SqlDialect.Of(connection);
        foreach (var year in entries.Select(e => e.Year).Distinct().Order())
        {
            await dialect.LockAsync(connection, transaction, SqlDialect.Locks.ScoreYear + year, ct);
        }

        if (connection is Npgsql.NpgsqlConnection pg && entries.Count >= BulkTotalsFrom)
        {
            await BulkUpsertAsync(pg, (Npgsql.NpgsqlTransaction)transaction, entries, ct);
        }
        else
        {
            await using (var upsert = Command(connection, transaction, """
                INSERT INTO DeputyYearTotals (Year, DeputyId, CategoryCode, Count) VALUES ($year, $deputy, $code, $count)
                ON CONFLICT (Year, DeputyId, CategoryCode) DO UPDATE SET Count = DeputyYearTotals.Count + excluded.Count
                """))
            await using (var prune = Command(connection, transaction,
                "DELETE FROM DeputyYearTotals WHERE Year = $year AND DeputyId = $deputy AND CategoryCode = $code AND Count <= 0"))
            {
                var pYear = SqlDialect.Add(upsert, "$year", DbType.Int32);
                var pDeputy = SqlDialect.Add(upsert, "$deputy", DbType.Int32);
                var pCode = SqlDialect.Add(upsert, "$code", DbType.String);
                var pCount = SqlDialect.Add(upsert, "$count", DbType.Int32);
                var qYear = SqlDialect.Add(prune, "$year", DbType.Int32);
                var qDeputy = SqlDialect.Add(prune, "$deputy", DbType.Int32);
                var qCode = SqlDialect.Add(prune, "$code", DbType.String);
                foreach (var (year, deputyId, code, count) in entries)
                {
                    pYear.Value = year;
                    pDeputy.Value = deputyId;
                    pCode.Value = code;
                    pCount.Value = count;
                    await upsert.ExecuteNonQueryAsync(ct);
                    if (count < 0)
                    {
                        qYear.Value = year;
                        qDeputy.Value = deputyId;
                        qCode.Value = code;
                        await prune.ExecuteNonQueryAsync(ct);
                    }
                }
            }
        }

        foreach (var year in entries.GroupBy(e => e.Year))
        {
            var deputies = year.Select(e => e.DeputyId).Distinct().ToList();
            var state = await StateAsync(connection, transaction, year.Key, ct);
            if (deputies.Count > IncrementalLimit)
            {
                await MarkStaleAsync(connection, transaction, [year.Key], ct);
                continue;
            }

            if (state is { Rebuilding: true })
            {
                await using var change = Command(connection, transaction, "INSERT INTO ScoreChanges (Year, DeputyId) VALUES ($year, $deputy) ON CONFLICT DO NOTHING");
                var pYear = SqlDialect.Add(change, "$year", DbType.Int32);
                var pDeputy = SqlDialect.Add(change, "$deputy", DbType.Int32);
                foreach (var deputyId in deputies)
                {
                    pYear.Value = year.Key;
                    pDeputy.Value = deputyId;
                    await change.ExecuteNonQueryAsync(ct);
                }
            }

            if (state is not { IsStale: false, Generation: > 0 }) continue;
            var rules = await rulesOf(year.Key);
            foreach (var deputyId in deputies)
            {
                await RescoreAsync(connection, transaction, year.Key, state.Generation, deputyId, rules, ct);
            }
        }
    }

    /// <summary>PostgreSQL: from this many changed totals (an import) they go in by one COPY and one statement, not a round trip each.</summary>
    internal const int BulkTotalsFrom = 1_000;

    /// <summary>
    /// The changes copied in binary into a temp table, added to the totals by one INSERT ... ON CONFLICT DO UPDATE in key
    /// order, and the totals they brought to zero or below deleted: what the row-by-row path does, in three statements.
    /// </summary>
    private static async Task BulkUpsertAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction,
        List<(int Year, int DeputyId, string Code, int Count)> entries, CancellationToken ct)
    {
        await using (var create = new Npgsql.NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS dp_totals_delta (year integer, deputy_id integer, code text, count integer) ON COMMIT DROP; TRUNCATE dp_totals_delta",
            connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY dp_totals_delta (year, deputy_id, code, count) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (year, deputyId, code, count) in entries)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(year, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(deputyId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(code, NpgsqlTypes.NpgsqlDbType.Text, ct);
                await copy.WriteAsync(count, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using var apply = new Npgsql.NpgsqlCommand("""
            INSERT INTO "DeputyYearTotals" ("Year", "DeputyId", "CategoryCode", "Count")
            SELECT year, deputy_id, code, count FROM dp_totals_delta ORDER BY year, deputy_id, code
            ON CONFLICT ("Year", "DeputyId", "CategoryCode") DO UPDATE SET "Count" = "DeputyYearTotals"."Count" + excluded."Count";
            DELETE FROM "DeputyYearTotals" t USING dp_totals_delta d
            WHERE d.count < 0 AND t."Year" = d.year AND t."DeputyId" = d.deputy_id AND t."CategoryCode" = d.code AND t."Count" <= 0;
            TRUNCATE dp_totals_delta;
            """, connection, transaction);
        await apply.ExecuteNonQueryAsync(ct);
    }

    /// <summary>What a year's state says, read inside the caller's transaction (null: never computed).</summary>
    internal sealed record YearState(bool IsStale, int Generation, int StaleVersion, bool Rebuilding);

    internal static async Task<YearState?> StateAsync(DbConnection connection, DbTransaction? transaction, int year, CancellationToken ct)
    {
        await using var cmd = Command(connection, transaction,
            "SELECT IsStale, Generation, StaleVersion, RebuildStartedAtUtc IS NOT NULL FROM ScoreYearStates WHERE Year = $year");
        SqlDialect.Add(cmd, "$year", year);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new YearState(reader.GetBoolean(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetBoolean(3))
            : null;
    }

    /// <summary>
    /// Rescores one deputy of a published generation from his totals and keeps every rank exact. Ranks are
    /// "1 + the number of higher scores" (ties share: 1, 2, 2, 4), so when his score goes from a to b only the
    /// deputies with a score between them move: one place down for those he passes (a &lt;= s &lt; b, going up),
    /// one place up for those who pass him (b &lt;= s &lt; a, going down), in the county, his town and his
    /// delegation; his own ranks move by the number of scores he passed. One index range of (Year, Generation,
    /// Score), a few hundred rows at most at province scale.
    /// </summary>
    internal static async Task RescoreAsync(DbConnection connection, DbTransaction transaction, int year, int generation, int deputyId,
        RuleValues rules, CancellationToken ct)
    {
        var counts = new List<CategoryCount>();
        await using (var read = Command(connection, transaction, "SELECT CategoryCode, Count FROM DeputyYearTotals WHERE Year = $year AND DeputyId = $deputy"))
        {
            SqlDialect.Add(read, "$year", year);
            SqlDialect.Add(read, "$deputy", deputyId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) counts.Add(new CategoryCount(reader.GetString(0), reader.GetInt32(1)));
        }

        var (score, _) = ScoreCalculator.ScoreOf(counts, rules);
        int oldScore, townId, rankCounty, rankTown;
        int? delegationId, rankDelegation;
        await using (var read = Command(connection, transaction, """
            SELECT Score, TownId, DelegationId, RankCounty, RankTown, RankDelegation FROM ScoreSnapshots
            WHERE Year = $year AND Generation = $generation AND DeputyId = $deputy
            """))
        {
            SqlDialect.Add(read, "$year", year);
            SqlDialect.Add(read, "$generation", generation);
            SqlDialect.Add(read, "$deputy", deputyId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            // A deputy the year does not score (another term's): his totals are kept, there is no board line to move.
            if (!await reader.ReadAsync(ct)) return;
            oldScore = reader.GetInt32(0);
            townId = reader.GetInt32(1);
            delegationId = reader.IsDBNull(2) ? null : reader.GetInt32(2);
            rankCounty = reader.GetInt32(3);
            rankTown = reader.GetInt32(4);
            rankDelegation = reader.IsDBNull(5) ? null : reader.GetInt32(5);
        }

        if (score != oldScore)
        {
            var up = score > oldScore;
            // The scores he passes: (a, b] going up, (b, a] going down; ties with his new score do not move him.
            await using (var passed = Command(connection, transaction, """
                SELECT COUNT(*), SUM(CASE WHEN TownId = $town THEN 1 ELSE 0 END), SUM(CASE WHEN DelegationId = $delegation THEN 1 ELSE 0 END) FROM ScoreSnapshots
                WHERE Year = $year AND Generation = $generation AND Score > $low AND Score <= $high AND DeputyId <> $deputy
                """))
            {
                Bind(passed, year, generation, deputyId, townId, delegationId, Math.Min(score, oldScore), Math.Max(score, oldScore));
                await using var reader = await passed.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                var sign = up ? -1 : 1;
                rankCounty += sign * (int)reader.GetInt64(0);
                rankTown += sign * (reader.IsDBNull(1) ? 0 : (int)reader.GetInt64(1));
                if (rankDelegation is not null) rankDelegation += sign * (reader.IsDBNull(2) ? 0 : (int)reader.GetInt64(2));
            }

            // The others whose count of higher scores changes: [a, b) going up (+1), [b, a) going down (-1).
            await using (var move = Command(connection, transaction, """
                UPDATE ScoreSnapshots
                SET RankCounty = RankCounty + $step,
                    RankTown = RankTown + CASE WHEN TownId = $town THEN $step ELSE 0 END,
                    RankDelegation = CASE WHEN DelegationId = $delegation THEN RankDelegation + $step ELSE RankDelegation END
                WHERE Year = $year AND Generation = $generation AND Score >= $low AND Score < $high AND DeputyId <> $deputy
                """))
            {
                Bind(move, year, generation, deputyId, townId, delegationId, Math.Min(score, oldScore), Math.Max(score, oldScore));
                SqlDialect.Add(move, "$step", up ? 1 : -1);
                await move.ExecuteNonQueryAsync(ct);
            }
        }

        await using var write = Command(connection, transaction, """
            UPDATE ScoreSnapshots SET Score = $score, Grade = $grade,
                   RankCounty = $rankCounty, RankTown = $rankTown, RankDelegation = $rankDelegation
            WHERE Year = $year AND Generation = $generation AND DeputyId = $deputy
            """);
        SqlDialect.Add(write, "$score", score);
        SqlDialect.Add(write, "$grade", ScoreCalculator.GradeOf(score, rules).ToString());
        SqlDialect.Add(write, "$rankCounty", rankCounty);
        SqlDialect.Add(write, "$rankTown", rankTown);
        SqlDialect.Add(write, "$rankDelegation", (object?)rankDelegation ?? DBNull.Value);
        SqlDialect.Add(write, "$year", year);
        SqlDialect.Add(write, "$generation", generation);
        SqlDialect.Add(write, "$deputy", deputyId);
        await write.ExecuteNonQueryAsync(ct);
    }

    private static void Bind(DbCommand cmd, int year, int generation, int deputyId, int townId, int? delegationId, int low, int high)
    {
        SqlDialect.Add(cmd, "$year", year);
        SqlDialect.Add(cmd, "$generation", generation);
        SqlDialect.Add(cmd, "$deputy", deputyId);
        SqlDialect.Add(cmd, "$town", townId);
        SqlDialect.Add(cmd, "$delegation", (object?)delegationId ?? DBNull.Value);
        SqlDialect.Add(cmd, "$low", low);
        SqlDialect.Add(cmd, "$high", high);
    }

    /// <summary>
    /// Recomputes the totals of the given years (all years when null) from the approved logs, and marks the years
    /// stale: for data written around the services (the scale generator, a migration, test data, the rebuild verb).
    /// </summary>
    public static async Task RebuildTotalsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int>? years, CancellationToken ct)
    {
        var filter = years is null ? "" : $"AND Year IN ({string.Join(",", years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        var yearFilter = filter.Replace("AND ", "WHERE ", StringComparison.Ordinal);
        await using var cmd = Command(connection, transaction, $"""
            DELETE FROM DeputyYearTotals {yearFilter};
            INSERT INTO DeputyYearTotals (Year, DeputyId, CategoryCode, Count)
            SELECT Year, DeputyId, CategoryCode, SUM(Count) FROM DutyLogs
            WHERE Status = 'Approved' {filter}
            GROUP BY Year, DeputyId, CategoryCode;
            INSERT INTO ScoreYearStates (Year, IsStale, Generation, StaleVersion, Deputies)
            SELECT DISTINCT Year, TRUE, 0, 0, 0 FROM DeputyYearTotals {(yearFilter.Length == 0 ? "WHERE TRUE" : yearFilter)} ON CONFLICT DO NOTHING;
            UPDATE ScoreYearStates SET IsStale = TRUE, StaleVersion = StaleVersion + 1 {yearFilter};
            """);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Marks years stale so the next read recomputes them; runs in the caller's transaction.</summary>
    public static async Task MarkStaleAsync(DeputyDbContext db, IEnumerable<int> years, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await db.Database.OpenConnectionAsync(ct);
        await MarkStaleAsync(db.Database.GetDbConnection(), transaction, years, ct);
    }

    /// <summary>The same mark through a raw connection.</summary>
    public static async Task MarkStaleAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<int> years, CancellationToken ct)
    {
        foreach (var year in years.Distinct())
        {
            await using var cmd = Command(connection, transaction, """
                INSERT INTO ScoreYearStates (Year, IsStale, Generation, StaleVersion, Deputies) VALUES ($year, TRUE, 0, 1, 0)
                ON CONFLICT (Year) DO UPDATE SET IsStale = TRUE, StaleVersion = ScoreYearStates.StaleVersion + 1
                """);
            SqlDialect.Add(cmd, "$year", year);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        SqlDialect.Of(connection).Command(connection, transaction, sql);
}
