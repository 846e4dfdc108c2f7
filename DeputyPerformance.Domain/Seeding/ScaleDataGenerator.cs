using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using Microsoft.Data.Sqlite;

namespace DeputyPerformance.Domain.Seeding;

/// <summary>Size of a generated data set. Towns: 1 per 75 deputies, between 1 and 100.</summary>
public sealed record ScaleDataOptions(int Deputies = 50_000, int Logs = 10_000_000, int Seed = 2016)
{
    public const int FirstYear = 2016;
    public const int Years = 5;
    public const string TermName = "2016-2021";

    public int Towns => Math.Clamp(Deputies / 75, 1, 100);
}

public sealed record ScaleDataSummary(int Towns, int Deputies, int Logs, TimeSpan Elapsed);

/// <summary>
/// Fills an empty, migrated database with a synthetic county for performance work: one term (2016-2021), towns,
/// delegations, deputies and duty logs spread over 2016-2020 in date order. Deterministic: the same options give
/// the same rows, on either engine. Fast: on SQLite raw prepared inserts in one transaction, the log indexes dropped
/// during the load and rebuilt after it, journal and syncs off while it runs (a crash leaves a file to throw away,
/// nothing else); on PostgreSQL binary COPY (<see cref="ScaleDataPostgreSql"/>). The yearly totals are then summed
/// by the app's own repair path (<see cref="Scoring.ScoreQueries.RebuildTotalsAsync"/>) and every year marked stale,
/// so the first read scores it through the app's code.
/// </summary>
public static class ScaleDataGenerator
{
    private static readonly (string Code, int Weight, int MaxCount)[] Mix =
    [
        (DutyCategory.CongressSession, 50, 1), (DutyCategory.CongressLeaveHalfDay, 20, 2), (DutyCategory.CongressAbsence, 5, 1),
        (DutyCategory.CommitteeAttendance, 80, 1), (DutyCategory.Inspection, 250, 1), (DutyCategory.Reception, 230, 1),
        (DutyCategory.Suggestion, 150, 2), (DutyCategory.ReportAuthor, 10, 1), (DutyCategory.TrainingDay, 170, 3),
        (DutyCategory.ConstituentReport, 20, 1), (DutyCategory.RecessAbsence, 15, 1),
    ];

    /// <summary>
    /// Generates into the database of <paramref name="connectionString"/> on <paramref name="provider"/> (when not
    /// given: SQLite when the string parses as SQLite's, else PostgreSQL). Both engines get the same rows from the
    /// same options: the rows are drawn once, in one order, by <see cref="DrawDeputies"/> and <see cref="DrawLogs"/>.
    /// </summary>
    public static async Task<ScaleDataSummary> GenerateAsync(string connectionString, ScaleDataOptions options, IProgress<string>? progress = null,
        CancellationToken ct = default, DatabaseProvider? provider = null)
    {
        if (options.Deputies < 1 || options.Logs < 0) throw new ArgumentOutOfRangeException(nameof(options));
        var engine = provider ?? (IsSqlite(connectionString) ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL);
        var watch = Stopwatch.StartNew();
        if (engine == DatabaseProvider.PostgreSQL)
        {
            await ScaleDataPostgreSql.GenerateAsync(connectionString, options, progress, ct);
        }
        else
        {
            await GenerateSqliteAsync(connectionString, options, progress, ct);
        }

        return new ScaleDataSummary(options.Towns, options.Deputies, options.Logs, watch.Elapsed);
    }

