using System.Globalization;
using BenchmarkDotNet.Attributes;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Seeding;
using DeputyPerformance.Domain.Suggestions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Benchmarks;

/// <summary>
/// Deputies' suggestions at province scale: 200,000 suggestions over 5 congress sessions (40,000 a year), 5,000
/// deputies, 500 lead departments, in every state. The clerk's board (a page of 25 with its total) and the per-department
/// statistics of a year must each stay under 100 ms.
/// </summary>
public class SuggestionBenchmarks
{
    public const int Suggestions = 200_000;
    public const int Departments = 500;
    public const int Deputies = 5_000;
    public const int Years = 5;

    /// <summary>The last session is the current year, so its open suggestions have overdue and due-soon marks today.</summary>
    public static readonly int LastYear = DateTime.UtcNow.Year;

    private static readonly Caller Clerk = new("county.clerk", Roles.CountyClerk);

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

    private SuggestionService Service => _services.GetRequiredService<SuggestionService>();

    /// <summary>The clerk's board of the current session (40,000 suggestions): first page in the default order (number), with the total.</summary>
    [Benchmark]
    public async Task<int> Board_FirstPage() =>
        (await Service.ListAsync(Clerk, new SuggestionFilter(LastYear), new ListQuery(0, 25))).TotalCount;

    /// <summary>One lead department's suggestions of the session (80), first page.</summary>
    [Benchmark]
    public async Task<int> Board_OneDepartment() =>
        (await Service.ListAsync(Clerk, new SuggestionFilter(LastYear, DepartmentId: _departmentId), new ListQuery(0, 25))).TotalCount;

    /// <summary>Only the overdue ones of the session, sorted by the due date.</summary>
    [Benchmark]
    public async Task<int> Board_OnlyOverdue() =>
        (await Service.ListAsync(Clerk, new SuggestionFilter(LastYear, OverdueOnly: true), new ListQuery(0, 25, "DueOn"))).TotalCount;

    /// <summary>The per-department figures of the session (500 departments: count, on-time rate, A-D split, satisfaction).</summary>
    [Benchmark]
    public async Task<int> Statistics_Year() => (await Service.StatisticsAsync(Clerk, LastYear)).Count;

