using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
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
}
