using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Domain.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DeputyPerformance.App.Cli;

/// <summary>The duty and scoring verbs: import-logs, export-scores, rebuild-scores, generate-scale-data. Exit codes as in <see cref="AdminCommands"/>.</summary>
public static class DutyCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output) =>
        commandLine.Verb switch
        {
            "import-logs" => await ImportLogsAsync(services, commandLine, output),
            "export-scores" => await ExportScoresAsync(services, commandLine, output),
            "generate-scale-data" => await GenerateAsync(services, commandLine, output),
            "rebuild-scores" => await RebuildScoresAsync(services, commandLine, output),
            _ => 2,
        };

    private static async Task<int> ImportLogsAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var files = commandLine.Positionals();
        if (files.Count != 1)
        {
            await Console.Error.WriteLineAsync("import-logs needs one FILE (.csv or .xlsx).");
            return 2;
        }

        if (!File.Exists(files[0]))
        {
            await Console.Error.WriteLineAsync($"File not found: {files[0]}");
            return 1;
        }

        var lastPercent = -1;
        var progress = new Progress<ImportProgress>(p =>
        {
            if (p.Percent / 10 != lastPercent / 10)
            {
                lastPercent = p.Percent;
                Console.Error.WriteLine($"{p.Phase} {p.Percent}% ({p.Rows:N0} rows)");
            }
        });
        var result = await services.GetRequiredService<DutyLogImportService>().ImportFileAsync(Caller.System, files[0], progress);
        foreach (var w in result.Warnings) await output.WriteLineAsync($"Warning row {w.Row}: {w.Message}");
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await Console.Error.WriteLineAsync($"Row {e.Row}{(e.Column is null ? "" : $" [{e.Column}]")}: {e.Message}");
            if (result.ValidCategories.Count > 0) await Console.Error.WriteLineAsync($"Accepted categories (code or name): {string.Join(", ", result.ValidCategories)}");
            await Console.Error.WriteLineAsync($"{result.ErrorCount} error(s) in {result.RowsRead} row(s); nothing was imported.");
            return 1;
        }

        await output.WriteLineAsync($"Imported {result.Imported} log(s) from {result.RowsRead} row(s); {result.Duplicates} duplicate(s) skipped.");
        return 0;
    }

    private static async Task<int> ExportScoresAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var out_ = commandLine.Option("--out");
        if (!int.TryParse(commandLine.Option("--year"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) || string.IsNullOrWhiteSpace(out_))
        {
            await Console.Error.WriteLineAsync("export-scores needs --year Y and --out FILE (.csv or .xlsx).");
            return 2;
        }

        var format = ScoreSheetService.FormatOf(out_);
        await using (var file = new FileStream(out_, FileMode.Create, FileAccess.Write))
        {
            await services.GetRequiredService<ScoreSheetService>().WriteAsync(Caller.System, year, file, format, ScoreSheetHeaders.Contract);
        }

        await output.WriteLineAsync($"Scores of {year} written to {out_}.");
        return 0;
    }

    /// <summary>
    /// Sums a year's totals again from its approved logs (a repair after data was written around the app), then
    /// recomputes and publishes its scores (one recomputation; the app's readers keep the published year meanwhile).
    /// </summary>
    private static async Task<int> RebuildScoresAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        if (!int.TryParse(commandLine.Option("--year"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year))
        {
            await Console.Error.WriteLineAsync("rebuild-scores needs --year Y.");
            return 2;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var db = await services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await ScoreQueries.RebuildTotalsAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), [year], CancellationToken.None);
            await tx.CommitAsync();
        }

        var summed = watch.Elapsed;
        await services.GetRequiredService<ScoreService>().RefreshAsync(Caller.System, year);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Scores of {year} rebuilt: totals summed from the logs in {summed.TotalSeconds:F1} s, scores recomputed in {(watch.Elapsed - summed).TotalSeconds:F1} s."));
        return 0;
    }

    private static async Task<int> GenerateAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        static int? Number(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
        var defaults = new ScaleDataOptions();
        var options = new ScaleDataOptions(
            Number(commandLine.Option("--deputies")) ?? defaults.Deputies,
            Number(commandLine.Option("--logs")) ?? defaults.Logs,
            Number(commandLine.Option("--seed")) ?? defaults.Seed);
        string connectionString;
        await using (var db = await services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync())
        {
            connectionString = db.Database.GetConnectionString()!;
        }

        var summary = await ScaleDataGenerator.GenerateAsync(connectionString, options, new Progress<string>(m => Console.Error.WriteLine(m)),
            provider: services.GetRequiredService<DatabaseEngine>().Provider);
        await output.WriteLineAsync($"Generated {summary.Towns} towns, {summary.Deputies} deputies and {summary.Logs} logs in {summary.Elapsed.TotalSeconds:F0} s.");
        return 0;
    }
}
