using System.Text;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Roster;

public sealed class RosterCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly List<string> _files = [];

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        foreach (var f in _files) File.Delete(f);
    }

    private async Task<int> RunAsync(params string[] args)
    {
        var commandLine = AdminCommandLine.Parse([.. args, $"--ConnectionStrings:Default={_db.ConnectionString}"]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();
        return await AdminCommands.RunAsync(builder, commandLine, new StringWriter());
    }

    private string Gb18030File(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = Path.Combine(Path.GetTempPath(), $"dp-roster-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, Encoding.GetEncoding("GB18030").GetBytes(text));
        _files.Add(path);
        return path;
    }

    private async Task<int> DeputyCountAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return await ctx.Deputies.CountAsync();
    }

    [Fact]
    public async Task ImportRosterVerbImportsAGoodFileFailsOnABadOneAndNeedsAFile()
    {
        var before = await DeputyCountAsync();
        var good = Gb18030File("届,代表编号,姓名,层级,镇街\n2016-2021,CLI01,命令行代表,镇,水口镇\n");
        var bad = Gb18030File("届,代表编号,姓名,层级,镇街\n2016-2021,CLI02,坏行,省,水口镇\n");

        Assert.Equal(0, await RunAsync("import-roster", good));
        Assert.Equal(1, await RunAsync("import-roster", bad));
        Assert.Equal(2, await RunAsync("import-roster"));
        Assert.Equal(2, await RunAsync("import-roster", "/no/such/file.csv"));
        Assert.Equal(before + 1, await DeputyCountAsync());
    }
}
