using System.Text;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Seeding;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Duties;

public sealed class DutyCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly List<string> _files = [];

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        foreach (var f in _files) System.IO.File.Delete(f);
    }

    private async Task<int> RunAsync(TestDatabase db, params string[] args)
    {
        var commandLine = AdminCommandLine.Parse([.. args, .. db.ConfigurationArgs]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();
        return await AdminCommands.RunAsync(builder, commandLine, new StringWriter());
    }

    private string CsvFile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dp-cli-{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(true));
        _files.Add(path);
        return path;
    }

    [Fact]
    public async Task ImportLogsVerbImportsAGoodFileAndFailsWithCodeOneOnABadOne()
    {
        var good = CsvFile("deputy_number,date,category\nC001,2019-03-15,inspection\n");
        var bad = CsvFile("deputy_number,date,category\nC001,2019-02-30,inspection\n");

        Assert.Equal(0, await RunAsync(_db, "import-logs", good));
        Assert.Equal(1, await RunAsync(_db, "import-logs", bad));
        Assert.Equal(2, await RunAsync(_db, "import-logs"));
        Assert.Equal(1, await DutyTestData.LogCountAsync(_db));
    }

    [Fact]
    public async Task RebuildScoresVerbRepairsTotalsWrittenAroundTheAppAndPublishesTheYear()
    {
        var deputies = await DutyTestData.DeputiesAsync(_db);
        await using (var connection = await _db.OpenConnectionAsync())
        {
            // A log written around the services: no totals follow it.
            await using var cmd = SqlDialect.Of(connection).Command(connection, null, $"""
                INSERT INTO DutyLogs (DeputyId, TownId, Date, Year, CategoryCode, Count, Description, Source, Status, SubmittedBy, SubmittedAtUtc)
                VALUES ({deputies[0].Id}, {deputies[0].TownId}, '2019-04-01', 2019, 'report-author', 1, '', 'Clerk', 'Approved', 'x', '2020-01-01 00:00:00')
                """);
            await cmd.ExecuteNonQueryAsync();
        }

        Assert.Equal(2, await RunAsync(_db, "rebuild-scores"));
        Assert.Equal(0, await RunAsync(_db, "rebuild-scores", "--year", "2019"));

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal(1, await ctx.DeputyYearTotals.Where(t => t.DeputyId == deputies[0].Id && t.Year == 2019).Select(t => t.Count).SingleAsync());
        var state = await ctx.ScoreYearStates.SingleAsync(s => s.Year == 2019);
        Assert.False(state.IsStale);
        Assert.Equal(80, await ctx.ScoreSnapshots.Where(s => s.Year == 2019 && s.Generation == state.Generation && s.DeputyId == deputies[0].Id)
            .Select(s => s.Score).SingleAsync());
    }

    [Fact]
    public async Task GeneratedScaleDataIsDeterministicAndRefusesADatabaseWithData()
    {
        await using var first = await TestDatabase.CreateAsync();
        await using var second = await TestDatabase.CreateAsync();

        Assert.Equal(0, await RunAsync(first, "generate-scale-data", "--deputies", "150", "--logs", "3000", "--seed", "5"));
        await ScaleDataGenerator.GenerateAsync(second.ConnectionString, new ScaleDataOptions(150, 3000, 5));

        Assert.Equal(await FingerprintAsync(first), await FingerprintAsync(second));
        Assert.Equal(3000, await DutyTestData.LogCountAsync(first));
        Assert.Equal(1, await RunAsync(_db, "generate-scale-data", "--deputies", "10", "--logs", "10"));
    }

    [PostgresFact]
    public async Task GeneratedScaleDataOnPostgreSqlHasTheRowsAndTotalsOfSqlite()
    {
        await using var sqlite = await TestDatabase.CreateAsync(engine: DatabaseProvider.Sqlite);
        await using var postgres = await TestDatabase.CreateAsync(engine: DatabaseProvider.PostgreSQL);

        await ScaleDataGenerator.GenerateAsync(sqlite.ConnectionString, new ScaleDataOptions(150, 3000, 5));
        Assert.Equal(0, await RunAsync(postgres, "generate-scale-data", "--deputies", "150", "--logs", "3000", "--seed", "5"));

        Assert.Equal(await FingerprintAsync(sqlite), await FingerprintAsync(postgres));
        var totals = await TotalsAsync(sqlite);
        Assert.NotEmpty(totals);
        Assert.Equal(totals, await TotalsAsync(postgres));
        Assert.Equal(3000, await DutyTestData.LogCountAsync(postgres));
        // Every generated year waits, stale, for its first scoring through the app.
        await using (var ctx = await postgres.Factory.CreateDbContextAsync())
        {
            Assert.Equal([2016, 2017, 2018, 2019, 2020], await ctx.ScoreYearStates.Where(s => s.IsStale).OrderBy(s => s.Year).Select(s => s.Year).ToListAsync());
        }

        Assert.Equal(1, await RunAsync(postgres, "generate-scale-data", "--deputies", "10", "--logs", "10"));
    }

    /// <summary>Every generated row's content (towns, deputies, logs in id order), read through EF on either engine.</summary>
    private static async Task<string> FingerprintAsync(TestDatabase db)
    {
        await using var ctx = await db.Factory.CreateDbContextAsync();
        var towns = await ctx.Towns.OrderBy(t => t.Id).Select(t => t.Id + t.Name).ToListAsync();
        var deputies = (await ctx.Deputies.OrderBy(d => d.Id)
                .Select(d => new { d.DeputyNumber, d.Name, d.TownId, d.DelegationId, d.Gender, d.Level, d.IsStateOrganLeader }).ToListAsync())
            .Select(d => $"{d.DeputyNumber}{d.Name}{d.TownId}/{d.DelegationId}{d.Gender}{d.Level}{d.IsStateOrganLeader}");
        var logs = (await ctx.DutyLogs.OrderBy(l => l.Id)
                .Select(l => new { l.DeputyId, l.TownId, l.Date, l.CategoryCode, l.Count, l.Status, l.Source, l.RejectionReason, l.SubmittedAtUtc, l.ReviewedBy, l.ReviewedAtUtc })
                .ToListAsync())
            .Select(l => $"{l.DeputyId}/{l.TownId}{l.Date:yyyy-MM-dd}{l.CategoryCode}{l.Count}{l.Status}{l.Source}{l.RejectionReason}{l.SubmittedAtUtc:O}{l.ReviewedBy}{l.ReviewedAtUtc:O}");
        return string.Join(",", towns.Concat(deputies).Concat(logs));
    }

    /// <summary>The yearly totals per deputy (by number) and category.</summary>
    private static async Task<List<string>> TotalsAsync(TestDatabase db)
    {
        await using var ctx = await db.Factory.CreateDbContextAsync();
        return (await ctx.DeputyYearTotals.Join(ctx.Deputies, t => t.DeputyId, d => d.Id, (t, d) => new { t.Year, d.DeputyNumber, t.CategoryCode, t.Count })
                .ToListAsync())
            .Select(t => $"{t.Year} {t.DeputyNumber} {t.CategoryCode} {t.Count}").Order(StringComparer.Ordinal).ToList();
    }
}
