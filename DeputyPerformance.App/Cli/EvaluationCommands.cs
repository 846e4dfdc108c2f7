using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Evaluations;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.App.Cli;

/// <summary>The evaluation verb: export-evaluations --year Y --out F (.csv or .xlsx, the contract columns). Exit codes as in <see cref="AdminCommands"/>.</summary>
public static class EvaluationCommands
{
    public static async Task<int> ExportAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var out_ = commandLine.Option("--out");
        if (!int.TryParse(commandLine.Option("--year"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) || string.IsNullOrWhiteSpace(out_))
        {
            await Console.Error.WriteLineAsync("export-evaluations needs --year Y and --out FILE (.csv or .xlsx).");
            return 2;
        }

        var format = ScoreSheetService.FormatOf(out_);
        var rows = await services.GetRequiredService<EvaluationService>().ExportRowsAsync(Caller.System, year);
        await using (var file = new FileStream(out_, FileMode.Create, FileAccess.Write))
        {
            await EvaluationSheet.WriteAsync(file, rows, format, ScoreSheetHeaders.Contract);
        }

        await output.WriteLineAsync($"{rows.Count} evaluation(s) of {year} written to {out_}.");
        return 0;
    }
}
