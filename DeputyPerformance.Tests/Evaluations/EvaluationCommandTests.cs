using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace DeputyPerformance.Tests.Evaluations;

public sealed class EvaluationCommandTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private async Task<int> RunAsync(params string[] args)
    {
        var commandLine = AdminCommandLine.Parse([.. args, .. fx.Db.ConfigurationArgs]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();
        return await AdminCommands.RunAsync(builder, commandLine, new StringWriter());
    }

    [Fact]
    public async Task ExportEvaluationsWritesTheContractColumnsAsCsvOrXlsxByExtension()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"dp-eval-{Guid.NewGuid():N}.csv");
        var xlsx = Path.ChangeExtension(csv, ".xlsx");
        try
        {
            Assert.Equal(0, await RunAsync("export-evaluations", "--year", "2019", "--out", csv));
            Assert.Equal(0, await RunAsync("export-evaluations", "--year", "2019", "--out", xlsx));
            Assert.Equal(2, await RunAsync("export-evaluations", "--out", csv));
            Assert.Equal(1, await RunAsync("export-evaluations", "--year", "2019", "--out", Path.ChangeExtension(csv, ".txt")));

            var lines = await File.ReadAllLinesAsync(csv);
            Assert.StartsWith("department,year,phase,vote_date,members,present,satisfied,basically_satisfied,dissatisfied,invalid,grade,", lines[0].TrimStart('\uFEFF'));
            Assert.Equal(7, lines.Length);
            var sheet = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(6, sheet.Count);
            Assert.Equal(Domain.Evaluations.EvaluationSheet.ContractColumns, sheet[0].Keys);
        }
        finally
        {
            File.Delete(csv);
            File.Delete(xlsx);
        }
    }
}
