using DeputyPerformance.Domain.Operations;

namespace DeputyPerformance.App.Cli;

/// <summary>backup --out F and restore FILE [--force]. Exit codes as in <see cref="AdminCommands"/>.</summary>
public static class BackupCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output) =>
        commandLine.Verb switch
        {
            "backup" => await BackupAsync(services, commandLine, output),
            "restore" => await RestoreAsync(services, commandLine, output),
            _ => 2,
        };

    private static async Task<int> BackupAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var path = commandLine.Option("--out");
        if (string.IsNullOrWhiteSpace(path))
        {
            await Console.Error.WriteLineAsync("backup needs --out FILE (a .zip).");
            return 2;
        }

        // Written beside the target and moved into place: a failed backup never leaves a half file under the name.
        var partial = path + ".partial";
        try
        {
            BackupManifest manifest;
            await using (var file = File.Create(partial))
            {
                manifest = await services.GetRequiredService<BackupService>().BackupAsync(file);
            }

            File.Move(partial, path, overwrite: true);
            await output.WriteLineAsync($"Backup written to {path}: {Describe(manifest)}.");
            return 0;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output)
    {
        var files = commandLine.Positionals();
        if (files.Count != 1)
        {
            await Console.Error.WriteLineAsync("restore needs one FILE (a backup .zip).");
            return 2;
        }

        if (!File.Exists(files[0]))
        {
            await Console.Error.WriteLineAsync($"File not found: {files[0]}");
            return 1;
        }

        await using var file = File.OpenRead(files[0]);
        var report = await services.GetRequiredService<BackupService>().RestoreAsync(file, commandLine.Flag("--force"));
        await output.WriteLineAsync($"Restored the backup of {report.Manifest.CreatedUtc:u}: {Describe(report.Manifest)}.");
        if (report.MissingEvidence.Count > 0)
        {
            await Console.Error.WriteLineAsync($"{report.MissingEvidence.Count} evidence file(s) are missing or differ from their recorded hash: {string.Join(", ", report.MissingEvidence.Take(20))}");
            return 1;
        }

        return 0;
    }

    private static string Describe(BackupManifest m) =>
        string.Join(", ", m.Rows.Select(r => $"{r.Key} {r.Value}")) + $", evidence files {m.EvidenceFiles}";
}
