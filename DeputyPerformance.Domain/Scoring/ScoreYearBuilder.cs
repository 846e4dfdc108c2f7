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

    /// <summary>The phases of the last recomputation this process published (benchmarks print them).</summary>
    public RecomputePhases? LastPhases { get; private set; }

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

    /// <summary>
    /// Scores and ranks a year from its totals, in memory (what a recomputation writes). With a slot generation, each
    /// deputy's row of that slot comes in the same query, so the recomputation writes only what differs.
    /// </summary>
    internal static async Task<YearScores?> ComputeAsync(DeputyDbContext db, DbConnection connection, DbTransaction transaction, int year, CancellationToken ct,
        int slotGeneration = 0, RecomputePhases? phases = null)
    {
        var rules = await ScoringRuleService.EffectiveAsync(db, year, ct);
        if (await ScoringRuleService.TermForYearAsync(db, year, ct) is not { } termId) return null;
        phases?.Mark("rules");
        var dialect = SqlDialect.Of(connection);

        // One row per deputy of the term, integers only: his place, his points (SQLite sums his ~7 totals through a
        // CASE of literal integers: count x points, then the cap, as ScoreCalculator.PointsOf; a seek per deputy in the
        // covering index (Year, DeputyId, CategoryCode, Count), neither a rules table nor a GROUP BY sorter), and what the
        // target slot holds for him. Microsoft.Data.Sqlite's cost per row and column, not SQLite's, is most of a full
        // recomputation: one query of 50,000 rows instead of three (the deputies, the sums, the slot).
        var grades = Enum.GetValues<ScoreGrade>();
        var gradeCases = string.Concat(grades.Select(g => $"WHEN '{g}' THEN {(int)g} "));
        var deputies = new List<SlotLine>(1024);
        await using (var cmd = ScoreQueries.Command(connection, transaction, $"""
            SELECT d.Id, d.TownId, COALESCE(d.DelegationId, 0),
                   COALESCE((SELECT SUM(CASE t.CategoryCode {PointsCases(dialect, rules)}ELSE 0 END)
                             FROM DeputyYearTotals AS t WHERE t.Year = $year AND t.DeputyId = d.Id), 0),
                   CASE WHEN s.DeputyId IS NULL THEN 0
                        WHEN s.TermId = d.TermId AND s.TownId = d.TownId AND COALESCE(s.DelegationId, 0) = COALESCE(d.DelegationId, 0) THEN 1
                        ELSE 2 END,
                   COALESCE(s.Score, 0), COALESCE(s.RankCounty, 0), COALESCE(s.RankTown, 0), COALESCE(s.RankDelegation, 0),
                   CASE s.Grade {gradeCases}ELSE -1 END
            FROM Deputies AS d
            LEFT JOIN ScoreSnapshots AS s ON s.Year = $year AND s.Generation = $generation AND s.DeputyId = d.Id
            WHERE d.TermId = $term
            ORDER BY d.Id
            """))
        {
            SqlDialect.Add(cmd, "$year", year);
            SqlDialect.Add(cmd, "$term", termId);
            SqlDialect.Add(cmd, "$generation", slotGeneration);
            for (var i = 0; i < rules.Categories.Count; i++) SqlDialect.Add(cmd, $"$c{i}", rules.Categories[i].Code);
            // SQLite reads synchronously anyway: no task per row.
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (reader.Read())
            {
                deputies.Add(new SlotLine(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), (byte)reader.GetInt32(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9)));
            }
        }

        phases?.Mark("read");
        var result = new YearScores(rules, termId, deputies.Count);
        for (var i = 0; i < deputies.Count; i++)
        {
            var line = deputies[i];
            result.DeputyIds[i] = line.Id;
            result.TownIds[i] = line.Town;
            result.DelegationIds[i] = line.Delegation;
            result.Scores[i] = (int)(rules.BaseScore + line.Points);
        }

        result.Rank();
        result.Slot = deputies;
        phases?.Mark("rank");
        return result;
    }

    /// <summary>
    /// One deputy as the recomputation reads him: place and points, and his row of the target slot (State 0: none,
    /// 1: the same term, town and delegation, 2: another; Grade -1: none).
    /// </summary>
    internal readonly record struct SlotLine(int Id, int Town, int Delegation, long Points, byte State, int Score, int RankCounty, int RankTown,
        int RankDelegation, int Grade);

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
        var phases = new RecomputePhases();
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

        phases.Mark("claim");
        var generation = published == 1 ? 2 : 1;
        var publishedOk = false;
        try
        {
            // 2. Read and compute, on one consistent view of the file (WAL: writers go on meanwhile).
            YearScores? scores;
            List<int> gone;
            await using (var tx = await dialect.BeginReadAsync(connection, ct))
            {
                await db.Database.UseTransactionAsync(tx, ct);
                scores = await ComputeAsync(db, connection, tx, year, ct, generation, phases);
                gone = await GoneAsync(connection, tx, year, generation, scores?.TermId ?? 0, ct);
                await db.Database.UseTransactionAsync(null, ct);
                await tx.CommitAsync(ct);
            }

            var computed = watch.Elapsed;

            // 3. Write the other slot where it differs; rows of deputies no longer scored go, and so do generations of an older scheme.
            if (published > 2) await DeleteGenerationsAsync(connection, year, 3, published - 1, ct);
            await DeleteGenerationsAsync(connection, year, Math.Max(3, published + 1), int.MaxValue, ct);
            await WriteAsync(connection, year, generation, scores, gone, phases, ct);
            var written = watch.Elapsed;
            phases.Mark("write");

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

            phases.Mark("publish");
            LastPhases = phases;

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

    /// <summary>The deputies the slot still holds who are no longer scored (left the term); read with the year's view.</summary>
    private static async Task<List<int>> GoneAsync(DbConnection connection, DbTransaction tx, int year, int generation, int termId, CancellationToken ct)
    {
        var gone = new List<int>();
        await using var cmd = ScoreQueries.Command(connection, tx, """
            SELECT s.DeputyId FROM ScoreSnapshots AS s
            WHERE s.Year = $year AND s.Generation = $generation
              AND NOT EXISTS (SELECT 1 FROM Deputies AS d WHERE d.Id = s.DeputyId AND d.TermId = $term)
            """);
        SqlDialect.Add(cmd, "$year", year);
        SqlDialect.Add(cmd, "$generation", generation);
        SqlDialect.Add(cmd, "$term", termId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (reader.Read()) gone.Add(reader.GetInt32(0));
        return gone;
    }

    /// <summary>What a slot row needs: 1 its ranks or grade, 2 its score too, 3 its term, town or delegation too, 4 to be inserted.</summary>
    private enum SlotWrite : byte
    {
        Ranks = 1,
        Score = 2,
        Place = 3,
        Insert = 4,
    }

    /// <summary>
    /// Makes the slot hold exactly the computed year, writing only what differs: SQLite rewrites every index whose
    /// column a statement assigns, even to the same value, so a row whose score did not move is updated without
    /// its score (no index write at all: the ranks and grade are not indexed), a row whose score moved with its score
    /// only (one index entry), an unchanged row is not touched, and rows of deputies no longer scored are deleted.
    /// In transactions of <see cref="WriteChunk"/> rows; each kind of change in a chunk is one statement over a JSON
    /// array of the rows (the engine's per-statement cost, parameters bound by name each time, was most of a rule
    /// change's write when each row was a statement).
    /// </summary>
    private static async Task WriteAsync(DbConnection connection, int year, int generation, YearScores? scores, IReadOnlyList<int> gone,
        RecomputePhases phases, CancellationToken ct)
    {
        var writes = new List<(int Index, SlotWrite Kind)>();
        for (var i = 0; i < (scores?.Count ?? 0); i++)
        {
            var s = scores!;
            var old = s.Slot[i];
            var rankDelegation = s.DelegationIds[i] == 0 ? 0 : s.RankDelegation[i];
            var grade = (int)ScoreCalculator.GradeOf(s.Scores[i], s.Rules);
            if (old.State == 0) writes.Add((i, SlotWrite.Insert));
            else if (old.State == 2) writes.Add((i, SlotWrite.Place));
            else if (old.Score != s.Scores[i]) writes.Add((i, SlotWrite.Score));
            else if (old.RankCounty != s.RankCounty[i] || old.RankTown != s.RankTown[i] || old.RankDelegation != rankDelegation || old.Grade != grade)
            {
                writes.Add((i, SlotWrite.Ranks));
            }
        }

        phases.Mark("diff");
        var dialect = SqlDialect.Of(connection);
        var source = $"""
            WITH j AS MATERIALIZED (
                SELECT {dialect.JsonInt(0)} AS DeputyId, {dialect.JsonInt(1)} AS TownId, {dialect.JsonInt(2)} AS DelegationId, {dialect.JsonInt(3)} AS Score,
                       {dialect.JsonText(4)} AS Grade, {dialect.JsonInt(5)} AS RankCounty, {dialect.JsonInt(6)} AS RankTown, {dialect.JsonInt(7)} AS RankDelegation
                FROM {dialect.JsonRows("$rows")})
            """;
        const string where = "FROM j WHERE ScoreSnapshots.Year = $year AND ScoreSnapshots.Generation = $generation AND ScoreSnapshots.DeputyId = j.DeputyId";
        var statements = new Dictionary<SlotWrite, string>
        {
            [SlotWrite.Ranks] = $"{source} UPDATE ScoreSnapshots SET Grade = j.Grade, RankCounty = j.RankCounty, RankTown = j.RankTown, RankDelegation = j.RankDelegation {where}",
            [SlotWrite.Score] = $"{source} UPDATE ScoreSnapshots SET Score = j.Score, Grade = j.Grade, RankCounty = j.RankCounty, RankTown = j.RankTown, RankDelegation = j.RankDelegation {where}",
            [SlotWrite.Place] = $"""
                {source} UPDATE ScoreSnapshots SET TermId = $term, TownId = j.TownId, DelegationId = j.DelegationId, Score = j.Score, Grade = j.Grade,
                       RankCounty = j.RankCounty, RankTown = j.RankTown, RankDelegation = j.RankDelegation {where}
                """,
            [SlotWrite.Insert] = $"""
                {source} INSERT INTO ScoreSnapshots ({ScoreQueries.SnapshotColumns})
                SELECT $year, $generation, $term, j.DeputyId, j.TownId, j.DelegationId, j.Score, j.Grade, j.RankCounty, j.RankTown, j.RankDelegation FROM j
                """,
        };
        var commands = new Dictionary<SlotWrite, DbCommand>();
        try
        {
            foreach (var (kind, sql) in statements)
            {
                var cmd = ScoreQueries.Command(connection, null, sql);
                SqlDialect.Add(cmd, "$year", year);
                SqlDialect.Add(cmd, "$generation", generation);
                if (kind is SlotWrite.Place or SlotWrite.Insert) SqlDialect.Add(cmd, "$term", scores?.TermId ?? 0);
                SqlDialect.Add(cmd, "$rows", DbType.String);
                commands[kind] = cmd;
            }

            await using var delete = ScoreQueries.Command(connection, null, $"""
                DELETE FROM ScoreSnapshots WHERE Year = $year AND Generation = $generation
                  AND DeputyId IN (SELECT {dialect.JsonInt(0)} FROM {dialect.JsonRows("$rows")})
                """);
            SqlDialect.Add(delete, "$year", year);
            SqlDialect.Add(delete, "$generation", generation);
            SqlDialect.Add(delete, "$rows", DbType.String);

            // Kinds together, each in deputy order (the slot's key order): a chunk is one or two statements.
            writes.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Index.CompareTo(b.Index));
            var grades = Enum.GetValues<ScoreGrade>().ToDictionary(g => g, g => g.ToString());
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var json = new System.Text.StringBuilder(WriteChunk * 48);
            var total = writes.Count + gone.Count;
            for (var from = 0; from < total; from += WriteChunk)
            {
                await YieldToWritersAsync(ct);
                ct.ThrowIfCancellationRequested();
                // The rows of this chunk as (statement, JSON) pairs, built before the write lock is taken.
                var batches = new List<(DbCommand Command, string Rows)>();
                var to = Math.Min(total, from + WriteChunk);
                for (var k = from; k < to;)
                {
                    json.Clear().Append('[');
                    if (k >= writes.Count)
                    {
                        for (; k < to; k++) json.Append(json.Length > 1 ? ",[" : "[").Append(gone[k - writes.Count].ToString(inv)).Append(']');
                        batches.Add((delete, json.Append(']').ToString()));
                        continue;
                    }

                    var kind = writes[k].Kind;
                    for (; k < to && k < writes.Count && writes[k].Kind == kind; k++)
                    {
                        var s = scores!;
                        var i = writes[k].Index;
                        var delegation = s.DelegationIds[i];
                        json.Append(json.Length > 1 ? ",[" : "[").Append(inv, $"{s.DeputyIds[i]},{s.TownIds[i]},")
                            .Append(delegation == 0 ? "null" : delegation.ToString(inv))
                            .Append(inv, $",{s.Scores[i]},\"{grades[ScoreCalculator.GradeOf(s.Scores[i], s.Rules)]}\",{s.RankCounty[i]},{s.RankTown[i]},")
                            .Append(delegation == 0 ? "null" : s.RankDelegation[i].ToString(inv)).Append(']');
                    }

                    batches.Add((commands[kind], json.Append(']').ToString()));
                }

                await using var tx = await dialect.BeginWriteAsync(connection, SqlDialect.Locks.ScoreYear + year, ct);
                foreach (var (cmd, rows) in batches)
                {
                    cmd.Transaction = tx;
                    SqlDialect.Param(cmd, "$rows").Value = rows;
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            foreach (var cmd in commands.Values) await cmd.DisposeAsync();
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

/// <summary>
/// Wall and process CPU time of each phase of one recomputation (claim, read, rank, slot, diff, write, publish), for
/// the log line and the benchmarks: on a shared machine the CPU time says what the code costs, the wall time what the
/// machine gave it.
/// </summary>
public sealed class RecomputePhases
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _lastWall;
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan _firstCpu;

    public RecomputePhases() => _firstCpu = _lastCpu;

    public List<(string Phase, double WallMs, double CpuMs)> Phases { get; } = [];

    public double WallMs => _wall.Elapsed.TotalMilliseconds;

    public double CpuMs => (Process.GetCurrentProcess().TotalProcessorTime - _firstCpu).TotalMilliseconds;

    /// <summary>Ends the phase that ran since the last mark.</summary>
    public void Mark(string phase)
    {
        var wall = _wall.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Phases.Add((phase, (wall - _lastWall).TotalMilliseconds, (cpu - _lastCpu).TotalMilliseconds));
        _lastWall = wall;
        _lastCpu = cpu;
    }

    public override string ToString() => string.Join(", ", Phases.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{p.Phase} {p.WallMs:F0}/{p.CpuMs:F0}"))) + string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (ms wall/CPU; total {WallMs:F0}/{CpuMs:F0})");
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

    /// <summary>What the target slot held for each deputy when the year was read (same order as the arrays).</summary>
    public IReadOnlyList<ScoreYearBuilder.SlotLine> Slot { get; set; } = [];

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
