using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.App.Cli;

/// <summary>
/// The exit verb: export-exit-flags [--year Y] --out F (.csv or .xlsx, the contract columns of domain.md section 7). It
/// brings every flag up to date first. Exit codes as in <see cref="AdminCommands"/>.
/// </summary>
public static class ExitCommands
{
    public static async Task<int> ExportAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var out_ = commandLine.Option("--out");
        var yearText = commandLine.Option("--year");
        int? year = null;
        if (yearText is not null)
        {
            if (!int.TryParse(yearText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y))
            {
                out_ = null;
            }

            year = y;
        }

        if (string.IsNullOrWhiteSpace(out_))
        {
            await Console.Error.WriteLineAsync("export-exit-flags needs --out FILE (.csv or .xlsx) and takes --year Y.");
            return 2;
        }

        var format = ScoreSheetService.FormatOf(out_);
        var rows = await services.GetRequiredService<ExitCaseService>().ExportRowsAsync(Caller.System, year);
        await using (var file = new FileStream(out_, FileMode.Create, FileAccess.Write))
        {
            await ExitFlagSheet.WriteAsync(file, rows, format, ScoreSheetHeaders.Contract);
        }

        await output.WriteLineAsync(year is null ? $"{rows.Count} exit flag(s) written to {out_}." : $"{rows.Count} exit flag(s) of {year} written to {out_}.");
        return 0;
    }
}