    private static bool IsSqlite(string connectionString)
    {
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The refusal of a database that holds data (both engines).</summary>
    internal static async Task EnsureEmptyAsync(DbConnection connection, CancellationToken ct)
    {
        if (await ScalarAsync(connection, "SELECT COUNT(*) FROM Terms", ct) > 0 || await ScalarAsync(connection, "SELECT COUNT(*) FROM DutyLogs", ct) > 0)
        {
            throw new InvalidOperationException("The database already holds data; generate scale data into a new, empty database.");
        }
    }

    /// <summary>The term, then per town its town and delegation, through the app's dialect (both engines); returns the term id and (town, delegation) ids.</summary>
    internal static async Task<(int TermId, List<(int Town, int Delegation)> Towns)> InsertTermAndTownsAsync(DbConnection connection, DbTransaction tx,
        ScaleDataOptions options, Names names, CancellationToken ct)
    {
        var termId = await InsertAsync(connection, tx, "INSERT INTO Terms (Name, StartYear, EndYear) VALUES ($n, $s, $e) RETURNING Id", ct,
            ("$n", ScaleDataOptions.TermName), ("$s", ScaleDataOptions.FirstYear), ("$e", ScaleDataOptions.FirstYear + ScaleDataOptions.Years));
        var towns = new List<(int Town, int Delegation)>();
        for (var t = 0; t < options.Towns; t++)
        {
            var townName = string.Create(CultureInfo.InvariantCulture, $"{names.Towns[t % names.Towns.Count]}{(t < names.Towns.Count ? "" : (t / names.Towns.Count + 1).ToString(CultureInfo.InvariantCulture))}");
            var town = await InsertAsync(connection, tx, "INSERT INTO Towns (Name, Kind) VALUES ($n, 'Town') RETURNING Id", ct, ("$n", townName));
            var delegation = await InsertAsync(connection, tx, "INSERT INTO Delegations (Name) VALUES ($n) RETURNING Id", ct, ("$n", townName + "-D"));
            towns.Add((town, delegation));
        }

        return (termId, towns);
    }

    /// <summary>One generated deputy: the town's position in the town list, and whether the deputy sits in its delegation (county level).</summary>
    internal readonly record struct DeputyRow(string Number, string Name, string Gender, string Level, int TownIndex, bool County, bool Leader);

    /// <summary>The deputies, drawn from <paramref name="random"/> in deputy order (the first draws of a data set).</summary>
    internal static DeputyRow[] DrawDeputies(ScaleDataOptions options, Names names, Random random)
    {
        var rows = new DeputyRow[options.Deputies];
        for (var i = 0; i < options.Deputies; i++)
        {
            var county = i % 3 == 0;
            var name = names.Surnames[random.Next(names.Surnames.Count)] + names.Given[random.Next(names.Given.Count)]
                       + (random.Next(3) > 0 ? names.Given[random.Next(names.Given.Count)] : "");
            var gender = random.Next(3) == 0 ? "Female" : "Male";
            var leader = random.Next(50) == 0;
            rows[i] = new DeputyRow(string.Create(CultureInfo.InvariantCulture, $"S{i + 1:000000}"), name, gender, county ? "County" : "Town",
                i * options.Towns / options.Deputies, county, leader);
        }

        return rows;
    }

    /// <summary>One generated duty log (a Clerk's or a self-submitted one; reviewed unless pending).</summary>
    internal readonly record struct LogRow(int DeputyId, int TownId, DateOnly Date, int Year, string CategoryCode, int Count, bool SelfSubmitted, string Status)
    {
        public DateTime SubmittedAt => Date.ToDateTime(new TimeOnly(2, 0));

        public bool Reviewed => Status != "Pending";
    }

    /// <summary>The logs in date order, drawn from <paramref name="random"/> after the deputies.</summary>
    internal static IEnumerable<LogRow> DrawLogs(ScaleDataOptions options, (int Id, int Town)[] deputies, Random random)
    {
        var totalWeight = Mix.Sum(m => m.Weight);
        // Deputies differ in activity: a fixed random weight each, drawn through a cumulative table.
        var cumulative = new double[deputies.Length];
        var sum = 0.0;
        for (var i = 0; i < deputies.Length; i++)
        {
            sum += 0.2 + random.NextDouble() * 1.8;
            cumulative[i] = sum;
        }

        var perYear = options.Logs / ScaleDataOptions.Years;
        var written = 0;
        for (var y = 0; y < ScaleDataOptions.Years; y++)
        {
            var year = ScaleDataOptions.FirstYear + y;
            var first = new DateOnly(year, 1, 1);
            var days = DateTime.IsLeapYear(year) ? 366 : 365;
            var count = y == ScaleDataOptions.Years - 1 ? options.Logs - written : perYear;
            for (var i = 0; i < count; i++)
            {
                var date = first.AddDays((int)((long)i * days / Math.Max(1, count)));
                var pick = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                var deputy = deputies[pick < 0 ? Math.Min(~pick, deputies.Length - 1) : pick];
                var w = random.Next(totalWeight);
                var m = 0;
                while (w >= Mix[m].Weight) w -= Mix[m++].Weight;
                var roll = random.Next(100);
                var status = roll < 94 ? "Approved" : roll < 98 ? "Pending" : "Rejected";
                var self = status != "Approved" || roll % 5 == 0;
                yield return new LogRow(deputy.Id, deputy.Town, date, year, Mix[m].Code, 1 + random.Next(Mix[m].MaxCount), self, status);
                written++;
            }
        }
    }

    private static async Task GenerateSqliteAsync(string connectionString, ScaleDataOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await EnsureEmptyAsync(connection, ct);

        await ExecAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        var random = new Random(options.Seed);
        var names = LoadNames();
        var indexes = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'DutyLogs' AND sql IS NOT NULL";
            await using var r = await read.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) indexes.Add(r.GetString(0));
        }

