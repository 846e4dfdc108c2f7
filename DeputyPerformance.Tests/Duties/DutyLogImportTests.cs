using System.Globalization;
using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MiniExcelLibs;

namespace DeputyPerformance.Tests.Duties;

public sealed class DutyLogImportTests : IAsyncLifetime
{
    private const string Header = "deputy_number,date,category,count,description,external_id";
    private TestDatabase _db = null!;
    private readonly List<string> _files = [];

    static DutyLogImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private DutyLogImportService Service => _db.Get<DutyLogImportService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        foreach (var f in _files) File.Delete(f);
    }

    private string Csv(string text, Encoding? encoding = null, string extension = ".csv")
    {
        var path = Path.Combine(Path.GetTempPath(), $"dp-import-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        _files.Add(path);
        return path;
    }

    private async Task<List<DutyLog>> LogsAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return await ctx.DutyLogs.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
    }

    [Fact]
    public async Task ValidCsvIsImportedApprovedWithCountDefaultingToOne()
    {
        var file = Csv($"{Header}\nC001,2019-03-15,inspection,,visited the market,\nC002,2019-04-01,training-day,3,,EXT-1\n");

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(2, result.Imported);
        var logs = await LogsAsync();
        Assert.All(logs, l => Assert.Equal(DutyLogStatus.Approved, l.Status));
        Assert.All(logs, l => Assert.Equal(DutyLogSource.Import, l.Source));
        Assert.Equal(1, logs[0].Count);
        Assert.Equal("visited the market", logs[0].Description);
        Assert.Equal(3, logs[1].Count);
        Assert.Equal("EXT-1", logs[1].ExternalId);
        Assert.Equal(result.BatchId, logs[0].ImportBatchId);
    }

    [Fact]
    public async Task Utf8BomWithChineseHeadersInAnyOrderIsImportedAndExtraColumnsAreWarned()
    {
        var file = Csv("类别,代表编号,备注,日期,数量,说明\ninspection,C001,x,2019-03-15,2,调研农村公路\n", new UTF8Encoding(true));

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Contains(result.Warnings, w => w.Column == "备注");
        var log = Assert.Single(await LogsAsync());
        Assert.Equal("调研农村公路", log.Description);
        Assert.Equal(2, log.Count);
    }

    [Fact]
    public async Task Gb18030FileIsDetectedAndDecoded()
    {
        var file = Csv("代表编号,日期,类别,数量,说明\nC001,2019-03-15,reception,1,在兴田街道联络站接待选民十二人\n", Encoding.GetEncoding("GB18030"));

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal("在兴田街道联络站接待选民十二人", Assert.Single(await LogsAsync()).Description);
    }

    [Fact]
    public async Task QuotesCommasAndNewlinesInsideFieldsAreKept()
    {
        var file = Csv($"{Header}\r\nC001,2019-03-15,suggestion,1,\"A \"\"quoted\"\" word, a comma\r\nand a second line\",\r\nC002,2019-03-16,suggestion,1,plain,\r\n");

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var logs = await LogsAsync();
        Assert.Equal("A \"quoted\" word, a comma\r\nand a second line", logs[0].Description);
        Assert.Equal("plain", logs[1].Description);
    }

    [Fact]
    public async Task MalformedRowsAreReportedRowByRowAndNothingIsWritten()
    {
        var file = Csv($"""
            {Header}
            C001,2019-03-15,inspection,1,good row,
            C001,2019-13-45,inspection,1,bad date,
            C001,15/03/2019,inspection,1,bad date format,
            NOBODY,2019-03-15,inspection,1,unknown deputy,
            C001,2019-03-15,inspection,-2,negative count,
            C001,2019-03-15,inspection,1.5,fractional count,
            C001,2019-03-15,dancing,1,unknown category,
            ,2019-03-15,inspection,1,no deputy,
            C001,2019-03-15,inspection,1,good row again,
            """);

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.False(result.Succeeded);
        Assert.Equal(7, result.ErrorCount);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], result.Errors.Select(e => e.Row).Distinct());
        Assert.Contains(result.Errors, e => e.Row == 5 && e.Column == "deputy_number");
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Column == "count");
        Assert.Empty(await LogsAsync());
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Empty(await ctx.DutyImportBatches.ToListAsync());
    }

    [Fact]
    public async Task AOneMegabyteLineIsARowErrorNotAnOutOfMemoryAndNothingIsWritten()
    {
        var huge = new string('x', 1024 * 1024 + 10);
        var file = Csv($"{Header}\nC001,2019-03-15,inspection,1,ok,\nC001,2019-03-15,inspection,1,{huge},\nC001,2019-03-16,inspection,1,ok,\n");

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Row == 3);
        Assert.Empty(await LogsAsync());
    }

    [Fact]
    public async Task AFieldOverTheFieldLimitIsARowErrorAndTheRestIsStillChecked()
    {
        var longField = new string('y', 70 * 1024);
        var file = Csv($"{Header}\nC001,2019-03-15,inspection,1,{longField},\nNOBODY,2019-03-15,inspection,1,x,\n");

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Row == 2);
        Assert.Empty(await LogsAsync());
    }

    [Fact]
    public async Task MissingRequiredColumnsRefuseTheFile()
    {
        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, Csv("deputy_number,count\nC001,1\n"));

        Assert.False(result.Succeeded);
        Assert.Equal(["date", "category"], result.Errors.Select(e => e.Column));
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceDoesNotDuplicateLogs()
    {
        var file = Csv($"{Header}\nC001,2019-03-15,inspection,1,with id,A-1\nC001,2019-03-15,inspection,1,without id,\nC002,2019-03-15,reception,2,without id,\n");

        var first = await Service.ImportFileAsync(TestCallers.CountyClerk, file);
        var second = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.Equal(3, first.Imported);
        Assert.True(second.Succeeded);
        Assert.Equal(0, second.Imported);
        Assert.Equal(3, second.Duplicates);
        Assert.Equal([2, 3, 4], second.DuplicateRows);
        Assert.Equal(3, (await LogsAsync()).Count);
    }

    [Fact]
    public async Task ARowWithAKnownExternalIdIsADuplicateEvenIfItsContentChanged()
    {
        await Service.ImportFileAsync(TestCallers.CountyClerk, Csv($"{Header}\nC001,2019-03-15,inspection,1,first,A-1\n"));

        var again = await Service.ImportFileAsync(TestCallers.CountyClerk, Csv($"{Header}\nC001,2019-03-15,inspection,5,changed,A-1\nC001,2019-03-17,inspection,1,new,A-2\n"));

        Assert.Equal(1, again.Imported);
        Assert.Equal(1, again.Duplicates);
        Assert.Equal("first", (await LogsAsync())[0].Description);
    }

    [Fact]
    public async Task XlsxFirstSheetIsImported()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dp-import-{Guid.NewGuid():N}.xlsx");
        _files.Add(path);
        var rows = new[]
        {
            new Dictionary<string, object?> { ["代表编号"] = "C001", ["日期"] = "2019-03-15", ["类别"] = "inspection", ["数量"] = 2, ["说明"] = "表格导入" },
            new Dictionary<string, object?> { ["代表编号"] = "C002", ["日期"] = "2019-03-16", ["类别"] = "reception", ["数量"] = null, ["说明"] = "" },
        };
        await MiniExcel.SaveAsAsync(path, rows);

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, path);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Row}: {e.Message}")));
        var logs = await LogsAsync();
        Assert.Equal(2, logs.Count);
        Assert.Equal("表格导入", logs[0].Description);
        Assert.Equal(2, logs[0].Count);
        Assert.Equal(1, logs[1].Count);
    }

    [Fact]
    public async Task TownClerkImportsOnlyHisTownsDeputies()
    {
        var towns = await DutyTestData.TownIdsAsync(_db);
        var deputies = await DutyTestData.DeputiesAsync(_db);
        var other = deputies.First(d => d.TownId == towns[1]);

        var result = await Service.ImportFileAsync(TestCallers.TownClerk(towns[0]), Csv($"{Header}\nC001,2019-03-15,inspection,1,,\n{other.Number},2019-03-15,inspection,1,,\n"));

        Assert.False(result.Succeeded);
        Assert.Equal(3, Assert.Single(result.Errors).Row);
        Assert.Empty(await LogsAsync());
    }

    [Fact]
    public async Task ADeputyCannotImport() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ImportFileAsync(TestCallers.Deputy(1), Csv($"{Header}\n")));

    [Fact]
    public async Task ErrorsAreListedUpToTheCapButAllAreCounted()
    {
        var text = new StringBuilder(Header + "\n");
        for (var i = 0; i < 1500; i++) text.Append("C001,not-a-date,inspection,1,,\n");

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, Csv(text.ToString()));

        Assert.Equal(1500, result.ErrorCount);
        Assert.Equal(DutyLogImportService.MaxListedIssues, result.Errors.Count);
    }

    [Fact]
    public async Task ProgressReportsBothPhases()
    {
        var text = new StringBuilder(Header + "\n");
        for (var i = 0; i < 25_000; i++) text.Append("C001,2019-03-15,inspection,1,row ").Append(i).Append(",\n");
        var phases = new List<ImportProgress>();
        var progress = new SyncProgress(phases.Add);

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, Csv(text.ToString()), progress);

        Assert.True(result.Succeeded);
        Assert.Equal(25_000, result.Imported);
        Assert.Contains(phases, p => p.Phase == ImportPhase.Validating);
        Assert.Contains(phases, p => p.Phase == ImportPhase.Writing && p.TotalRows == 25_000);
        Assert.Equal(100, phases[^1].Percent);
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            lock (this) report(value);
        }
    }

    [Fact]
    public async Task PreviewCountsEveryRowReadWritesNothingAndTheFailedImportSaysTheSame()
    {
        // Five data rows, all wrong: the report once said "读取 0 行" (it counted the valid rows).
        var file = Csv($"{Header}\nC001,2019-13-01,inspection,1,,\nNOBODY,2019-03-15,inspection,1,,\n\nC001,2019-03-15,dancing,1,,\nC001,2019-03-15,inspection,0,,\n,2019-03-15,inspection,1,,\n");

        var preview = await Service.PreviewFileAsync(TestCallers.CountyClerk, file);
        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.Equal((5, 5, 0, false), (preview.RowsRead, preview.ErrorCount, preview.ToImport, preview.CanImport));
        Assert.Equal((5, 5), (result.RowsRead, result.ErrorCount));
        Assert.Empty(await LogsAsync());
    }

    [Fact]
    public async Task PreviewTellsWhatWouldBeImportedAndSkippedWithoutWriting()
    {
        await Service.ImportFileAsync(TestCallers.CountyClerk, Csv($"{Header}\nC001,2019-03-15,inspection,1,,EXT-1\n"));
        var before = (await LogsAsync()).Count;
        var file = Csv($"{Header}\nC001,2019-03-16,inspection,1,,EXT-1\nC001,2019-04-01,reception,1,a,\nC001,2019-04-01,reception,1,a,\nC002,2020-05-01,training-day,2,,\n");

        var preview = await Service.PreviewFileAsync(TestCallers.CountyClerk, file);

        Assert.True(preview.CanImport);
        Assert.Equal((4, 2, 2), (preview.RowsRead, preview.ToImport, preview.Duplicates));
        Assert.Equal([2, 4], preview.DuplicateRows);
        Assert.Equal([new CategoryCount(DutyCategory.Reception, 1), new CategoryCount(DutyCategory.TrainingDay, 1)], preview.Categories);
        Assert.Equal([2019, 2020], preview.Years);
        Assert.Equal(2, preview.Deputies);
        Assert.Equal(before, (await LogsAsync()).Count);

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);
        Assert.Equal((preview.ToImport, preview.Duplicates), (result.Imported, result.Duplicates));
    }

    [Theory]
    [InlineData("进站接待选民", DutyCategory.Reception)]
    [InlineData("视察、调研、执法检查", DutyCategory.Inspection)]
    [InlineData("学习培训", DutyCategory.TrainingDay)]
    [InlineData("学习培训（天）", DutyCategory.TrainingDay)]
    [InlineData("Receives constituents at a liaison station", DutyCategory.Reception)]
    [InlineData(" Inspection ", DutyCategory.Inspection)]
    public async Task CategoriesAreAcceptedByCodeOrByTheirChineseOrEnglishName(string written, string code)
    {
        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, Csv($"代表编号,日期,类别\nC001,2019-03-15,{written}\n"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(code, Assert.Single(await LogsAsync()).CategoryCode);
    }

    [Fact]
    public async Task AnUnknownCategoryListsTheAcceptedCodesWithTheirNames()
    {
        using var scope = new CultureScope("zh-CN");

        var preview = await Service.PreviewFileAsync(TestCallers.CountyClerk, Csv($"{Header}\nC001,2019-03-15,视察,1,,\n"));

        Assert.Equal(DutyLogImportService.Columns[2], Assert.Single(preview.Errors).Column);
        Assert.Equal(DutyCategory.All.Count, preview.ValidCategories.Count);
        Assert.Contains("inspection（视察、调研、执法检查）", preview.ValidCategories);
    }

    [Fact]
    public async Task ColumnsAreNamedInTheUsersLanguage()
    {
        using var scope = new CultureScope("zh-CN");

        var preview = await Service.PreviewFileAsync(TestCallers.CountyClerk, Csv("date,category\n2019-03-15,inspection\n"));

        Assert.Equal("代表编号", DutyLogImportService.DisplayName("deputy_number"));
        Assert.Equal("外部编号", DutyLogImportService.DisplayName("external_id"));
        Assert.Contains("代表编号", Assert.Single(preview.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExternalIdIsUniquePerDeputySoTwoTownsKeepTheirOwnRows()
    {
        var towns = await DutyTestData.TownIdsAsync(_db);
        var deputies = await DutyTestData.DeputiesAsync(_db);
        var first = deputies.First(d => d.TownId == towns[0]);
        var second = deputies.First(d => d.TownId == towns[1]);
        var firstFile = Csv($"{Header}\n{first.Number},2019-03-15,inspection,1,town one,EXT-7\n");
        var secondFile = Csv($"{Header}\n{second.Number},2019-03-15,inspection,1,town two,EXT-7\n");

        var one = await Service.ImportFileAsync(TestCallers.TownClerk(towns[0]), firstFile);
        var preview = await Service.PreviewFileAsync(TestCallers.TownClerk(towns[1]), secondFile);
        var two = await Service.ImportFileAsync(TestCallers.TownClerk(towns[1]), secondFile);
        var again = await Service.ImportFileAsync(TestCallers.TownClerk(towns[1]), secondFile);

        // The second town's genuine row is not dropped, and nothing tells its clerk that EXT-7 exists in another town.
        Assert.Equal((1, 0), (one.Imported, one.Duplicates));
        Assert.Equal((1, 0), (preview.ToImport, preview.Duplicates));
        Assert.Equal((1, 0), (two.Imported, two.Duplicates));
        Assert.Equal((0, 1), (again.Imported, again.Duplicates));
        Assert.Equal(["town one", "town two"], (await LogsAsync()).Select(l => l.Description));
    }

    [Fact]
    public async Task ALatin1FileIsRefusedRowByRowAndNothingIsWritten()
    {
        var file = Csv($"{Header}\nC001,2019-03-15,inspection,1,Visite à la mairie,\nC001,2019-03-16,inspection,1,Café,\n", Encoding.Latin1);

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.False(result.Succeeded);
        Assert.Equal([2, 3], result.Errors.Select(e => e.Row));
        Assert.All(result.Errors, e => Assert.Equal(DomainText.Get("Import_BadEncoding"), e.Message));
        Assert.Contains(result.Warnings, w => w.Message == DomainText.Get("Import_EncodingDoubtful"));
        Assert.Empty(await LogsAsync());
    }

    [Fact]
    public async Task AnImportOverItsTimeLimitIsStoppedWithAMessageAndWritesNothing()
    {
        var rows = new StringBuilder(Header + "\n");
        for (var i = 0; i < 200_000; i++) rows.Append(CultureInfo.InvariantCulture, $"C001,2019-03-15,inspection,1,row {i},\n");
        var file = Csv(rows.ToString());
        var limited = new DutyLogImportService(_db.Factory, TimeProvider.System, NullLogger<DutyLogImportService>.Instance,
            new ImportQueue(timeLimit: TimeSpan.FromMilliseconds(300)));

        var ex = await Assert.ThrowsAsync<DomainException>(() => limited.ImportFileAsync(TestCallers.CountyClerk, file));

        Assert.Equal("Import_TimedOut", ex.Key);
        Assert.Empty(await LogsAsync());
    }

    [Fact]
    public async Task ACancelledImportStopsAndWritesNothing()
    {
        var rows = new StringBuilder(Header + "\n");
        for (var i = 0; i < 200_000; i++) rows.Append(CultureInfo.InvariantCulture, $"C001,2019-03-15,inspection,1,row {i},\n");
        var file = Csv(rows.ToString());
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Phase == ImportPhase.Writing && p.Rows > 0) cts.Cancel();
        });

        var indexes = await LogIndexesAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service.ImportFileAsync(TestCallers.CountyClerk, file, progress, cts.Token));

        Assert.Empty(await LogsAsync());
        // This import (200,000 rows into a few) writes without the secondary indexes (and on PostgreSQL the foreign
        // keys): the rollback brings them back.
        Assert.Equal(indexes, await LogIndexesAsync());
    }

    [Fact]
    public async Task ALargeImportIntoFewLogsLeavesEveryLogIndexAsTheSchemaHasItAndConsistent()
    {
        var numbers = (await DutyTestData.DeputiesAsync(_db)).Select(d => d.Number).ToList();
        var rows = new StringBuilder(Header + "\n");
        for (var i = 0; i < DutyLogChunkWriter.RebuildIndexesFrom + 5_000; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{numbers[i % numbers.Count]},2019-{1 + i % 12:00}-{1 + i % 28:00},{(i % 2 == 0 ? "inspection" : "reception")},1,row {i},\n");
        }

        var indexes = await LogIndexesAsync();

        var result = await Service.ImportFileAsync(TestCallers.CountyClerk, Csv(rows.ToString()));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(DutyLogChunkWriter.RebuildIndexesFrom + 5_000, result.Imported);
        Assert.Equal(indexes, await LogIndexesAsync());
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            // The yearly totals, written in bulk by the import, are the sums of the approved logs.
            var sums = await ctx.DutyLogs.Where(l => l.Status == DutyLogStatus.Approved).GroupBy(l => new { l.Year, l.DeputyId, l.CategoryCode })
                .Select(g => new { g.Key.Year, g.Key.DeputyId, g.Key.CategoryCode, Count = g.Sum(l => l.Count) })
                .OrderBy(t => t.Year).ThenBy(t => t.DeputyId).ThenBy(t => t.CategoryCode).ToListAsync();
            var totals = await ctx.DeputyYearTotals.Select(t => new { t.Year, t.DeputyId, t.CategoryCode, t.Count })
                .OrderBy(t => t.Year).ThenBy(t => t.DeputyId).ThenBy(t => t.CategoryCode).ToListAsync();
            Assert.Equal(sums, totals);
        }

        if (!_db.IsPostgreSql)
        {
            await using var connection = await _db.OpenConnectionAsync();
            await using var check = connection.CreateCommand();
            // Every index holds every row (the rebuilt ones included): SQLite compares each index with the table.
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
            check.CommandText = "SELECT COUNT(*) FROM DutyLogs INDEXED BY IX_DutyLogs_Scoring WHERE Year = 2019 AND Status = 'Approved'";
            Assert.True(Convert.ToInt64(await check.ExecuteScalarAsync(), CultureInfo.InvariantCulture) >= result.Imported);
        }
    }

    [Theory]
    [InlineData(49_999, 0, false)]
    [InlineData(50_000, 0, true)]
    [InlineData(1_000_000, 1_000_000, true)]
    [InlineData(1_000_000, 1_000_001, false)]
    [InlineData(1_000_000, 10_000_000, false)]
    public void SqliteRebuildsTheLogIndexesOnlyForAnImportThatAtLeastDoublesTheLogs(int rows, long maxId, bool rebuilds) =>
        Assert.Equal(rebuilds, DutyLogChunkWriter.RebuildsIndexes(rows, maxId));

    /// <summary>
    /// The DutyLogs indexes and foreign keys with their definitions, as the engine's catalog has them (PostgreSQL's
    /// large import drops and adds both; a key added back unchecked would read NOT VALID).
    /// </summary>
    private async Task<List<string>> LogIndexesAsync()
    {
        await using var connection = await _db.OpenConnectionAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = _db.IsPostgreSql
            ? """
              SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE tablename = 'DutyLogs'
              UNION ALL SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"DutyLogs"'::regclass AND contype = 'f'
              ORDER BY 1
              """
            : "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'DutyLogs' AND sql IS NOT NULL ORDER BY name";
        var indexes = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync()) indexes.Add(reader.GetString(0));
        Assert.NotEmpty(indexes);
        return indexes;
    }
}
