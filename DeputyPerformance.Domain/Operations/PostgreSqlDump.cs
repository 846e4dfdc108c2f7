using System.Diagnostics;
using DeputyPerformance.Domain.Common;
using Npgsql;

namespace DeputyPerformance.Domain.Operations;

/// <summary>
/// The PostgreSQL server's own tools, run for the backup verbs: <c>pg_dump</c> in custom format inside a snapshot the
/// backup also counts its rows in, and <c>pg_restore</c> in one transaction. The password goes through the
/// environment, never the command line. The tools come from <c>DP_PG_BIN</c>, else the newest
/// <c>/usr/lib/postgresql/N/bin</c> (Debian; a dump must be made by a pg_dump at least as new as the server), else PATH.
/// </summary>
internal static class PostgreSqlDump
{
    public static async Task DumpAsync(string connectionString, string snapshot, string file, CancellationToken ct) =>
        await RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", $"--file={file}"], ct);

    /// <summary>Replaces what the dump holds (the target's tables are dropped first) in one transaction: all or nothing.</summary>
    public static async Task RestoreAsync(string connectionString, string file, CancellationToken ct) =>
        await RunAsync("pg_restore", connectionString, ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", file], ct);

    private static async Task RunAsync(string tool, string connectionString, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(ToolPath(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add($"--dbname={c.Database}");
        start.Environment["PGHOST"] = c.Host ?? "localhost";
        start.Environment["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = c.Username ?? Environment.UserName;
        if (!string.IsNullOrEmpty(c.Password)) start.Environment["PGPASSWORD"] = c.Password;
        start.Environment["PGCONNECT_TIMEOUT"] = "15";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DomainException("Backup_PgToolMissing", tool);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new DomainException("Backup_PgToolMissing", tool);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            var output = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                var said = (await error).Trim();
                throw new DomainException("Backup_PgToolFailed", tool, said.Length > 600 ? said[..600] : said);
            }

            await output;
        }
    }

    private static string ToolPath(string tool)
    {
        if (Environment.GetEnvironmentVariable("DP_PG_BIN") is { Length: > 0 } configured) return Path.Combine(configured, tool);
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.EnumerateDirectories(debian)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Dir, "bin", tool)))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null) return Path.Combine(newest.Dir, "bin", tool);
        }

        return tool;
    }
}