        foreach (var sql in indexes)
        {
            // CREATE [UNIQUE] INDEX "name" ON ...: drop by name, rebuild from the same text after the load.
            var name = sql.Split('"')[1];
            await ExecAsync(connection, $"DROP INDEX \"{name}\"");
        }

        await using (var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            var (termId, towns) = await InsertTermAndTownsAsync(connection, tx, options, names, ct);
            var rows = DrawDeputies(options, names, random);
            var deputies = new (int Id, int Town)[options.Deputies];
            await using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO Deputies (TermId, DeputyNumber, Name, Gender, Level, TownId, DelegationId, Status, IsStateOrganLeader)
                    VALUES ($term, $number, $name, $gender, $level, $town, $delegation, 'Active', $leader) RETURNING Id
                    """;
                var pTerm = cmd.Parameters.Add("$term", SqliteType.Integer);
                var pNumber = cmd.Parameters.Add("$number", SqliteType.Text);
                var pName = cmd.Parameters.Add("$name", SqliteType.Text);
                var pGender = cmd.Parameters.Add("$gender", SqliteType.Text);
                var pLevel = cmd.Parameters.Add("$level", SqliteType.Text);
                var pTown = cmd.Parameters.Add("$town", SqliteType.Integer);
                var pDelegation = cmd.Parameters.Add("$delegation", SqliteType.Integer);
                var pLeader = cmd.Parameters.Add("$leader", SqliteType.Integer);
                cmd.Prepare();
                for (var i = 0; i < rows.Length; i++)
                {
                    var row = rows[i];
                    var (town, delegation) = towns[row.TownIndex];
                    pTerm.Value = termId;
                    pNumber.Value = row.Number;
                    pName.Value = row.Name;
                    pGender.Value = row.Gender;
                    pLevel.Value = row.Level;
                    pTown.Value = town;
                    pDelegation.Value = row.County ? delegation : DBNull.Value;
                    pLeader.Value = row.Leader ? 1 : 0;
                    deputies[i] = (Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture), town);
                }
            }

            progress?.Report($"{options.Towns} towns and {options.Deputies} deputies written; writing {options.Logs:N0} logs...");
            await InsertLogsAsync(connection, tx, options, deputies, random, progress, ct);
            await tx.CommitAsync(ct);
        }

        progress?.Report("Rebuilding the log indexes...");
        foreach (var sql in indexes)
        {
            await ExecAsync(connection, sql);
        }

        progress?.Report("Summing the yearly totals per deputy and category...");
        await Scoring.ScoreQueries.RebuildTotalsAsync(connection, null, null, ct);

        await ExecAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    }

    private static async Task InsertLogsAsync(SqliteConnection connection, SqliteTransaction tx, ScaleDataOptions options,
        (int Id, int Town)[] deputies, Random random, IProgress<string>? progress, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO DutyLogs (DeputyId, TownId, Date, Year, CategoryCode, Count, Description, Source, Status,
                                  RejectionReason, SubmittedBy, SubmittedAtUtc, ReviewedBy, ReviewedAtUtc)
            VALUES ($deputy, $town, $date, $year, $category, $count, $description, $source, $status,
                    $reason, 'scale-data', $at, $reviewer, $reviewedAt)
            """;
        var pDeputy = cmd.Parameters.Add("$deputy", SqliteType.Integer);
        var pTown = cmd.Parameters.Add("$town", SqliteType.Integer);
        var pDate = cmd.Parameters.Add("$date", SqliteType.Text);
        var pYear = cmd.Parameters.Add("$year", SqliteType.Integer);
        var pCategory = cmd.Parameters.Add("$category", SqliteType.Text);
        var pCount = cmd.Parameters.Add("$count", SqliteType.Integer);
        var pDescription = cmd.Parameters.Add("$description", SqliteType.Text);
        var pSource = cmd.Parameters.Add("$source", SqliteType.Text);
        var pStatus = cmd.Parameters.Add("$status", SqliteType.Text);
        var pReason = cmd.Parameters.Add("$reason", SqliteType.Text);
        var pAt = cmd.Parameters.Add("$at", SqliteType.Text);
        var pReviewer = cmd.Parameters.Add("$reviewer", SqliteType.Text);
        var pReviewedAt = cmd.Parameters.Add("$reviewedAt", SqliteType.Text);
        cmd.Prepare();

        var written = 0;
        foreach (var log in DrawLogs(options, deputies, random))
        {
            var at = log.SubmittedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            pDeputy.Value = log.DeputyId;
            pTown.Value = log.TownId;
            pDate.Value = log.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            pYear.Value = log.Year;
            pCategory.Value = log.CategoryCode;
            pCount.Value = log.Count;
            pDescription.Value = log.CategoryCode;
            pSource.Value = log.SelfSubmitted ? "SelfSubmitted" : "Clerk";
            pStatus.Value = log.Status;
            pReason.Value = log.Status == "Rejected" ? "scale-data" : DBNull.Value;
            pAt.Value = at;
            pReviewer.Value = log.Reviewed ? "scale-data" : DBNull.Value;
            pReviewedAt.Value = log.Reviewed ? at : DBNull.Value;
            cmd.ExecuteNonQuery();
            if (++written % 1_000_000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report($"{written:N0} logs written");
            }
        }
    }

    internal sealed record Names(List<string> Towns, List<string> Surnames, List<string> Given);

    /// <summary>Town names and name parts of the demo county, so generated people look like people.</summary>
    internal static Names LoadNames()
    {
        using var stream = typeof(ScaleDataGenerator).Assembly.GetManifestResourceStream("DemoCounty.json")!;
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        return new Names(
            root.GetProperty("towns").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList(),
            root.GetProperty("surnames").EnumerateArray().Select(s => s.GetString()!).ToList(),
            root.GetProperty("givenNameChars").EnumerateArray().Select(s => s.GetString()!).ToList());
    }

    internal static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = SqlDialect.Of(connection).Command(connection, null, sql);
        cmd.CommandTimeout = 0;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    internal static async Task ExecAsync(DbConnection connection, string sql, CancellationToken ct = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = SqlDialect.Of(connection).Command(connection, tx, sql);
        foreach (var (name, value) in parameters) SqlDialect.Add(cmd, name, value);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