    /// <summary>Builds (once, cached by schema and year) the province's suggestions with raw prepared inserts in one transaction.</summary>
    public static async Task<string> GetDatabaseAsync()
    {
        Directory.CreateDirectory(ScaleDatabase.Folder);
        var path = Path.Combine(ScaleDatabase.Folder,
            string.Create(CultureInfo.InvariantCulture, $"suggestions-{Suggestions}-{Departments}-{LastYear}-{ScaleDatabase.SchemaKey()}.db"));
        if (File.Exists(path)) return path;
        var building = path + ".building";
        File.Delete(building);
        var started = DateTime.UtcNow;
        var connection = $"Data Source={building};Pooling=False";
        await using (var services = ScaleDatabase.Services(connection))
        {
            var factory = services.GetRequiredService<IDbContextFactory<DeputyDbContext>>();
            await DatabaseSetup.MigrateAsync(factory);
            await ScaleDataGenerator.GenerateAsync(connection, new ScaleDataOptions(Deputies, 0, ScaleDatabase.Seed));
            await using var db = await factory.CreateDbContextAsync();
            for (var i = 1; i <= Departments; i++)
            {
                db.GovernmentDepartments.Add(new GovernmentDepartment(string.Create(CultureInfo.InvariantCulture, $"承办单位{i:000}"), DepartmentKind.Constituent));
            }

            await db.SaveChangesAsync();
        }

        await InsertSuggestionsAsync(connection);
        SqliteConnection.ClearAllPools();
        File.Move(building, path);
        Console.WriteLine($"// generated {path} in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        return path;
    }

    private static async Task InsertSuggestionsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var deputies = new List<(int Id, int Town)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, TownId FROM Deputies ORDER BY Id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) deputies.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        var departments = new List<int>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id FROM GovernmentDepartments ORDER BY Id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) departments.Add(reader.GetInt32(0));
        }

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO Suggestions (Year, Number, DeputyId, TownId, Title, Content, Field, Status, SubmittedBy, SubmittedOn, ReviewedOn,
                LeadDepartmentId, AssignedOn, DueOn, IsExtended, Rehandlings, UrgeCount, FirstRepliedOn, RepliedOnTime, ReplyCategory, Rating,
                ClosedOn, IsKey, Supervisor)
            VALUES ($year, $number, $deputy, $town, $title, $content, NULL, $status, 'bench', $submitted, $reviewed,
                $department, $assigned, $due, 0, 0, $urged, $replied, $onTime, $category, $rating, $closed, $key, $supervisor)
            """;
        var names = new[] { "$year", "$number", "$deputy", "$town", "$title", "$content", "$status", "$submitted", "$reviewed", "$department",
            "$assigned", "$due", "$urged", "$replied", "$onTime", "$category", "$rating", "$closed", "$key", "$supervisor" };
        var p = names.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        insert.Prepare();
        var random = new Random(ScaleDatabase.Seed);
        var perYear = Suggestions / Years;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var y = 0; y < Years; y++)
        {
            var year = LastYear - Years + 1 + y;
            for (var n = 1; n <= perYear; n++)
            {
                var (deputyId, townId) = deputies[random.Next(deputies.Count)];
                // The last session runs until today: what is submitted now is not handled yet.
                var days = year == LastYear ? Math.Max(1, today.DayOfYear - 1) : 365;
                var submitted = new DateOnly(year, 1, 1).AddDays(random.Next(days));
                var roll = random.Next(20);
                var status = roll switch
                {
                    0 => SuggestionStatus.Submitted, 1 => SuggestionStatus.Returned, 2 => SuggestionStatus.Letter, 3 => SuggestionStatus.Accepted,
                    < 10 => SuggestionStatus.Handling, < 13 => SuggestionStatus.Replied, < 16 => SuggestionStatus.Rated, _ => SuggestionStatus.Closed,
                };
                var assigned = status >= SuggestionStatus.Handling ? submitted.AddDays(3 + random.Next(20)) : (DateOnly?)null;
                var due = assigned?.AddMonths(3);
                var replied = status >= SuggestionStatus.Replied ? assigned!.Value.AddDays(20 + random.Next(100)) : (DateOnly?)null;
                var rated = status >= SuggestionStatus.Rated;
                Set(p["$year"], year);
                Set(p["$number"], n);
                Set(p["$deputy"], deputyId);
                Set(p["$town"], townId);
                Set(p["$title"], string.Create(CultureInfo.InvariantCulture, $"关于第{n}项民生问题的建议"));
                Set(p["$content"], "建议内容：加强道路维护，改善交通条件。");
                Set(p["$status"], status.ToString());
                Set(p["$submitted"], D(submitted));
                Set(p["$reviewed"], status == SuggestionStatus.Submitted ? null : D(submitted.AddDays(2)));
                Set(p["$department"], assigned is null ? null : departments[random.Next(departments.Count)]);
                Set(p["$assigned"], assigned is { } a ? D(a) : null);
                Set(p["$due"], due is { } d ? D(d) : null);
                Set(p["$urged"], status == SuggestionStatus.Handling ? random.Next(3) : 0);
                Set(p["$replied"], replied is { } r ? D(r) : null);
                Set(p["$onTime"], replied is { } r2 ? (r2 <= due!.Value ? 1 : 0) : null);
                Set(p["$category"], replied is null ? null : ((ReplyCategory)random.Next(4)).ToString());
                Set(p["$rating"], rated ? ((Domain.Ballots.SatisfactionOption)(random.Next(10) switch { < 6 => 0, < 9 => 1, _ => 2 })).ToString() : null);
                Set(p["$closed"], status == SuggestionStatus.Closed ? D(replied!.Value.AddDays(30)) : null);
                var key = status >= SuggestionStatus.Handling && random.Next(200) == 0;
                Set(p["$key"], key ? 1 : 0);
                Set(p["$supervisor"], key ? "副主任" : null);
                await insert.ExecuteNonQueryAsync();
            }

            Console.WriteLine($"// suggestions of {year} written");
        }

        // No ANALYZE: the app never runs it, so the planner sees what it sees in production.
        await tx.CommitAsync();
    }

    private static void Set(SqliteParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;
}
