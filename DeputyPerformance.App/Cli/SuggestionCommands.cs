using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Domain.Suggestions;

namespace DeputyPerformance.App.Cli;

/// <summary>The suggestion verbs: import-suggestions FILE, export-suggestions --year Y --out F (domain.md section 7). Exit codes as in <see cref="AdminCommands"/>.</summary>
public static class SuggestionCommands
{
    public static Task<int> RunAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output) => commandLine.Verb switch
    {
        "import-suggestions" => ImportAsync(services, commandLine, output),
        _ => ExportAsync(services, commandLine, output),
    };

    private static async Task<int> ImportAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var files = commandLine.Positionals();
        if (files.Count != 1)
        {
            await Console.Error.WriteLineAsync("import-suggestions needs one FILE (.csv or .xlsx).");
            return 2;
        }

        if (!File.Exists(files[0]))
        {
            await Console.Error.WriteLineAsync($"File not found: {files[0]}");
            return 1;
        }

        var result = await services.GetRequiredService<SuggestionImportService>().ImportFileAsync(Caller.System, files[0]);
        foreach (var w in result.Warnings) await output.WriteLineAsync($"Warning row {w.Row}{(w.Column is null ? "" : $" [{w.Column}]")}: {w.Message}");
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await Console.Error.WriteLineAsync($"Row {e.Row}{(e.Column is null ? "" : $" [{e.Column}]")}: {e.Message}");
            await Console.Error.WriteLineAsync($"{result.Errors.Count} error(s) in {result.RowsRead} row(s); nothing was imported.");
            return 1;
        }

        await output.WriteLineAsync($"Imported {result.Imported} suggestion(s) from {result.RowsRead} row(s); {result.Unchanged} already stored and left unchanged.");
        return 0;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var out_ = commandLine.Option("--out");
        if (!int.TryParse(commandLine.Option("--year"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) || string.IsNullOrWhiteSpace(out_))
        {
            await Console.Error.WriteLineAsync("export-suggestions needs --year Y and --out FILE (.csv or .xlsx).");
            return 2;
        }

        var format = ScoreSheetService.FormatOf(out_);
        var rows = await services.GetRequiredService<SuggestionService>().ExportRowsAsync(Caller.System, year);
        await using (var file = new FileStream(out_, FileMode.Create, FileAccess.Write))
        {
            await SuggestionSheet.WriteAsync(file, rows, format, ScoreSheetHeaders.Contract);
        }

        await output.WriteLineAsync($"{rows.Count} suggestion(s) of {year} written to {out_}.");
        return 0;
    }
}
