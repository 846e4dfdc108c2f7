using System.IO.Compression;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Operations;

/// <summary>backup and restore: a backup restored into a fresh database holds every row and every evidence file.</summary>
public sealed class BackupCommandTests : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"dp-backup-test-{Guid.NewGuid():N}");
    private TestDatabase _source = null!;
    private TestDatabase _target = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _source = await TestDatabase.CreateAsync(seedDemo: true);
        _target = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private string SourceEvidence => Path.Combine(_work, "evidence-a");
    private string TargetEvidence => Path.Combine(_work, "evidence-b");

    private static async Task<(int Code, string Output)> RunAsync(TestDatabase db, string evidenceFolder, params string[] args)
    {
        var commandLine = AdminCommandLine.Parse([.. args, .. db.ConfigurationArgs, $"--Evidence:Folder={evidenceFolder}"]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();
        var output = new StringWriter();
        return (await AdminCommands.RunAsync(builder, commandLine, output), output.ToString());
    }

    /// <summary>Two logs with evidence stored the way the app stores it (files under the evidence folder, rows with their hash).</summary>
    private async Task<List<string>> LogsWithEvidenceAsync()
    {
        var store = new FileSystemEvidenceStore(new EvidenceOptions { Folder = SourceEvidence });
        var deputy = (await DutyTestData.DeputiesAsync(_source))[0];
        await DutyTestData.InsertRandomLogsAsync(_source, [deputy], 2019, 2, seed: 3);
        await using var ctx = await _source.Factory.CreateDbContextAsync();
        var keys = new List<string>();
        foreach (var log in await ctx.DutyLogs.OrderBy(l => l.Id).Take(2).ToListAsync())
        {
            var stored = await store.SaveAsync(new MemoryStream(DutyTestData.Pdf()));
            ctx.EvidenceFiles.Add(new EvidenceFile(log.Id, "现场照片.pdf", stored.ContentType, stored.SizeBytes, stored.Sha256, stored.StorageKey, "town.clerk", DateTime.UtcNow));
            keys.Add(stored.StorageKey);
        }

        await ctx.SaveChangesAsync();
        return keys;
    }

    /// <summary>A case document stored in the same evidence folder, as the exit case service stores it.</summary>
    private async Task<string> CaseDocumentAsync()
    {
        var store = new FileSystemEvidenceStore(new EvidenceOptions { Folder = SourceEvidence });
        var deputy = (await DutyTestData.DeputiesAsync(_source))[1];
        await using var ctx = await _source.Factory.CreateDbContextAsync();
        var exitCase = new Domain.Exits.ExitCase(deputy.Id, deputy.TownId, Domain.Deputies.DeputyLevel.Town, Domain.Exits.ExitGround.MovedAway, null, "moved", "clerk", DateTime.UtcNow);
        ctx.ExitCases.Add(exitCase);
        await ctx.SaveChangesAsync();
        var stored = await store.SaveAsync(new MemoryStream(Exits.ExitDocumentTests.Docx()), EvidenceKinds.Documents);
        exitCase.AttachToLastStep("说明.docx", new Domain.Evaluations.StoredDocument(stored.StorageKey, stored.ContentType, stored.SizeBytes, stored.Sha256), "clerk", DateTime.UtcNow);
        await ctx.SaveChangesAsync();
        return stored.StorageKey;
    }

    [Fact]
    public async Task ABackupHoldsTheExitCaseDocumentsAndARestoreChecksThem()
    {
        var key = await CaseDocumentAsync();
        var zip = Path.Combine(_work, "county.zip");

        var (backup, said) = await RunAsync(_source, SourceEvidence, "backup", "--out", zip);
        Assert.Equal(0, backup);
        Assert.Contains("ExitCaseDocuments 1", said);
        Assert.Equal(0, (await RunAsync(_target, TargetEvidence, "restore", zip)).Code);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(SourceEvidence, key)), await File.ReadAllBytesAsync(Path.Combine(TargetEvidence, key)));
        await using (var after = await _target.Factory.CreateDbContextAsync())
        {
            Assert.Equal(key, (await after.ExitCaseDocuments.SingleAsync()).StorageKey);
        }
    }

    [Fact]
    public async Task ABackupRestoredIntoAFreshDatabaseHoldsEveryRowAndEvidenceFile()
    {
        var keys = await LogsWithEvidenceAsync();
        var zip = Path.Combine(_work, "county.zip");

        var (backup, said) = await RunAsync(_source, SourceEvidence, "backup", "--out", zip);
        Assert.Equal(0, backup);
        Assert.Contains("Deputies 300", said);
        var (restore, _) = await RunAsync(_target, TargetEvidence, "restore", zip);
        Assert.Equal(0, restore);

        await using var before = await _source.Factory.CreateDbContextAsync();
        await using var after = await _target.Factory.CreateDbContextAsync();
        Assert.Equal(await before.Deputies.OrderBy(d => d.Id).Select(d => d.DeputyNumber + d.Name).ToListAsync(),
            await after.Deputies.OrderBy(d => d.Id).Select(d => d.DeputyNumber + d.Name).ToListAsync());
        Assert.Equal(await before.DutyLogs.CountAsync(), await after.DutyLogs.CountAsync());
        Assert.Equal(await before.Users.Select(u => u.UserName).OrderBy(n => n).ToListAsync(), await after.Users.Select(u => u.UserName).OrderBy(n => n).ToListAsync());
        Assert.Equal(await before.AuditEntries.CountAsync(), await after.AuditEntries.CountAsync());
        foreach (var key in keys)
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(SourceEvidence, key)), await File.ReadAllBytesAsync(Path.Combine(TargetEvidence, key)));
        }
    }

    [Fact]
    public async Task RestoreRefusesADatabaseThatHoldsDataUnlessForcedAndABrokenFile()
    {
        var zip = Path.Combine(_work, "county.zip");
        Assert.Equal(0, (await RunAsync(_source, SourceEvidence, "backup", "--out", zip)).Code);
        var notABackup = Path.Combine(_work, "roster.zip");
        using (var archive = ZipFile.Open(notABackup, ZipArchiveMode.Create))
        {
            archive.CreateEntry("roster.csv");
        }

        Assert.Equal(1, (await RunAsync(_source, SourceEvidence, "restore", zip)).Code);
        Assert.Equal(1, (await RunAsync(_target, TargetEvidence, "restore", notABackup)).Code);
        Assert.Equal(2, (await RunAsync(_target, TargetEvidence, "backup")).Code);
        await using (var untouched = await _target.Factory.CreateDbContextAsync())
        {
            Assert.Equal(0, await untouched.Deputies.CountAsync());
        }

        Assert.Equal(0, (await RunAsync(_source, SourceEvidence, "restore", zip, "--force")).Code);
    }

    [Fact]
    public async Task ARestoreNamesAnEvidenceFileThatIsMissing()
    {
        var keys = await LogsWithEvidenceAsync();
        var zip = Path.Combine(_work, "county.zip");
        File.Delete(Path.Combine(SourceEvidence, keys[0]));

        Assert.Equal(0, (await RunAsync(_source, SourceEvidence, "backup", "--out", zip)).Code);

        Assert.Equal(1, (await RunAsync(_target, TargetEvidence, "restore", zip)).Code);
        Assert.True(File.Exists(Path.Combine(TargetEvidence, keys[1])));
    }

    [PostgresFact]
    public async Task ABackupGoesBackOnlyIntoTheEngineItCameFrom()
    {
        Domain.Persistence.PostgreSqlSetup.UseLegacyTimestamps();
        await using var sqlite = await TestDatabase.CreateAsync(seedDemo: true, engine: Domain.Persistence.DatabaseProvider.Sqlite);
        await using var postgres = await TestDatabase.CreateAsync(engine: Domain.Persistence.DatabaseProvider.PostgreSQL);
        var zip = Path.Combine(_work, "sqlite.zip");
        Assert.Equal(0, (await RunAsync(sqlite, SourceEvidence, "backup", "--out", zip)).Code);

        Assert.Equal(1, (await RunAsync(postgres, TargetEvidence, "restore", zip)).Code);
        await using var untouched = await postgres.Factory.CreateDbContextAsync();
        Assert.Equal(0, await untouched.Deputies.CountAsync());
    }
}
