using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Roster;

namespace DeputyPerformance.App.Cli;

/// <summary>`import-roster FILE`: the same validation and all-or-nothing write as the import page.</summary>
public static class RosterCommands
{
    /// <summary>The command line reads files from the server's disk: a larger limit than uploads, still a bound on memory.</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    /// <summary>
    /// Prints the preview, then imports. Exit 0 when imported, 1 when the file or a row has an error (nothing written),
    /// 2 for a missing file. Messages are English whatever the server's language, like the other verbs.
    /// </summary>
    public static async Task<int> ImportAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output, TextWriter? error = null)
    {
        error ??= Console.Error;
        var path = commandLine.Positionals().FirstOrDefault();
        if (path is null)
        {
            await error.WriteLineAsync("import-roster needs a FILE (.csv or .xlsx).");
            return 2;
        }

        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"File not found: {path}");
            return 2;
        }

        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            await using var file = File.OpenRead(path);
            var result = await services.GetRequiredService<RosterImportService>().ImportAsync(Caller.System, file, Path.GetFileName(path), MaxBytes);
            return await ReportAsync(result, output, error);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private static async Task<int> ReportAsync(RosterImportResult result, TextWriter output, TextWriter error)
    {
        var preview = result.Preview;
        if (preview.FileError is not null)
        {
            await error.WriteLineAsync($"Error: {preview.FileError}");
            return 1;
        }

        foreach (var warning in preview.Warnings)
        {
            await output.WriteLineAsync($"Warning: {warning}");
        }

        await output.WriteLineAsync($"{preview.RowCount} rows: {preview.DeputiesToCreate} deputies to add, {preview.DeputiesToUpdate} already in the term to update.");
        await WriteNamesAsync(output, "New terms", preview.NewTerms);
        await WriteNamesAsync(output, "New towns", preview.NewTowns);
        await WriteNamesAsync(output, "New electoral districts", preview.NewDistricts.Select(d => $"{d.Town} / {d.Name}").ToList());
        await WriteNamesAsync(output, "New liaison stations", preview.NewStations.Select(s => $"{s.Town} / {s.Name}").ToList());
        await WriteNamesAsync(output, "New delegations", preview.NewDelegations);
        foreach (var change in preview.Changes)
        {
            var fields = string.Join("; ", change.Fields.Select(f => $"{f.Column} {Shown(f.Old)} -> {Shown(f.New)}"));
            await output.WriteLineAsync($"Update row {change.Row}: {change.Number} {change.Name}: {fields}");
        }

        if (preview.DeputiesChanged > preview.Changes.Count)
        {
            await output.WriteLineAsync($"... and {preview.DeputiesChanged - preview.Changes.Count} more deputies to update.");
        }
        if (!result.Imported)
        {
            foreach (var e in preview.Errors)
            {
                await error.WriteLineAsync($"Row {e.Row}, {e.Column}: {e.Message}");
            }

            if (preview.ErrorCount > preview.Errors.Count)
            {
                await error.WriteLineAsync($"... and {preview.ErrorCount - preview.Errors.Count} more.");
            }

            await error.WriteLineAsync($"{preview.ErrorCount} errors: nothing was imported.");
            return 1;
        }

        await output.WriteLineAsync($"Imported: {result.Created} deputies added, {result.Updated} updated, {result.Unchanged} unchanged.");
        return 0;
    }

    private static string Shown(string value) => value.Length == 0 ? "-" : value;

    private static async Task WriteNamesAsync(TextWriter output, string label, IReadOnlyList<string> names)
    {
        if (names.Count > 0)
        {
            await output.WriteLineAsync($"{label} ({names.Count}): {string.Join(", ", names)}");
        }
    }
}
