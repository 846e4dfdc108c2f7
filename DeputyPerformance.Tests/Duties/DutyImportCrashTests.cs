using System.Diagnostics;
using System.Globalization;
using System.Text;
using DeputyPerformance.Tests.EndToEnd;
using DeputyPerformance.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DeputyPerformance.Tests.Duties;

/// <summary>
/// The probe's passing case kept as a regression test: the command-line import killed with SIGKILL while it writes
/// leaves the database intact (integrity check ok, not a row of the import, no batch), and the same import run again
/// afterwards imports every row.
/// </summary>
public sealed class DutyImportCrashTests : IAsyncLifetime
{
    private const int Rows = 60_000;
    private TestDatabase _db = null!;
    private string _file = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        var numbers = (await DutyTestData.DeputiesAsync(_db)).Select(d => d.Number).ToList();
        _file = Path.Combine(Path.GetTempPath(), $"dp-crash-{Guid.NewGuid():N}.csv");
        var text = new StringBuilder("deputy_number,date,category,count,description,external_id\n");
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{numbers[i % numbers.Count]},2019-{1 + i % 12:00}-{1 + i % 28:00},inspection,1,crash row {i},CRASH-{i}\n");
        }

        await File.WriteAllTextAsync(_file, text.ToString());
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        File.Delete(_file);
    }

    private ProcessStartInfo ImportCommand()
    {
        var folder = EndToEndPaths.AppBuildFolder();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(folder, "DeputyPerformance.App.dll"), "import-logs", _file, .. _db.ConfigurationArgs])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    private (string Integrity, long Logs, long Batches, string Indexes) Inspect()
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(_db.ConnectionString + ";Pooling=False");
        connection.Open();
        string Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
        }

        return (Scalar("PRAGMA integrity_check"), long.Parse(Scalar("SELECT COUNT(*) FROM DutyLogs"), CultureInfo.InvariantCulture),
            long.Parse(Scalar("SELECT COUNT(*) FROM DutyImportBatches"), CultureInfo.InvariantCulture),
            // The import of 60,000 rows into the demo's few writes without the secondary indexes (decision 0110): they stay.
            Scalar("SELECT group_concat(name || ': ' || sql, ' | ') FROM (SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'DutyLogs' AND sql IS NOT NULL ORDER BY name)"));
    }

    [Fact]
    public async Task AnImportKilledWhileWritingLeavesTheDatabaseIntactAndARerunImportsEverything()
    {
        var before = Inspect();
        using (var import = Process.Start(ImportCommand())!)
        {
            // Progress goes to stderr in steps of 10%: "Writing 70% (42,000 rows)". Kill at 70%, inside the transaction.
            var killed = false;
            while (await import.StandardError.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("Writing 7", StringComparison.Ordinal) || line.StartsWith("Writing 8", StringComparison.Ordinal))
                {
                    import.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }
            }

            await import.WaitForExitAsync();
            Assert.True(killed, "the import ended before it was killed");
        }

        var afterKill = Inspect();
        Assert.Equal(("ok", before.Logs, before.Batches, before.Indexes), afterKill);

        using var rerun = Process.Start(ImportCommand())!;
        var output = rerun.StandardOutput.ReadToEndAsync();
        var errors = rerun.StandardError.ReadToEndAsync();
        await rerun.WaitForExitAsync();
        Assert.True(rerun.ExitCode == 0, await errors);
        Assert.Contains($"Imported {Rows} log(s)", await output, StringComparison.Ordinal);
        Assert.Equal(("ok", before.Logs + Rows, before.Batches + 1, before.Indexes), Inspect());
    }
}
