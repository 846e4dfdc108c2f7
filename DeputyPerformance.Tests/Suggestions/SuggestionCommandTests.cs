using System.Text;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>import-suggestions and export-suggestions in the format of domain.md section 7.</summary>
public sealed class SuggestionCommandTests : IAsyncLifetime
{
    private const string Header = "number,year,deputy_numbers,title,content,lead_department,co_departments,assigned,due,reply_category,replied,rating,key,supervisor";
    private readonly List<string> _files = [];
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        foreach (var f in _files) File.Delete(f);
    }

    private async Task<int> RunAsync(params string[] args)
    {
        var commandLine = AdminCommandLine.Parse([.. args, .. _db.ConfigurationArgs]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();
        return await AdminCommands.RunAsync(builder, commandLine, new StringWriter());
    }

    private string File_(string text, string extension = ".csv")
    {
        var path = Path.Combine(Path.GetTempPath(), $"dp-sg-{Guid.NewGuid():N}{extension}");
        if (text.Length > 0) File.WriteAllText(path, text, new UTF8Encoding(true));
        _files.Add(path);
        return path;
    }

    private async Task<(int Suggestions, int Logs, int Audit)> CountsAsync()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        return (await db.Suggestions.CountAsync(), await db.DutyLogs.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private async Task<(string Lead, string CoSigner)> DeputyNumbersAsync()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var numbers = await db.Deputies.OrderBy(d => d.Id).Select(d => d.DeputyNumber).Take(2).ToListAsync();
        return (numbers[0], numbers[1]);
    }

    [Fact]
    public async Task ImportIsAllOrNothingAndNamesTheBadRowInTheUsersLanguage()
    {
        var (lead, _) = await DeputyNumbersAsync();
        var csv = $"{Header}\n1,2020,{lead},修桥,桥不安全,交通运输局,,2020-03-20,,,,,no,\n2,2020,X999,修路,路不平,,,,,,,,no,\n";
        var before = await CountsAsync();

        Assert.Equal(1, await RunAsync("import-suggestions", File_(csv)));
        Assert.Equal(before, await CountsAsync());
        using (new CultureScope("zh-CN"))
        {
            var result = await _db.Get<SuggestionImportService>().ImportAsync(Caller.System, "s.csv", new MemoryStream(new UTF8Encoding(true).GetBytes(csv)));
            var error = Assert.Single(result.Errors);
            Assert.Equal((3, "代表编号"), (error.Row, error.Column));
            Assert.Contains("没有编号为 X999 的代表", error.Message);
        }

        Assert.Equal(2, await RunAsync("import-suggestions"));
    }

    [Fact]
    public async Task AGoodFileImportsOnceARepeatChangesNothingAndTheExportWritesTheContractColumns()
    {
        var (lead, coSigner) = await DeputyNumbersAsync();
        // Chinese headers in another order: the columns are found by name.
        var csv = "年度,建议编号,代表编号,标题,建议内容,主办单位,协办单位,交办日期,答复期限,答复类别,答复日期,代表评价,重点建议,督办副主任\n"
                  + $"2020,1,{lead};{coSigner},修桥,桥不安全,交通运输局,水务局,2020-03-20,2020-09-20,B,2020-08-01,dissatisfied,是,王副主任\n"
                  + $"2020,2,{coSigner},修路,路不平,,,,,,,,否,\n";
        var file = File_(csv);
        var before = await CountsAsync();

        Assert.Equal(0, await RunAsync("import-suggestions", file));
        var afterFirst = await CountsAsync();
        Assert.Equal((before.Suggestions + 2, before.Logs + 2), (afterFirst.Suggestions, afterFirst.Logs));
        Assert.Equal(0, await RunAsync("import-suggestions", file));
        Assert.Equal(afterFirst, await CountsAsync());

        var out_ = File_("", ".csv");
        Assert.Equal(0, await RunAsync("export-suggestions", "--year", "2020", "--out", out_));
        var lines = await File.ReadAllLinesAsync(out_);
        Assert.Equal(Header, lines[0].TrimStart('\uFEFF'));
        Assert.Equal($"1,2020,{lead};{coSigner},修桥,桥不安全,交通运输局,水务局,2020-03-20,2020-09-20,B,2020-08-01,dissatisfied,yes,王副主任", lines[1]);
        Assert.Equal($"2,2020,{coSigner},修路,路不平,,,,,,,,no,", lines[2]);
        Assert.Equal(2, await RunAsync("export-suggestions", "--out", out_));
    }

    [Fact]
    public async Task TheChineseTemplateHasTheContractHeadersAndImportsAsItIs()
    {
        using var scope = new CultureScope("zh-CN");
        var template = SuggestionSheet.Template();

        var result = await _db.Get<SuggestionImportService>().ImportAsync(Caller.System, "template.csv", new MemoryStream(template));

        Assert.StartsWith(Header + "\n", new UTF8Encoding(true).GetString(template).TrimStart('\uFEFF'));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(1, result.Imported);
    }
}
