using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Operations;

/// <summary>What a backup holds, written into it and reported after a backup or a restore.</summary>
/// <remarks>A manifest without an engine is SQLite's: backups made before PostgreSQL was supported.</remarks>
public sealed record BackupManifest(int Format, DateTime CreatedUtc, string LastMigration, IReadOnlyDictionary<string, long> Rows, int EvidenceFiles,
    string Engine = nameof(DatabaseProvider.Sqlite));

/// <summary>A restore's findings: the manifest, and the evidence rows whose file is missing or differs.</summary>
public sealed record RestoreReport(BackupManifest Manifest, IReadOnlyList<string> MissingEvidence);

/// <summary>
/// One file that holds the whole county: a consistent copy of the database (SQLite's online backup; on PostgreSQL the
/// server's pg_dump in custom format, both while the app keeps running), the evidence files and a manifest, in a zip. The ballot secret is deliberately not in it
/// (decision 0011). Restore refuses a database that already holds data unless forced, and checks every evidence file
/// against the hash its row records.
/// </summary>
public sealed partial class BackupService(IDbContextFactory<DeputyDbContext> factory, EvidenceOptions evidence)
{
    private const int Format = 1;
    private const string DatabaseEntry = "database.sqlite";
    private const string PostgreSqlEntry = "database.pgdump";
    private const string ManifestEntry = "manifest.json";
    private const string EvidencePrefix = "evidence/";
    private static readonly string[] CountedTables =
        ["Deputies", "DutyLogs", "EvidenceFiles", "SatisfactionVotes", "ConstituentReports", "DepartmentEvaluations", "EvaluationDocuments", "SuggestionAttachments", "ExitCaseDocuments", "Notifications", "AuditEntries", "AspNetUsers"];

    [GeneratedRegex("^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}\\.[a-z0-9]{2,5}$")]
    private static partial Regex EvidenceKey();

    public async Task<BackupManifest> BackupAsync(Stream output, CancellationToken ct = default)
    {
        var (provider, connectionString) = await ConnectionAsync(ct);
        if (provider == DatabaseProvider.PostgreSQL) return await BackupPostgreSqlAsync(connectionString, output, ct);
        var copy = Path.Combine(Path.GetTempPath(), $"dp-backup-{Guid.NewGuid():N}.db");
        try
        {
            await using (var source = new SqliteConnection(connectionString))
            await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
            {
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }

            var manifest = new BackupManifest(Format, DateTime.UtcNow, await LastMigrationAsync(copy, ct), await CountRowsAsync(copy, ct), EvidenceKeys().Count());
            await WriteZipAsync(output, DatabaseEntry, copy, manifest, ct);
            return manifest;
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>
    /// PostgreSQL: the rows are counted and pg_dump copies the database in one snapshot (exported by a repeatable-read
    /// transaction held open while the dump runs), so the manifest describes exactly the dump.
    /// </summary>
    private async Task<BackupManifest> BackupPostgreSqlAsync(string connectionString, Stream output, CancellationToken ct)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"dp-backup-{Guid.NewGuid():N}.pgdump");
        try
        {
            BackupManifest manifest;
            await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
                await using var export = connection.CreateCommand();
                export.Transaction = tx;
                export.CommandText = "SELECT pg_export_snapshot()";
                var snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
                manifest = new BackupManifest(Format, DateTime.UtcNow, await LastMigrationAsync(connection, ct), await CountRowsAsync(connection, ct),
                    EvidenceKeys().Count(), nameof(DatabaseProvider.PostgreSQL));
                await PostgreSqlDump.DumpAsync(connectionString, snapshot, dump, ct);
                await tx.CommitAsync(ct);
            }

            await WriteZipAsync(output, PostgreSqlEntry, dump, manifest, ct);
            return manifest;
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private async Task WriteZipAsync(Stream output, string databaseEntry, string databaseFile, BackupManifest manifest, CancellationToken ct)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await AddFileAsync(zip, databaseEntry, databaseFile, ct);
        var root = Path.GetFullPath(evidence.Folder);
        foreach (var key in EvidenceKeys())
        {
            await AddFileAsync(zip, EvidencePrefix + key, Path.Combine(root, key), ct);
        }

        await using var entry = zip.CreateEntry(ManifestEntry).Open();
        await JsonSerializer.SerializeAsync(entry, manifest, cancellationToken: ct);
    }

    public async Task<RestoreReport> RestoreAsync(Stream input, bool force, CancellationToken ct = default)
    {
        var (provider, connectionString) = await ConnectionAsync(ct);
        var extracted = Path.Combine(Path.GetTempPath(), $"dp-restore-{Guid.NewGuid():N}.db");
        try
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException)
            {
                throw new DomainException("Backup_NotABackup");
            }

