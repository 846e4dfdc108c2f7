using System.Collections.Concurrent;
using System.Diagnostics;
using DeputyPerformance.Domain.Persistence;
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Scoring;

/// <summary>
/// The full recomputation of a year (after a rule change, a bulk import, a roster change, or the rebuild verb),
/// one at a time per year in this process. It never holds the write lock for long:
/// 1. claim: a short write marks the year as being rebuilt (writers then list the deputies they change);
/// 2. read the year's totals (about 7 rows per deputy) in one read transaction and score and rank in memory;
/// 3. write the result into the year's other generation slot (1 or 2; readers still read the published one) in
///    short transactions of <see cref="WriteChunk"/> rows, only where the slot differs (a moved score rewrites one
///    index entry, a moved rank none, an unchanged row nothing);
/// 4. publish in one short transaction: rescore the deputies changed since the claim on the new generation, then
///    point the year at it. The old slot stays as the next recomputation's target.
/// </summary>
public sealed class ScoreYearBuilder(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock, ILogger<ScoreYearBuilder> logger)
{
    /// <summary>Rows per write transaction: a writer waits behind one chunk (a few milliseconds), never the whole year.</summary>
    public const int WriteChunk = 2_000;

    /// <summary>A claim older than this is taken over (a process that died while rebuilding).</summary>
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();
    private long _recomputations;

    /// <summary>How many recomputations this process has published (tests: readers after a log change cause none).</summary>
    public long Recomputations => Interlocked.Read(ref _recomputations);

