using System.Text;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        var commandLine = AdminCommandLine.Parse([.. args, .. _db.ConfigurationArgs]);
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

    [Fact]
    public async Task ImportRosterPrintsThePreviewAndEachRowErrorInEnglish()
    {
        using var culture = new CultureScope("zh-CN");
        var bad = Gb18030File("届,代表编号,姓名,层级,镇街,选区\n2021-2026,CLI03,新人,镇,新镇,新镇第1选区\n2021-2026,CLI04,坏行,省,新镇,\n");
        var good = Gb18030File("届,代表编号,姓名,层级,镇街,选区\n2021-2026,CLI03,新人,镇,新镇,新镇第1选区\n");
        var output = new StringWriter();
        var error = new StringWriter();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. _db.ConfigurationArgs], EnvironmentName = "Production",
        });
        builder.AddDeputyPerformance();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();

        var failed = await RosterCommands.ImportAsync(scope.ServiceProvider, AdminCommandLine.Parse(["import-roster", bad]), output, error);
        var imported = await RosterCommands.ImportAsync(scope.ServiceProvider, AdminCommandLine.Parse(["import-roster", good]), output, error);

        Assert.Equal((1, 0), (failed, imported));
        Assert.Contains("Row 3, level: \"省\" is not an accepted value.", error.ToString());
        Assert.Contains("1 errors: nothing was imported.", error.ToString());
        Assert.Contains("New towns (1): 新镇", output.ToString());
        Assert.Contains("New electoral districts (1): 新镇 / 新镇第1选区", output.ToString());
        Assert.Contains("Imported: 1 deputies added, 0 updated, 0 unchanged.", output.ToString());
        Assert.Equal("zh-CN", System.Globalization.CultureInfo.CurrentUICulture.Name);
    }
}
