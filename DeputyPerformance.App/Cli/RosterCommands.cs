using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Roster;

namespace DeputyPerformance.App.Cli;

/// <summary>`import-roster FILE`: the same validation and all-or-nothing write as the import page.</summary>
public static class RosterCommands
{
    public static async Task<int> ImportAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var path = commandLine.Positionals().FirstOrDefault();
        if (path is null)
        {
            await Console.Error.WriteLineAsync("import-roster needs a FILE (.csv or .xlsx).");
            return 2;
        }

        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"File not found: {path}");
            return 2;
        }

        await using var file = File.OpenRead(path);
        var result = await services.GetRequiredService<RosterImportService>().ImportAsync(Caller.System, file, Path.GetFileName(path), long.MaxValue);
        var preview = result.Preview;
        if (preview.FileError is not null)
        {
            await Console.Error.WriteLineAsync($"Error: {preview.FileError}");
            return 1;
        }

        foreach (var warning in preview.Warnings)
        {
            await output.WriteLineAsync($"Warning: {warning}");
        }

        await output.WriteLineAsync($"{preview.RowCount} rows: {preview.DeputiesToCreate} deputies to add, {preview.DeputiesToUpdate} to update; " +
                                    $"new terms {preview.NewTerms.Count}, towns {preview.NewTowns.Count}, districts {preview.NewDistricts.Count}, " +
                                    $"stations {preview.NewStations.Count}, delegations {preview.NewDelegations.Count}.");
        if (!result.Imported)
        {
            foreach (var error in preview.Errors)
            {
                await Console.Error.WriteLineAsync($"Row {error.Row}, {error.Column}: {error.Message}");
            }

            await Console.Error.WriteLineAsync($"{preview.Errors.Count} errors: nothing was imported.");
            return 1;
        }

        await output.WriteLineAsync("Imported.");
        return 0;
    }
}