    /// <summary>
    /// Recomputes the year unless it is current; callers that arrive while a recomputation runs wait for it and
    /// then find the year current, so concurrent readers cause one recomputation, not one each.
    /// </summary>
    public async Task EnsureCurrentAsync(int year, CancellationToken ct = default)
    {
        var gate = _gates.GetOrAdd(year, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (await IsCurrentAsync(db, year, ct) is not null) return;
            await RebuildCoreAsync(year, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Recomputes the year now, even when it is current (the rebuild verb, benchmarks).</summary>
    public async Task RebuildAsync(int year, CancellationToken ct = default)
    {
        var gate = _gates.GetOrAdd(year, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await RebuildCoreAsync(year, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The published generation when the year is current: computed, not stale, and no deputy record changed
    /// since (seen in the audit trail, so the roster feature need not know about scores). Null otherwise.
    /// </summary>
    internal static async Task<int?> IsCurrentAsync(DeputyDbContext db, int year, CancellationToken ct)
    {
        var state = await db.ScoreYearStates.AsNoTracking().Where(s => s.Year == year)
            .Select(s => new { s.IsStale, s.Generation, s.ComputedAtUtc }).FirstOrDefaultAsync(ct);
        if (state is not { IsStale: false, Generation: > 0, ComputedAtUtc: { } computed }) return null;
        var deputyChanged = await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Deputies.Deputy) && a.AtUtc > computed, ct);
        return deputyChanged ? null : state.Generation;
    }

    /// <summary>Scores and ranks a year from its totals, in memory (what a recomputation writes).</summary>
    internal static async Task<YearScores?> ComputeAsync(DeputyDbContext db, DbConnection connection, DbTransaction transaction, int year, CancellationToken ct)
    {
        var rules = await ScoringRuleService.EffectiveAsync(db, year, ct);
        if (await ScoringRuleService.TermForYearAsync(db, year, ct) is not { } termId) return null;
        var deputies = new List<(int Id, int Town, int Delegation)>(1024);
        await using (var cmd = ScoreQueries.Command(connection, transaction, "SELECT Id, TownId, DelegationId FROM Deputies WHERE TermId = $term ORDER BY Id"))
        {
            SqlDialect.Add(cmd, "$term", termId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) deputies.Add((reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? 0 : reader.GetInt32(2)));
        }

        var result = new YearScores(rules, termId, deputies.Count);
        var index = new Dictionary<int, int>(deputies.Count);
        for (var i = 0; i < deputies.Count; i++)
        {
            result.DeputyIds[i] = deputies[i].Id;
            result.TownIds[i] = deputies[i].Town;
            result.DelegationIds[i] = deputies[i].Delegation;
            index[deputies[i].Id] = i;
        }

        // SQLite sums each deputy's points over his totals (about 7 rows) in the index's deputy order: the rules are a
        // CASE of literal integers (count x points, then the cap, as ScoreCalculator.PointsOf), not a joined table and
        // not a loop, and 50,000 rows cross into .NET instead of 372,000 (the driver's cost per row is the larger part).
        var points = new long[deputies.Count];
        await using (var cmd = ScoreQueries.Command(connection, transaction, $"""
            SELECT DeputyId, SUM(CASE CategoryCode {PointsCases(SqlDialect.Of(connection), rules)}ELSE 0 END)
            FROM DeputyYearTotals WHERE Year = $year GROUP BY DeputyId
            """))
        {
            SqlDialect.Add(cmd, "$year", year);
            for (var i = 0; i < rules.Categories.Count; i++) SqlDialect.Add(cmd, $"$c{i}", rules.Categories[i].Code);
            // SQLite reads synchronously anyway: no task per row.
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (reader.Read())
            {
                if (!index.TryGetValue(reader.GetInt32(0), out var at)) continue;
                points[at] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }
        }

        for (var i = 0; i < deputies.Count; i++) result.Scores[i] = (int)(rules.BaseScore + points[i]);
        result.Rank();
        return result;
    }

    /// <summary>
    /// "WHEN $c0 THEN MIN(Count * 3, 12) WHEN $c1 THEN Count * 5 ..." for the rules' categories (codes as parameters,
    /// points and caps as integer literals).
    /// </summary>
    private static string PointsCases(SqlDialect dialect, RuleValues rules)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var cases = new System.Text.StringBuilder();
        for (var i = 0; i < rules.Categories.Count; i++)
        {
            var rule = rules.Categories[i];
            var raw = string.Create(inv, $"Count * {rule.Points}");
            var capped = rule.Cap is not { } cap ? raw
                : rule.Points >= 0 ? dialect.Least(raw, cap.ToString(inv)) : dialect.Greatest(raw, (-(long)cap).ToString(inv));
            cases.Append(inv, $"WHEN $c{i} THEN {capped} ");
        }

        return cases.ToString();
    }

    private async Task RebuildCoreAsync(int year, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var started = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var dialect = SqlDialect.Of(connection);
        var yearLock = SqlDialect.Locks.ScoreYear + year;

        // 1. Claim.
        int seenVersion, published;
        await using (var tx = await dialect.BeginWriteAsync(connection, yearLock, ct))
        {
            await using (var cmd = ScoreQueries.Command(connection, tx,
                             "INSERT INTO ScoreYearStates (Year, IsStale, Generation, StaleVersion, Deputies) VALUES ($year, TRUE, 0, 0, 0) ON CONFLICT DO NOTHING"))
            {
                SqlDialect.Add(cmd, "$year", year);
                await cmd.ExecuteNonQueryAsync(ct);
            }

            var claimed = await ClaimedAtAsync(connection, tx, year, ct);
            if (claimed is { } at && started - at < ClaimTimeout)
            {
                // Another process is recomputing the year; its result will be published.
                logger.LogInformation("Scores of {Year}: another process has been recomputing them since {At}", year, at);
                return;
            }

            var state = (await ScoreQueries.StateAsync(connection, tx, year, ct))!;
            seenVersion = state.StaleVersion;
            published = state.Generation;
            await using (var cmd = ScoreQueries.Command(connection, tx, """
                UPDATE ScoreYearStates SET RebuildStartedAtUtc = $now WHERE Year = $year;
                DELETE FROM ScoreChanges WHERE Year = $year;
                """))
            {
                SqlDialect.Add(cmd, "$year", year);
                SqlDialect.Add(cmd, "$now", started);
                await cmd.ExecuteNonQueryAsync(ct);
            }

            await tx.CommitAsync(ct);
        }

        var generation = published == 1 ? 2 : 1;
        var publishedOk = false;
        try
        {
            // 2. Read and compute, on one consistent view of the file (WAL: writers go on meanwhile).
            YearScores? scores;
            await using (var tx = await dialect.BeginReadAsync(connection, ct))
            {
                await db.Database.UseTransactionAsync(tx, ct);
                scores = await ComputeAsync(db, connection, tx, year, ct);
                await db.Database.UseTransactionAsync(null, ct);
                await tx.CommitAsync(ct);
            }

            var computed = watch.Elapsed;

            // 3. Write the other slot where it differs; rows of deputies no longer scored go, and so do generations of an older scheme.
            if (published > 2) await DeleteGenerationsAsync(connection, year, 3, published - 1, ct);
            await DeleteGenerationsAsync(connection, year, Math.Max(3, published + 1), int.MaxValue, ct);
            await WriteAsync(connection, year, generation, scores, ct);
            var written = watch.Elapsed;

            // 4. Publish.
            await using (var tx = await dialect.BeginWriteAsync(connection, yearLock, ct))
            {
                var state = (await ScoreQueries.StateAsync(connection, tx, year, ct))!;
                var rulesUnchanged = state.StaleVersion == seenVersion;
                if (rulesUnchanged && scores is not null)
                {
                    foreach (var deputyId in await ChangedDeputiesAsync(connection, tx, year, ct))
                    {
                        await ScoreQueries.RescoreAsync(connection, tx, year, generation, deputyId, scores.Rules, ct);
                    }
                }

                await using (var cmd = ScoreQueries.Command(connection, tx, """
                    UPDATE ScoreYearStates SET Generation = $generation, IsStale = $stale, ComputedAtUtc = $computed, RebuildStartedAtUtc = NULL,
                           Deputies = $deputies
                    WHERE Year = $year;
                    DELETE FROM ScoreChanges WHERE Year = $year;
                    """))
                {
                    SqlDialect.Add(cmd, "$year", year);
                    SqlDialect.Add(cmd, "$generation", generation);
                    // Rules saved (or a bulk import committed) while this ran: the year stays stale for the next recomputation.
                    SqlDialect.Add(cmd, "$stale", !rulesUnchanged);
                    SqlDialect.Add(cmd, "$computed", started);
                    SqlDialect.Add(cmd, "$deputies", scores?.Count ?? 0);
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                publishedOk = true;
                Interlocked.Increment(ref _recomputations);
            }

            // Generations of an older scheme (not 1 or 2) are no longer read.
            if (published > 2) await DeleteGenerationsAsync(connection, year, published, published, ct);
            logger.LogInformation("Scores of {Year} recomputed: {Deputies} deputies, read and ranked in {Compute} ms, written in {Write} ms, total {Total} ms",
                year, scores?.Count ?? 0, (int)computed.TotalMilliseconds, (int)(written - computed).TotalMilliseconds, (int)watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            if (!publishedOk)
            {
                await using var cmd = ScoreQueries.Command(connection, null, "UPDATE ScoreYearStates SET RebuildStartedAtUtc = NULL WHERE Year = $year");
                SqlDialect.Add(cmd, "$year", year);
                await cmd.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    private static async Task<DateTime?> ClaimedAtAsync(DbConnection connection, DbTransaction tx, int year, CancellationToken ct)
    {
        await using var cmd = ScoreQueries.Command(connection, tx, "SELECT RebuildStartedAtUtc FROM ScoreYearStates WHERE Year = $year");
        SqlDialect.Add(cmd, "$year", year);
        return SqlDialect.ReadUtc(await cmd.ExecuteScalarAsync(ct));
    }

    private static async Task<List<int>> ChangedDeputiesAsync(DbConnection connection, DbTransaction tx, int year, CancellationToken ct)
    {
        var list = new List<int>();
        await using var cmd = ScoreQueries.Command(connection, tx, "SELECT DeputyId FROM ScoreChanges WHERE Year = $year");
        SqlDialect.Add(cmd, "$year", year);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(reader.GetInt32(0));
        return list;
    }

    /// <summary>What a slot row holds; compared with the computed values so only differences are written.</summary>
    private readonly record struct SlotRow(int TermId, int TownId, int DelegationId, int Score, string Grade, int RankCounty, int RankTown, int RankDelegation);

    /// <summary>
    /// Makes the slot hold exactly the computed year, writing only what differs: SQLite rewrites every index whose
    /// column a statement assigns, even to the same value, so a row whose score did not move is updated without
    /// its score (no index write at all: the ranks and grade are not indexed), an unchanged row is not
    /// touched, and rows of deputies no longer scored are deleted. In transactions of <see cref="WriteChunk"/> rows.
    /// </summary>
    private static async Task WriteAsync(DbConnection connection, int year, int generation, YearScores? scores, CancellationToken ct)
    {
        var slot = new Dictionary<int, SlotRow>(scores?.Count ?? 0);
        await using (var read = ScoreQueries.Command(connection, null, """
            SELECT DeputyId, TermId, TownId, DelegationId, Score, Grade, RankCounty, RankTown, RankDelegation
            FROM ScoreSnapshots WHERE Year = $year AND Generation = $generation
            """))
        {
            SqlDialect.Add(read, "$year", year);
            SqlDialect.Add(read, "$generation", generation);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (reader.Read())
            {
                slot[reader.GetInt32(0)] = new SlotRow(reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? 0 : reader.GetInt32(3), reader.GetInt32(4),
                    reader.GetString(5), reader.GetInt32(6), reader.GetInt32(7), reader.IsDBNull(8) ? 0 : reader.GetInt32(8));
            }
        }

        // 0: unchanged, 1: ranks or grade only, 2: score, town, delegation or term too, 3: a new row.
        var grades = Enum.GetValues<ScoreGrade>().ToDictionary(g => g, g => g.ToString());
        var writes = new List<(int Index, byte Kind)>();
        var scored = new HashSet<int>(scores?.Count ?? 0);
        for (var i = 0; i < (scores?.Count ?? 0); i++)
        {
            var deputyId = scores!.DeputyIds[i];
            scored.Add(deputyId);
            var rankDelegation = scores.DelegationIds[i] == 0 ? 0 : scores.RankDelegation[i];
            var grade = grades[ScoreCalculator.GradeOf(scores.Scores[i], scores.Rules)];
            if (!slot.TryGetValue(deputyId, out var old))
            {
                writes.Add((i, 3));
            }
            else if (old.Score != scores.Scores[i] || old.TownId != scores.TownIds[i] || old.DelegationId != scores.DelegationIds[i] || old.TermId != scores.TermId)
            {
                writes.Add((i, 2));
            }
            else if (old.RankCounty != scores.RankCounty[i] || old.RankTown != scores.RankTown[i] || old.RankDelegation != rankDelegation
                     || !string.Equals(old.Grade, grade, StringComparison.Ordinal))
            {
                writes.Add((i, 1));
            }
        }

        var gone = slot.Keys.Where(id => !scored.Contains(id)).ToList();
        await using var insert = ScoreQueries.Command(connection, null, $"""
            INSERT INTO ScoreSnapshots ({ScoreQueries.SnapshotColumns})
            VALUES ($year, $generation, $term, $deputy, $town, $delegation, $score, $grade, $rankCounty, $rankTown, $rankDelegation)
            """);
        await using var full = ScoreQueries.Command(connection, null, """
            UPDATE ScoreSnapshots SET TermId = $term, TownId = $town, DelegationId = $delegation, Score = $score, Grade = $grade,
                   RankCounty = $rankCounty, RankTown = $rankTown, RankDelegation = $rankDelegation
            WHERE Year = $year AND Generation = $generation AND DeputyId = $deputy
            """);
        await using var ranks = ScoreQueries.Command(connection, null, """
            UPDATE ScoreSnapshots SET Grade = $grade, RankCounty = $rankCounty, RankTown = $rankTown, RankDelegation = $rankDelegation
            WHERE Year = $year AND Generation = $generation AND DeputyId = $deputy
            """);
        await using var delete = ScoreQueries.Command(connection, null, "DELETE FROM ScoreSnapshots WHERE Year = $year AND Generation = $generation AND DeputyId = $deputy");
        var commands = new[] { ranks, full, insert };
        foreach (var cmd in commands)
        {
            SqlDialect.Add(cmd, "$year", year);
            SqlDialect.Add(cmd, "$generation", generation);
            SqlDialect.Add(cmd, "$deputy", DbType.Int32);
            SqlDialect.Add(cmd, "$grade", DbType.String);
            SqlDialect.Add(cmd, "$rankCounty", DbType.Int32);
            SqlDialect.Add(cmd, "$rankTown", DbType.Int32);
            SqlDialect.Add(cmd, "$rankDelegation", DbType.Int32);
            if (cmd == ranks) continue;
            SqlDialect.Add(cmd, "$term", scores?.TermId ?? 0);
            SqlDialect.Add(cmd, "$town", DbType.Int32);
            SqlDialect.Add(cmd, "$delegation", DbType.Int32);
            SqlDialect.Add(cmd, "$score", DbType.Int32);
        }

        SqlDialect.Add(delete, "$year", year);
        SqlDialect.Add(delete, "$generation", generation);
        var pGone = SqlDialect.Add(delete, "$deputy", DbType.Int32);

        var total = writes.Count + gone.Count;
        for (var from = 0; from < total; from += WriteChunk)
        {
            await YieldToWritersAsync(ct);
            ct.ThrowIfCancellationRequested();
            await using var tx = await SqlDialect.Of(connection).BeginWriteAsync(connection, SqlDialect.Locks.ScoreYear + year, ct);
            foreach (var cmd in commands) cmd.Transaction = tx;
            delete.Transaction = tx;
            for (var k = from; k < Math.Min(total, from + WriteChunk); k++)
            {
                if (k >= writes.Count)
                {
                    pGone.Value = gone[k - writes.Count];
                    delete.ExecuteNonQuery();
                    continue;
                }

                var (i, kind) = writes[k];
                var cmd = commands[kind - 1];
                var s = scores!;
                SqlDialect.Param(cmd, "$deputy").Value = s.DeputyIds[i];
                SqlDialect.Param(cmd, "$grade").Value = grades[ScoreCalculator.GradeOf(s.Scores[i], s.Rules)];
                SqlDialect.Param(cmd, "$rankCounty").Value = s.RankCounty[i];
                SqlDialect.Param(cmd, "$rankTown").Value = s.RankTown[i];
                SqlDialect.Param(cmd, "$rankDelegation").Value = s.DelegationIds[i] == 0 ? DBNull.Value : s.RankDelegation[i];
                if (kind >= 2)
                {
                    SqlDialect.Param(cmd, "$town").Value = s.TownIds[i];
                    SqlDialect.Param(cmd, "$delegation").Value = s.DelegationIds[i] == 0 ? DBNull.Value : s.DelegationIds[i];
                    SqlDialect.Param(cmd, "$score").Value = s.Scores[i];
                }

                cmd.ExecuteNonQuery();
            }

            await tx.CommitAsync(ct);
        }
    }

    /// <summary>
    /// SQLite has no queue for its write lock: a writer waiting in its busy handler only gets it if the lock is free
    /// when it looks again. A pause between chunks lets the clerks' saves in.
    /// </summary>
    private static Task YieldToWritersAsync(CancellationToken ct) => Task.Delay(ChunkPause, ct);

    private static readonly TimeSpan ChunkPause = TimeSpan.FromMilliseconds(3);

    /// <summary>Deletes a year's rows of generations from..to, a chunk per transaction.</summary>
    private static async Task DeleteGenerationsAsync(DbConnection connection, int year, int from, int to, CancellationToken ct)
    {
        if (to < from) return;
        var dialect = SqlDialect.Of(connection);
        await using var delete = ScoreQueries.Command(connection, null, $"""
            DELETE FROM ScoreSnapshots WHERE {dialect.RowId} IN (
                SELECT {dialect.RowId} FROM ScoreSnapshots WHERE Year = $year AND Generation BETWEEN $from AND $to LIMIT $chunk)
            """);
        SqlDialect.Add(delete, "$year", year);
        SqlDialect.Add(delete, "$from", from);
        SqlDialect.Add(delete, "$to", to);
        SqlDialect.Add(delete, "$chunk", WriteChunk);
        while (true)
        {
            await YieldToWritersAsync(ct);
            await using var tx = await dialect.BeginWriteAsync(connection, SqlDialect.Locks.ScoreYear + year, ct);
            delete.Transaction = tx;
            var deleted = await delete.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            if (deleted < WriteChunk) return;
        }
    }
}

/// <summary>A year scored and ranked in memory: parallel arrays, one entry per deputy of the term (0 = no delegation).</summary>
internal sealed class YearScores(RuleValues rules, int termId, int count)
{
    public RuleValues Rules { get; } = rules;
    public int TermId { get; } = termId;
    public int Count { get; } = count;
    public int[] DeputyIds { get; } = new int[count];
    public int[] TownIds { get; } = new int[count];
    public int[] DelegationIds { get; } = new int[count];
    public int[] Scores { get; } = new int[count];
    public int[] RankCounty { get; } = new int[count];
    public int[] RankTown { get; } = new int[count];
    public int[] RankDelegation { get; } = new int[count];

    /// <summary>Competition ranks (1, 2, 2, 4) in the county, each town and each delegation: one sort each.</summary>
    public void Rank()
    {
        RankWithin(_ => 0, RankCounty);
        RankWithin(i => TownIds[i], RankTown);
        RankWithin(i => DelegationIds[i], RankDelegation);
    }

    private void RankWithin(Func<int, int> group, int[] ranks)
    {
        // Key: group ascending, then score descending (int.MaxValue - score is in [0, 2^32) for any int score).
        var keys = new long[Count];
        var order = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            keys[i] = ((long)group(i) << 32) | ((long)int.MaxValue - Scores[i]);
            order[i] = i;
        }

        Array.Sort(keys, order);
        var position = 0;
        for (var k = 0; k < Count; k++)
        {
            var i = order[k];
            var newGroup = k == 0 || group(order[k - 1]) != group(i);
            position = newGroup ? 1 : position + 1;
            ranks[i] = !newGroup && Scores[order[k - 1]] == Scores[i] ? ranks[order[k - 1]] : position;
        }
    }
}
