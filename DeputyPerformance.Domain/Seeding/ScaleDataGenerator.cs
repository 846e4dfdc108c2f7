using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeputyPerformance.Domain.Duties;
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
/// the same rows. Fast: raw prepared inserts in one transaction, the log indexes dropped during the load and
/// rebuilt after it, journal and syncs off while it runs (a crash leaves a file to throw away, nothing else).
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

    public static async Task<ScaleDataSummary> GenerateAsync(string connectionString, ScaleDataOptions options, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (options.Deputies < 1 || options.Logs < 0) throw new ArgumentOutOfRangeException(nameof(options));
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Its bulk path is SQLite's (PRAGMAs, one prepared insert); PostgreSQL's (COPY) is not written yet.
            throw new InvalidOperationException("generate-scale-data writes SQLite databases only; on PostgreSQL it is not available yet.");
        }

        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        if (await ScalarAsync(connection, "SELECT COUNT(*) FROM Terms") > 0 || await ScalarAsync(connection, "SELECT COUNT(*) FROM DutyLogs") > 0)
        {
            throw new InvalidOperationException("The database already holds data; generate scale data into a new, empty database.");
        }

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
            var termId = await InsertAsync(connection, tx, "INSERT INTO Terms (Name, StartYear, EndYear) VALUES ($n, $s, $e) RETURNING Id",
                ("$n", ScaleDataOptions.TermName), ("$s", ScaleDataOptions.FirstYear), ("$e", ScaleDataOptions.FirstYear + ScaleDataOptions.Years));
            var towns = new List<(int Town, int Delegation)>();
            for (var t = 0; t < options.Towns; t++)
            {
                var townName = string.Create(CultureInfo.InvariantCulture, $"{names.Towns[t % names.Towns.Count]}{(t < names.Towns.Count ? "" : (t / names.Towns.Count + 1).ToString(CultureInfo.InvariantCulture))}");
                var town = await InsertAsync(connection, tx, "INSERT INTO Towns (Name, Kind) VALUES ($n, 'Town') RETURNING Id", ("$n", townName));
                var delegation = await InsertAsync(connection, tx, "INSERT INTO Delegations (Name) VALUES ($n) RETURNING Id", ("$n", townName + "-D"));
                towns.Add((town, delegation));
            }

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
                for (var i = 0; i < options.Deputies; i++)
                {
                    var (town, delegation) = towns[i * towns.Count / options.Deputies];
                    var county = i % 3 == 0;
                    pTerm.Value = termId;
                    pNumber.Value = string.Create(CultureInfo.InvariantCulture, $"S{i + 1:000000}");
                    pName.Value = names.Surnames[random.Next(names.Surnames.Count)] + names.Given[random.Next(names.Given.Count)]
                                  + (random.Next(3) > 0 ? names.Given[random.Next(names.Given.Count)] : "");
                    pGender.Value = random.Next(3) == 0 ? "Female" : "Male";
                    pLevel.Value = county ? "County" : "Town";
                    pTown.Value = town;
                    pDelegation.Value = county ? delegation : DBNull.Value;
                    pLeader.Value = random.Next(50) == 0 ? 1 : 0;
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
        return new ScaleDataSummary(options.Towns, options.Deputies, options.Logs, watch.Elapsed);
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
                var at = date.ToDateTime(new TimeOnly(2, 0)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                pDeputy.Value = deputy.Id;
                pTown.Value = deputy.Town;
                pDate.Value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                pYear.Value = year;
                pCategory.Value = Mix[m].Code;
                pCount.Value = 1 + random.Next(Mix[m].MaxCount);
                pDescription.Value = Mix[m].Code;
                pSource.Value = self ? "SelfSubmitted" : "Clerk";
                pStatus.Value = status;
                pReason.Value = status == "Rejected" ? "scale-data" : DBNull.Value;
                pAt.Value = at;
                pReviewer.Value = status == "Pending" ? DBNull.Value : "scale-data";
                pReviewedAt.Value = status == "Pending" ? DBNull.Value : at;
                cmd.ExecuteNonQuery();
                if (++written % 1_000_000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report($"{written:N0} logs written");
                }
            }
        }
    }

    private sealed record Names(List<string> Towns, List<string> Surnames, List<string> Given);

    /// <summary>Town names and name parts of the demo county, so generated people look like people.</summary>
    private static Names LoadNames()
    {
        using var stream = typeof(ScaleDataGenerator).Assembly.GetManifestResourceStream("DemoCounty.json")!;
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        return new Names(
            root.GetProperty("towns").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList(),
            root.GetProperty("surnames").EnumerateArray().Select(s => s.GetString()!).ToList(),
            root.GetProperty("givenNameChars").EnumerateArray().Select(s => s.GetString()!).ToList());
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<int> InsertAsync(SqliteConnection connection, SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
