using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace DeputyPerformance.Tests.Exits;

public sealed class ExitCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> RunAsync(params string[] args)
    {
        var commandLine = AdminCommandLine.Parse([.. args, .. _db.ConfigurationArgs]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();
        return await AdminCommands.RunAsync(builder, commandLine, new StringWriter());
    }

    [Fact]
    public async Task ExportExitFlagsWritesOneContractRowPerDeputyRuleAndYear()
    {
        var deputy = (await DutyTestData.DeputiesAsync(_db))[5];
        var logs = _db.Get<DutyLogService>();
        foreach (var date in new[] { "2017-03-01", "2018-03-02", "2018-05-01" })
        {
            await logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(deputy.Id, DutyCategory.CongressAbsence, 1, date));
        }

        await logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(deputy.Id, DutyCategory.RecessAbsence, 2, "2019-06-01"));
        var csv = Path.Combine(Path.GetTempPath(), $"dp-exit-{Guid.NewGuid():N}.csv");
        var xlsx = Path.ChangeExtension(csv, ".xlsx");
        try
        {
            Assert.Equal(0, await RunAsync("export-exit-flags", "--out", csv));
            Assert.Equal(0, await RunAsync("export-exit-flags", "--year", "2019", "--out", xlsx));
            Assert.Equal(2, await RunAsync("export-exit-flags", "--year", "2019"));

            var lines = (await File.ReadAllLinesAsync(csv)).Select(l => l.TrimStart('\uFEFF')).ToList();
            Assert.Equal("deputy_number,name,town,rule,year,tier,status,evidence", lines[0]);
            Assert.Equal(3, lines.Count);
            Assert.StartsWith($"{deputy.Number},", lines[1]);
            Assert.EndsWith(",congress-absences-term,2018,red,open,2017-03-01; 2018-03-02; 2018-05-01", lines[1]);
            Assert.EndsWith(",recess-absences-year,2019,bottom,open,2019-06-01 x2", lines[2]);
            var sheet = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("recess-absences-year", Assert.Single(sheet)["rule"]);
        }
        finally
        {
            File.Delete(csv);
            File.Delete(xlsx);
        }
    }
}
