using System.Text;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;
using MiniExcelLibs;

namespace DeputyPerformance.Tests.Scoring;

public sealed class ScoreSheetTests : IAsyncLifetime
{
    private static readonly string[] ContractHeader =
    [
        "deputy_number", "name", "town", "score", "grade", "rank_county", "rank_town",
        "congress-session", "congress-leave-halfday", "congress-absence", "committee-attendance", "inspection", "reception",
        "suggestion", "report-author", "training-day", "constituent-report", "recess-absence",
    ];

    private TestDatabase _db = null!;
    private DutyTestData.DeputyRef _deputy = null!;
    private readonly List<string> _files = [];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _deputy = (await DutyTestData.DeputiesAsync(_db))[0];
        var logs = _db.Get<DutyLogService>();
        await logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputy.Id, DutyCategory.ReportAuthor));
        await logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputy.Id, DutyCategory.CongressAbsence));
        // A name that Excel would run as a formula.
        var deputies = _db.Get<DeputyService>();
        var input = await deputies.GetForEditAsync(TestCallers.CountyClerk, _deputy.Id);
        input.Name = "=HYPERLINK(1)";
        await deputies.SaveAsync(TestCallers.CountyClerk, input);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        foreach (var f in _files) File.Delete(f);
    }

    private string TempFile(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dp-scores-{Guid.NewGuid():N}{extension}");
        _files.Add(path);
        return path;
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+86", "'+86")]
    [InlineData("-x", "'-x")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("＝1+2", "'＝1+2")]
    [InlineData("＋86", "'＋86")]
    [InlineData("－x", "'－x")]
    [InlineData("＠SUM(A1)", "'＠SUM(A1)")]
    [InlineData("﹦1+2", "'﹦1+2")]
    [InlineData("\u200B=1+2", "'\u200B=1+2")]
    [InlineData("\uFEFF=1+2", "'\uFEFF=1+2")]
    [InlineData("\u2060\u200B＝cmd", "'\u2060\u200B＝cmd")]
    [InlineData("  =1+2", "'  =1+2")]
    [InlineData("\u3000＝1", "'\u3000＝1")]
    [InlineData("\ncmd", "'\ncmd")]
    [InlineData("张三", "张三")]
    [InlineData("张＝三", "张＝三")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void CellsThatExcelWouldRunAreNeutralised(string text, string expected) =>
        Assert.Equal(expected, ImportFiles.Neutralise(text));

    [Fact]
    public async Task ContractCsvHasExactlyTheColumnsOfTheFormatAndNumbersStayNumbers()
    {
        var output = new MemoryStream();

        await _db.Get<ScoreSheetService>().WriteAsync(TestCallers.CountyClerk, 2019, output, ScoreSheetFormat.Csv, ScoreSheetHeaders.Contract);

        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ContractHeader, lines[0].Split(','));
        Assert.Equal(301, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal([_deputy.Number, "'=HYPERLINK(1)"], first[..2]);
        Assert.Equal(["75", "fair", "1", "1"], new[] { first[3], first[4], first[5], first[6] });
        Assert.Equal("-5", first[9]);
        Assert.Equal("20", first[14]);
    }

    [Fact]
    public async Task LocalizedXlsxHasChineseHeadersAndNeutralisedText()
    {
        var path = TempFile(".xlsx");
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            await using var file = File.Create(path);
            await _db.Get<ScoreSheetService>().WriteAsync(TestCallers.CountyClerk, 2019, file, ScoreSheetFormat.Xlsx, ScoreSheetHeaders.Localized);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }

        var rows = MiniExcel.Query(path, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var header = rows[0].Values.Select(v => v?.ToString()).ToList();
        Assert.Equal(["代表编号", "姓名", "镇街", "积分", "等次", "全县排名", "镇街排名", "出席人代会"], header.Take(8));
        var first = rows[1].Values.ToList();
        Assert.Equal("'=HYPERLINK(1)", first[1]);
        Assert.Equal("较好", first[4]);
        Assert.Equal(75d, Convert.ToDouble(first[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ExportScoresVerbWritesTheContractColumns()
    {
        var path = TempFile(".csv");
        string[] args = ["export-scores", "--year", "2019", "--out", path, .. _db.ConfigurationArgs];
        var commandLine = AdminCommandLine.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();
        var output = new StringWriter();

        var code = await AdminCommands.RunAsync(builder, commandLine, output);

        Assert.Equal(0, code);
        var lines = await File.ReadAllLinesAsync(path, Encoding.UTF8);
        Assert.Equal(ContractHeader, lines[0].TrimStart('\uFEFF').Split(','));
        Assert.Equal(301, lines.Length);
    }

    [Fact]
    public async Task ExportScoresVerbRefusesAMissingYear()
    {
        var commandLine = AdminCommandLine.Parse(["export-scores", "--out", TempFile(".csv"), .. _db.ConfigurationArgs]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();

        Assert.Equal(2, await AdminCommands.RunAsync(builder, commandLine, new StringWriter()));
    }
}