            using (zip)
            {
                var manifest = await ReadManifestAsync(zip, ct);
                // A backup goes back into the engine it came from: a SQLite file is no PostgreSQL dump.
                if (manifest.Engine != provider.ToString()) throw new DomainException("Backup_OtherEngine", manifest.Engine, provider.ToString());
                var database = zip.GetEntry(provider == DatabaseProvider.PostgreSQL ? PostgreSqlEntry : DatabaseEntry) ?? throw new DomainException("Backup_NotABackup");
                database.ExtractToFile(extracted);
                if (provider == DatabaseProvider.PostgreSQL)
                {
                    if (!force && await HoldsDataAsync(provider, connectionString, ct)) throw new DomainException("Backup_TargetNotEmpty");
                    // One transaction: a dump that fails half-way leaves the database as it was.
                    await PostgreSqlDump.RestoreAsync(connectionString, extracted, ct);
                    Npgsql.NpgsqlConnection.ClearAllPools();
                }
                else
                {
                    if (await LastMigrationAsync(extracted, ct) is "") throw new DomainException("Backup_NotABackup");
                    if (!force && await HoldsDataAsync(provider, connectionString, ct)) throw new DomainException("Backup_TargetNotEmpty");

                    await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = extracted, Pooling = false }.ToString()))
                    await using (var target = new SqliteConnection(connectionString))
                    {
                        await source.OpenAsync(ct);
                        await target.OpenAsync(ct);
                        source.BackupDatabase(target);
                    }

                    SqliteConnection.ClearAllPools();
                }

                var root = Path.GetFullPath(evidence.Folder);
                foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(EvidencePrefix, StringComparison.Ordinal)))
                {
                    var key = entry.FullName[EvidencePrefix.Length..];
                    // Only names the evidence store itself makes: nothing in the archive can write outside the folder.
                    if (!EvidenceKey().IsMatch(key)) continue;
                    var path = Path.Combine(root, key);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    entry.ExtractToFile(path, overwrite: true);
                }

                await DatabaseSetup.MigrateAsync(factory, ct);
                return new RestoreReport(manifest, await MissingEvidenceAsync(root, ct));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(extracted);
        }
    }

    private async Task<IReadOnlyList<string>> MissingEvidenceAsync(string root, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var missing = new List<string>();
        // Duty-log evidence, evaluation documents, suggestion attachments and exit case documents share the evidence
        // folder; each records the hash of its file.
        var files = db.EvidenceFiles.AsNoTracking().Select(e => new { e.StorageKey, e.Sha256 })
            .Concat(db.EvaluationDocuments.AsNoTracking().Select(e => new { e.StorageKey, e.Sha256 }))
            .Concat(db.SuggestionAttachments.AsNoTracking().Select(e => new { e.StorageKey, e.Sha256 }))
            .Concat(db.ExitCaseDocuments.AsNoTracking().Select(e => new { e.StorageKey, e.Sha256 }));
        await foreach (var file in files.AsAsyncEnumerable().WithCancellation(ct))
        {
            var path = Path.Combine(root, file.StorageKey);
            if (!File.Exists(path))
            {
                missing.Add(file.StorageKey);
                continue;
            }

            await using var stream = File.OpenRead(path);
            if (!string.Equals(Convert.ToHexString(await SHA256.HashDataAsync(stream, ct)), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                missing.Add(file.StorageKey);
            }
        }

        return missing;
    }

    private IEnumerable<string> EvidenceKeys()
    {
        var root = Path.GetFullPath(evidence.Folder);
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(k => EvidenceKey().IsMatch(k))
            .Order(StringComparer.Ordinal);
    }

    private static async Task AddFileAsync(ZipArchive zip, string name, string path, CancellationToken ct)
    {
        await using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        await using var file = File.OpenRead(path);
        await file.CopyToAsync(entry, ct);
    }

    private static async Task<BackupManifest> ReadManifestAsync(ZipArchive zip, CancellationToken ct)
    {
        var entry = zip.GetEntry(ManifestEntry) ?? throw new DomainException("Backup_NotABackup");
        try
        {
            await using var stream = entry.Open();
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, cancellationToken: ct);
            return manifest is { Format: Format } ? manifest : throw new DomainException("Backup_NotABackup");
        }
        catch (JsonException)
        {
            throw new DomainException("Backup_NotABackup");
        }
    }

    private async Task<(DatabaseProvider Provider, string ConnectionString)> ConnectionAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (db.Database.IsSqlite() ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL, db.Database.GetConnectionString()!);
    }

    private static async Task<string> LastMigrationAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"";
        return await command.ExecuteScalarAsync(ct) as string ?? "";
    }

    private static async Task<string> LastMigrationAsync(string file, CancellationToken ct)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(MigrationId) FROM __EFMigrationsHistory";
            return await command.ExecuteScalarAsync(ct) as string ?? "";
        }
        catch (SqliteException)
        {
            return "";
        }
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        return await CountRowsAsync(connection, ct);
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in CountedTables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows[table] = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        return rows;
    }

    private static async Task<bool> HoldsDataAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        await using System.Data.Common.DbConnection connection = provider == DatabaseProvider.PostgreSQL
            ? new Npgsql.NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM \"Deputies\") + (SELECT COUNT(*) FROM \"AspNetUsers\")";
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return false; // a database never migrated holds nothing
        }
    }
}
