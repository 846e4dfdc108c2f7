namespace DeputyPerformance.App.Hosting;

/// <summary>
/// Where uploads wait between preview and import: one folder of the temp directory, files named dp-upload-*. The page
/// deletes its file when the import ends or the page closes; a file left by a crash (or a kill) is deleted by
/// <see cref="UploadSweeper"/> once it is older than any import can run.
/// </summary>
public static class UploadFolder
{
    public static string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deputy-performance-uploads");

    /// <summary>A new, unused file name with the upload's extension (the import reads .xlsx by its name).</summary>
    public static string NewFile(string uploadName)
    {
        Directory.CreateDirectory(Path);
        var extension = System.IO.Path.GetExtension(uploadName).ToLowerInvariant() is ".xlsx" ? ".xlsx" : ".csv";
        return System.IO.Path.Combine(Path, $"dp-upload-{Guid.NewGuid():N}{extension}");
    }

    /// <summary>Deletes a file if it is there; never throws (a file in use elsewhere stays for the next sweep).</summary>
    public static void Delete(string? path)
    {
        if (path is null) return;
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The sweeper removes it later.
        }
    }

    /// <summary>Deletes the uploads last written before <paramref name="olderThan"/> ago; returns how many.</summary>
    public static int Sweep(TimeSpan olderThan, DateTime? nowUtc = null)
    {
        if (!Directory.Exists(Path)) return 0;
        var limit = (nowUtc ?? DateTime.UtcNow) - olderThan;
        var deleted = 0;
        foreach (var file in new DirectoryInfo(Path).EnumerateFiles("dp-upload-*"))
        {
            if (file.LastWriteTimeUtc >= limit) continue;
            try
            {
                file.Delete();
                deleted++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Still open: next time.
            }
        }

        return deleted;
    }
}

/// <summary>At start-up and then every half hour, deletes uploads older than the import time limit plus an hour for a preview left open.</summary>
public sealed class UploadSweeper(Domain.Common.ImportQueue queue, ILogger<UploadSweeper> logger) : BackgroundService
{
    public TimeSpan MaxAge => queue.TimeLimit + TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(30));
        do
        {
            var deleted = UploadFolder.Sweep(MaxAge);
            if (deleted > 0) logger.LogInformation("Deleted {Count} upload(s) left over in {Folder}", deleted, UploadFolder.Path);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
