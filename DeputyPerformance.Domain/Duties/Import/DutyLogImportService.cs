using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Duties.Import;

public enum ImportPhase
{
    Validating,
    Writing,
    Done,
}

/// <summary>Progress for the bar: Percent runs 0-50 while validating (by bytes read) and 50-100 while writing (by rows).</summary>
public sealed record ImportProgress(ImportPhase Phase, int Rows, int? TotalRows, int Percent);

/// <summary>A problem with one row (Row is the spreadsheet row number, the header being row 1), or with the file (Row 1, no column).</summary>
public sealed record ImportIssue(int Row, string? Column, string Message);

/// <summary>
/// What an import did. Succeeded is false when any row was wrong: then nothing was written and Errors lists the
/// first <see cref="DutyLogImportService.MaxListedIssues"/> problems of ErrorCount. Duplicates are rows already
/// imported earlier (same external_id, or the same row without one): skipped, not errors.
/// </summary>
public sealed record DutyImportResult(
    bool Succeeded, int RowsRead, int Imported, int Duplicates, int ErrorCount, IReadOnlyList<ImportIssue> Errors,
    IReadOnlyList<ImportIssue> Warnings, IReadOnlyList<int> DuplicateRows, long? BatchId)
{
    /// <summary>The accepted categories ("code（name）"), listed when a row named an unknown one.</summary>
    public IReadOnlyList<string> ValidCategories { get; init; } = [];

    /// <summary>Where a successful import spent its time, phase by phase (wall and process CPU), for the log and the benchmark.</summary>
    public IReadOnlyList<ImportPhaseTime> Phases { get; init; } = [];
}

/// <summary>One phase of an import: its wall time and the CPU time of the whole process (all threads) meanwhile.</summary>
public sealed record ImportPhaseTime(string Phase, TimeSpan Wall, TimeSpan Cpu);

/// <summary>How many valid rows name a category.</summary>
public sealed record CategoryCount(string Code, int Rows);

/// <summary>
/// What an import of the file would do, found without writing: RowsRead data rows (blank lines not counted), ToImport
/// new logs, Duplicates rows skipped (repeated in the file, or imported before for the same deputy), the errors and
/// warnings, and what the new logs are (categories, years, deputies). Nothing is written while ErrorCount is not 0.
/// </summary>
public sealed record DutyImportPreview(
    int RowsRead, int ToImport, int Duplicates, int ErrorCount, IReadOnlyList<ImportIssue> Errors, IReadOnlyList<ImportIssue> Warnings,
    IReadOnlyList<int> DuplicateRows, IReadOnlyList<CategoryCount> Categories, IReadOnlyList<int> Years, int Deputies)
{
    public IReadOnlyList<string> ValidCategories { get; init; } = [];

    public bool CanImport => ErrorCount == 0 && ToImport > 0;
}

/// <summary>
/// Bulk import of duty logs (domain.md section 7) from CSV (UTF-8 with or without BOM, GB18030) or .xlsx.
/// Pass 1 streams the file and validates every row, collecting errors; only a clean file gets pass 2, which
/// streams it again and writes all rows in ONE transaction with a prepared INSERT ... ON CONFLICT DO NOTHING
/// (the unique ImportKey makes a re-import skip rows already there). Memory does not grow with the file.
/// Deputy numbers resolve in the term whose years contain the row's date (the newer term when two do). The import key
/// (external_id, or a hash of the row) is unique per deputy, so one town's ids never meet another town's.
/// <see cref="PreviewAsync"/> runs pass 1 and looks the keys up, writing nothing. Both run in the <see cref="ImportQueue"/>.
/// </summary>
public sealed class DutyLogImportService(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock, ILogger<DutyLogImportService> logger, ImportQueue queue,
    IEnumerable<IApprovedLogsObserver>? observers = null)
{
    public const int MaxListedIssues = 1000;
    public const int MaxFields = 100;
    private const int ProgressEvery = 10_000;
    private const int ImportCacheKilobytes = 64 * 1024;
    /// <summary>Rows written together in index order (three are in flight at most: read, queued, written).</summary>
    private const int WriteChunk = 30_000;

    /// <summary>The file's columns: contract name (English) and the header key in DutyText (Column_ + name).</summary>
    public static readonly IReadOnlyList<string> Columns = ["deputy_number", "date", "category", "count", "description", "external_id"];

    /// <summary>What an .xlsx of duty logs may declare: Excel's own row limit, the field limit of CSV, and bounded text.</summary>
    public static readonly XlsxLimits XlsxLimits = new(MaxRows: 1_048_576, MaxColumns: MaxFields, MaxCells: 12_000_000,
        MaxTextLength: LogFileReader.MaxFieldLength, MaxUnpackedBytes: 768L * 1024 * 1024);

    /// <summary>A column of an issue as the user's language names it: 代表编号 for deputy_number; a header of the file as written.</summary>
    public static string DisplayName(string? column) =>
        column is null ? "" : Columns.Contains(column) ? DomainText.Get("Column_" + column) : column;

    /// <summary>A contract column for a message: its name in the user's language and, when that differs, the contract name.</summary>
    public static string Describe(string column) => DisplayName(column) is var shown && shown != column ? $"{shown} ({column})" : column;

    /// <summary>The category code a cell names: the code itself, or its Chinese or English name (with or without the part in brackets).</summary>
    public static string? CategoryOf(string text) => CategoryAliases.GetValueOrDefault(text.Trim());

    public async Task<DutyImportPreview> PreviewFileAsync(Caller caller, string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        await PreviewAsync(caller, Path.GetFileName(path),
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.SequentialScan), progress, ct);

    /// <summary>Validates every row and tells what an import would write and skip; writes nothing.</summary>
    public async Task<DutyImportPreview> PreviewAsync(Caller caller, string fileName, Func<Stream> open, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        Guard.Allow(DutyPolicy.CanImport(caller), caller, "DutyLog.Preview", logger, fileName);
        return await queue.RunAsync(token => PreviewCoreAsync(caller, fileName, open, progress, token), ct);
    }

    private async Task<DutyImportPreview> PreviewCoreAsync(Caller caller, string fileName, Func<Stream> open, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var context = await ImportContext.LoadAsync(db, caller, clock, ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var report = new Report();
        return await Task.Run(() =>
        {
            using var exists = SqlDialect.Of(connection).Command(connection, null,
                "SELECT CASE WHEN EXISTS(SELECT 1 FROM DutyLogs WHERE DeputyId = $deputy AND ImportKey = $key) THEN 1 ELSE 0 END");
            var pDeputy = SqlDialect.Add(exists, "$deputy", System.Data.DbType.Int32);
            var pKey = SqlDialect.Add(exists, "$key", System.Data.DbType.String);
            exists.Prepare();

            // Rows seen in the file by a 64-bit hash of (deputy, key): bounded memory for a million rows.
            var seen = new HashSet<long>();
            var categories = new Dictionary<string, int>();
            var years = new SortedSet<int>();
            var deputies = new HashSet<int>();
            var (toImport, duplicates) = (0, 0);
            var rows = ForEachRow(open, fileName, context, report, (row, r) =>
            {
                var key = r.ImportKey;
                var duplicate = !seen.Add(Hash64(r.DeputyId, key));
                if (!duplicate)
                {
                    pDeputy.Value = r.DeputyId;
                    pKey.Value = key;
                    duplicate = Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
                }

                if (duplicate)
                {
                    duplicates++;
                    report.Duplicate(row);
                    return;
                }

                toImport++;
                categories[r.Category] = categories.GetValueOrDefault(r.Category) + 1;
                years.Add(r.Date.Year);
                deputies.Add(r.DeputyId);
            }, fraction => progress?.Report(new ImportProgress(ImportPhase.Validating, toImport, null, (int)(100 * (fraction ?? 0)))), ct);

            progress?.Report(new ImportProgress(ImportPhase.Done, rows, rows, 100));
            var r = report.Result(false, rows, 0, 0, null);
            var counted = report.ErrorCount == 0;
            return new DutyImportPreview(rows, counted ? toImport : 0, counted ? duplicates : 0, r.ErrorCount, r.Errors, r.Warnings,
                counted ? r.DuplicateRows : [],
                counted ? DutyCategory.All.Where(categories.ContainsKey).Select(c => new CategoryCount(c, categories[c])).ToList() : [],
                counted ? years.ToList() : [], counted ? deputies.Count : 0)
            {
                ValidCategories = r.ValidCategories,
            };
        }, ct);
    }

    /// <summary>FNV-1a over the deputy id and the key: collisions are negligible (about 1 in 10^7 for a million rows).</summary>
    private static long Hash64(int deputyId, string key)
    {
        var hash = 14695981039346656037UL;
        hash = (hash ^ (uint)deputyId) * 1099511628211UL;
        foreach (var c in key) hash = (hash ^ c) * 1099511628211UL;
        return (long)hash;
    }

    public async Task<DutyImportResult> ImportFileAsync(Caller caller, string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        await ImportAsync(caller, Path.GetFileName(path),
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.SequentialScan), progress, ct);

    /// <summary>
    /// Imports a file that <paramref name="open"/> opens afresh for each pass (an uploaded file saved to a temp
    /// path, for instance). The format follows the name: .xlsx, else CSV.
    /// </summary>
    public async Task<DutyImportResult> ImportAsync(Caller caller, string fileName, Func<Stream> open, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        Guard.Allow(DutyPolicy.CanImport(caller), caller, "DutyLog.Import", logger, fileName);
        return await queue.RunAsync(token => ImportCoreAsync(caller, fileName, open, progress, token), ct);
    }

    private async Task<DutyImportResult> ImportCoreAsync(Caller caller, string fileName, Func<Stream> open, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var phases = new PhaseClock();
        var context = await ImportContext.LoadAsync(db, caller, clock, ct);
        phases.End("load deputies and rules");
        var sha = await HashAsync(open, ct);
        phases.End("hash");

        // Pass 1: validate every row, write nothing.
        var report = new Report();
        var validated = await Task.Run(() => Validate(open, fileName, context, report, progress, ct), ct);
        phases.End("validate (read, parse, check)");
        if (report.ErrorCount > 0)
        {
            progress?.Report(new ImportProgress(ImportPhase.Done, validated, validated, 100));
            return report.Result(false, validated, 0, 0, null);
        }

        // Pass 2: write in one transaction.
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.OpenConnectionAsync(ct);
        // Index pages of a large import are touched in random order: a bigger page cache for this connection
        // keeps them in memory instead of re-reading them (SQLite's default is 2 MB).
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        if (sqlite) await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{ImportCacheKilobytes}", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new DutyImportBatch(Path.GetFileName(fileName), sha, caller.UserName, now, validated, 0, 0);
        db.DutyImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        var (statements, indexes) = (new System.Diagnostics.Stopwatch(), new System.Diagnostics.Stopwatch());
        var (imported, duplicates, totals) = await Task.Run(() =>
            Write(db, tx, open, fileName, context, report, batch.Id, caller.UserName, now, validated, progress, statements, indexes, ct), ct);
        phases.End("write (read, parse, order, insert, indexes)");
        phases.Add("of which the insert statements (wall)", statements.Elapsed);
        phases.Add("of which the index rebuild (wall)", indexes.Elapsed);
        if (report.ErrorCount > 0 || await HashAsync(open, ct) != sha)
        {
            // The file changed between the passes: nothing is kept.
            if (report.ErrorCount == 0) report.Error(1, null, DomainText.Get("Import_FileChanged"));
            await tx.RollbackAsync(ct);
            return report.Result(false, validated, 0, 0, null);
        }

        phases.End("hash again");
        batch.Complete(imported, duplicates);
        await db.SaveChangesAsync(ct);
        // The yearly totals in bulk, in the same transaction (a large import marks its years stale for one recomputation).
        await ScoreQueries.ApplyAsync(db, totals, ct);
        phases.End("yearly totals and scores");
        foreach (var observer in observers ?? [])
        {
            await observer.OnApprovedLogsChangedAsync(db, totals.DeputyIds, ct);
        }

        phases.End("exit flags");
        await tx.CommitAsync(ct);
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", ct);
        phases.End("commit");
        logger.LogInformation("Imported {Imported} duty logs ({Duplicates} duplicates) from {File} by {User}: {Phases}",
            imported, duplicates, fileName, caller.UserName, phases);
        progress?.Report(new ImportProgress(ImportPhase.Done, validated, validated, 100));
        return report.Result(true, validated, imported, duplicates, batch.Id) with { Phases = phases.Phases };
    }

    /// <summary>Wall and process CPU time per phase of an import.</summary>
    private sealed class PhaseClock
    {
        private readonly System.Diagnostics.Stopwatch _wall = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _lastWall;
        private TimeSpan _lastCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

        public List<ImportPhaseTime> Phases { get; } = [];

        public void End(string phase)
        {
            var wall = _wall.Elapsed;
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            Phases.Add(new ImportPhaseTime(phase, wall - _lastWall, cpu - _lastCpu));
            (_lastWall, _lastCpu) = (wall, cpu);
        }

        /// <summary>A part of the phase just ended, by wall time only (its thread's CPU is not measured apart).</summary>
        public void Add(string part, TimeSpan wall) => Phases.Add(new ImportPhaseTime(part, wall, TimeSpan.Zero));

        public override string ToString() => string.Join(", ", Phases.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Wall.TotalSeconds:F1} s (CPU {p.Cpu.TotalSeconds:F1} s)")));
    }

    /// <summary>A CSV template with the contract headers and one example row.</summary>
    public static void WriteCsvTemplate(Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(true), leaveOpen: true);
        writer.Write(string.Join(",", Columns) + "\r\n");
        writer.Write("C001,2019-03-15," + DutyCategory.Inspection + ",1,,\r\n");
    }

    /// <summary>Pass 1: every row checked; the number of data rows read (valid or not, blank lines not counted).</summary>
    private static int Validate(Func<Stream> open, string fileName, ImportContext context, Report report, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var valid = 0;
        return ForEachRow(open, fileName, context, report, (_, _) => valid++,
            fraction => progress?.Report(new ImportProgress(ImportPhase.Validating, valid, null, (int)(50 * (fraction ?? 0)))), ct);
    }

    private static (int Imported, int Duplicates, ScoreTotalsDelta Totals) Write(DeputyDbContext db, IDbContextTransaction tx, Func<Stream> open, string fileName,
        ImportContext context, Report report, long batchId, string user, DateTime now, int total, IProgress<ImportProgress>? progress, System.Diagnostics.Stopwatch statements, System.Diagnostics.Stopwatch indexes, CancellationToken ct)
    {
        using var writer = DutyLogChunkWriter.Create(db.Database.GetDbConnection(), tx.GetDbTransaction(), user, now, batchId, total);

        var imported = 0;
        var duplicates = 0;
        var rows = 0;
        var totals = new ScoreTotalsDelta();

        // Two cores: this thread writes while a second one reads, checks and orders the next chunk.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var queue = new BlockingCollection<List<(int Row, ParsedRow Log, string Key)>>(boundedCapacity: 1);
        var readerDuplicates = 0;
        var reader = Task.Run(() =>
        {
            try
            {
                var chunk = new List<(int Row, ParsedRow Log)>(WriteChunk);
                ForEachRow(open, fileName, context, report, (row, r) =>
                {
                    rows++;
                    chunk.Add((row, r));
                    if (chunk.Count == WriteChunk)
                    {
                        queue.Add(Order(chunk, report, ref readerDuplicates), stop.Token);
                        chunk.Clear();
                    }
                }, _ => progress?.Report(new ImportProgress(ImportPhase.Writing, rows, total, 50 + (total == 0 ? 50 : 50 * rows / total))),
                stop.Token);
                queue.Add(Order(chunk, report, ref readerDuplicates), stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token);

        try
        {
            foreach (var ordered in queue.GetConsumingEnumerable(stop.Token))
            {
                statements.Start();
                var written = writer.Write(ordered);
                statements.Stop();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var (row, r, _) = ordered[i];
                    if (written[i])
                    {
                        imported++;
                        totals.Add(r.DeputyId, r.Date.Year, r.Category, r.Count);
                    }
                    else
                    {
                        duplicates++;
                        report.Duplicate(row);
                    }
                }
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            // The reader's own exception (cancellation included) surfaces here.
            reader.GetAwaiter().GetResult();
        }

        indexes.Start();
        writer.Finish();
        indexes.Stop();
        report.SortDuplicates();
        return (imported, duplicates + readerDuplicates, totals);
    }

    /// <summary>
    /// A chunk in index order: the first of rows that share a deputy and an import key wins, as in file order, and the
    /// rest are written by (deputy, date), so the deputy-first indexes fill page by page instead of at random.
    /// </summary>
    private static List<(int Row, ParsedRow Log, string Key)> Order(List<(int Row, ParsedRow Log)> chunk, Report report, ref int duplicates)
    {
        var seen = new HashSet<(int, string)>();
        var keyed = new List<(int Row, ParsedRow Log, string Key)>(chunk.Count);
        foreach (var (row, log) in chunk)
        {
            var key = log.ImportKey;
            if (seen.Add((log.DeputyId, key)))
            {
                keyed.Add((row, log, key));
            }
            else
            {
                duplicates++;
                report.Duplicate(row);
            }
        }

        keyed.Sort((a, b) => a.Log.DeputyId != b.Log.DeputyId ? a.Log.DeputyId.CompareTo(b.Log.DeputyId)
            : a.Log.Date != b.Log.Date ? a.Log.Date.CompareTo(b.Log.Date) : a.Row.CompareTo(b.Row));
        return keyed;
    }

    /// <summary>
    /// Reads the header and every row, hands valid rows to <paramref name="onRow"/> and records problems; returns the
    /// number of data rows read (blank lines not counted). The token is checked on every row.
    /// </summary>
    private static int ForEachRow(Func<Stream> open, string fileName, ImportContext context, Report report,
        Action<int, ParsedRow> onRow, Action<double?> onProgress, CancellationToken ct)
    {
        IRowSource? source = null;
        var rows = 0;
        try
        {
            source = LogFileReader.Open(fileName, open(), ct);
            if (!source.Read())
            {
                report.Error(1, null, DomainText.Get("Import_Empty"));
                return 0;
            }

            if (source.EncodingDoubtful) report.Warning(1, null, DomainText.Get("Import_EncodingDoubtful"));
            var map = ReadHeader(source, report);
            if (map is null) return 0;
            var count = 0;
            while (source.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (++count % ProgressEvery == 0) onProgress(source.Fraction);
                if (IsBlank(source)) continue;
                rows++;
                if (source.IsMalformed)
                {
                    report.Error(source.Row, null, DomainText.Get("Import_BadQuotes"));
                    continue;
                }

                if (source.FieldCount > MaxFields)
                {
                    report.Error(source.Row, null, DomainText.Format("Import_TooManyFields", MaxFields));
                    continue;
                }

                if (HasUnreadable(source))
                {
                    report.Error(source.Row, null, DomainText.Get("Import_BadEncoding"));
                    continue;
                }

                if (context.Parse(source, map, report) is { } row)
                {
                    onRow(source.Row, row);
                }
            }

            onProgress(1);
        }
        catch (RowTooLongException ex)
        {
            report.Error(ex.Row, null, DomainText.Format("Import_RowTooLong", LogFileReader.MaxFieldLength / 1024, LogFileReader.MaxLineLength / 1024));
        }
        catch (DomainException ex)
        {
            // The workbook was refused before reading (an .xlsx bomb).
            report.Error(1, null, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or CsvHelper.CsvFormatException
                                       || ex.GetType().Namespace?.StartsWith("MiniExcel", StringComparison.Ordinal) == true
                                       || ex is System.Xml.XmlException)
        {
            report.Error(Math.Max(1, source?.Row ?? 1), null, DomainText.Get("Import_Unreadable"));
        }
        finally
        {
            source?.Dispose();
        }

        return rows;
    }

    /// <summary>A cell holds bytes that neither UTF-8 nor GB18030 could read (a Latin-1 file, for one).</summary>
    private static bool HasUnreadable(IRowSource source)
    {
        for (var i = 0; i < source.FieldCount; i++)
        {
            if (source[i].Contains(ImportFiles.Unreadable)) return true;
        }

        return false;
    }

    private static bool IsBlank(IRowSource source)
    {
        for (var i = 0; i < source.FieldCount; i++)
        {
            if (!string.IsNullOrWhiteSpace(source[i])) return false;
        }

        return true;
    }

    /// <summary>Column index per contract column (-1 when absent); null when a required column is missing or doubled.</summary>
    private static int[]? ReadHeader(IRowSource source, Report report)
    {
        var map = Enumerable.Repeat(-1, Columns.Count).ToArray();
        var ok = true;
        for (var i = 0; i < source.FieldCount; i++)
        {
            var header = source[i].Trim().Trim('\uFEFF');
            if (header.Length == 0) continue;
            var column = HeaderAliases.TryGetValue(header, out var c) ? c : -1;
            if (column < 0)
            {
                report.Warning(1, header, DomainText.Format("Import_ExtraColumn", header));
            }
            else if (map[column] >= 0)
            {
                report.Error(1, header, DomainText.Format("Import_DuplicateColumn", header));
                ok = false;
            }
            else
            {
                map[column] = i;
            }
        }

        foreach (var required in new[] { 0, 1, 2 })
        {
            if (map[required] < 0)
            {
                report.Error(1, Columns[required], DomainText.Format("Import_MissingColumn", Describe(Columns[required])));
                ok = false;
            }
        }

        return ok ? map : null;
    }

    /// <summary>Headers accepted per column: the contract name, and the English and Chinese headers of DutyText.</summary>
    private static readonly Dictionary<string, int> HeaderAliases = BuildAliases();

    private static Dictionary<string, int> BuildAliases()
    {
        var aliases = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Columns.Count; i++)
        {
            aliases[Columns[i]] = i;
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("zh-CN") })
            {
                foreach (var manager in DomainText.ResourceManagers)
                {
                    if (manager.GetString("Column_" + Columns[i], culture) is { } text) aliases.TryAdd(text, i);
                }
            }
        }

        return aliases;
    }

    /// <summary>Category spellings accepted per code: the code, and the English and Chinese names of DutyText (also without their part in brackets).</summary>
    private static readonly Dictionary<string, string> CategoryAliases = BuildCategoryAliases();

    private static Dictionary<string, string> BuildCategoryAliases()
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var shortNames = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in DutyCategory.All)
        {
            aliases[code] = code;
        }

        foreach (var code in DutyCategory.All)
        {
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("zh-CN") })
            {
                foreach (var manager in DomainText.ResourceManagers)
                {
                    if (manager.GetString("Category_" + code, culture) is not { } name) continue;
                    aliases.TryAdd(name.Trim(), code);
                    var cut = name.IndexOfAny(['（', '(']);
                    if (cut > 0)
                    {
                        // "学习培训（天）" is also "学习培训", unless two categories would share the short name.
                        var shortName = name[..cut].Trim();
                        shortNames[shortName] = shortNames.TryGetValue(shortName, out var other) && other != code ? null : code;
                    }
                }
            }
        }

        foreach (var (shortName, code) in shortNames)
        {
            if (code is not null) aliases.TryAdd(shortName, code);
        }

        return aliases;
    }

    private static async Task<string> HashAsync(Func<Stream> open, CancellationToken ct)
    {
        await using var stream = open();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    internal readonly record struct ParsedRow(int DeputyId, int TownId, DateOnly Date, string Category, int Count, string Description, string? ExternalId)
    {
        /// <summary>"id:" + external_id, or "nk:" + a hash of the row: the same activity imported twice is one log.</summary>
        public string ImportKey => ExternalId is not null ? "id:" + ExternalId : "nk:" + NaturalKey(DeputyId, Date, Category, Count, Description);

        private static string NaturalKey(int deputyId, DateOnly date, string category, int count, string description)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{deputyId}|{date:yyyy-MM-dd}|{category}|{count}|{description}");
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
            return Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_');
        }
    }

    /// <summary>The deputies, terms and rules a file is checked against, loaded once per import.</summary>
    private sealed class ImportContext
    {
        private readonly List<(int Id, int Start, int End, Dictionary<string, (int Id, int TownId)> Deputies)> _terms = [];
        private readonly Dictionary<int, HashSet<string>> _categoriesByYear = [];
        private Caller _caller = Caller.System;
        private DateOnly _today;

        public static async Task<ImportContext> LoadAsync(DeputyDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
        {
            var context = new ImportContext { _caller = caller, _today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime) };
            var terms = await db.Terms.AsNoTracking().OrderByDescending(t => t.StartYear).Select(t => new { t.Id, t.StartYear, t.EndYear }).ToListAsync(ct);
            foreach (var term in terms)
            {
                var deputies = await db.Deputies.AsNoTracking().Where(d => d.TermId == term.Id)
                    .Select(d => new { d.DeputyNumber, d.Id, d.TownId }).ToListAsync(ct);
                context._terms.Add((term.Id, term.StartYear, term.EndYear,
                    deputies.ToDictionary(d => d.DeputyNumber, d => (d.Id, d.TownId), StringComparer.OrdinalIgnoreCase)));
                for (var year = term.StartYear; year <= term.EndYear; year++)
                {
                    if (!context._categoriesByYear.ContainsKey(year))
                    {
                        var rules = await ScoringRuleService.EffectiveAsync(db, year, ct);
                        context._categoriesByYear[year] = rules.Categories.Select(c => c.Code).ToHashSet();
                    }
                }
            }

            return context;
        }

        public ParsedRow? Parse(IRowSource source, int[] map, Report report)
        {
            string Cell(int column) => map[column] >= 0 && map[column] < source.FieldCount ? source[map[column]].Trim() : "";
            var row = source.Row;
            var errors = report.ErrorCount;

            var number = Cell(0);
            var dateText = Cell(1);
            var categoryText = Cell(2);
            var category = CategoryOf(categoryText) ?? "";
            var countText = Cell(3);
            var description = Cell(4);
            var external = Cell(5);

            DateOnly date = default;
            if (dateText.Length == 0) report.Error(row, Columns[1], DomainText.Get("Duty_DateRequired"));
            else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                report.Error(row, Columns[1], DomainText.Format("Import_BadDate", Short(dateText)));
            else if (date > _today) report.Error(row, Columns[1], DomainText.Get("Duty_DateInFuture"));

            if (category.Length == 0)
            {
                report.Error(row, Columns[2], categoryText.Length == 0 ? DomainText.Get("Import_CategoryRequired") : DomainText.Format("Duty_UnknownCategory", Short(categoryText)));
                report.UnknownCategory();
            }
            else if (date != default && _categoriesByYear.TryGetValue(date.Year, out var codes) && !codes.Contains(category))
                report.Error(row, Columns[2], DomainText.Format("Duty_CategoryNotInRules", category, date.Year));

            var count = 1;
            if (countText.Length > 0 && (!int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count is <= 0 or > DutyLog.MaxCount))
                report.Error(row, Columns[3], DomainText.Format("Import_BadCount", Short(countText), DutyLog.MaxCount));

            if (description.Length > DutyLog.MaxDescriptionLength)
                report.Error(row, Columns[4], DomainText.Format("Duty_DescriptionTooLong", DutyLog.MaxDescriptionLength));
            if (external.Length > DutyLog.MaxExternalIdLength)
                report.Error(row, Columns[5], DomainText.Format("Import_ExternalIdTooLong", DutyLog.MaxExternalIdLength));

            (int Id, int TownId) deputy = default;
            if (number.Length == 0) report.Error(row, Columns[0], DomainText.Get("Duty_DeputyRequired"));
            else if (date != default)
            {
                var found = false;
                var inTerm = false;
                foreach (var term in _terms)
                {
                    if (date.Year < term.Start || date.Year > term.End) continue;
                    inTerm = true;
                    if (term.Deputies.TryGetValue(number, out deputy))
                    {
                        found = true;
                        break;
                    }
                }

                if (!inTerm) report.Error(row, Columns[1], DomainText.Get("Duty_DateOutsideTerm"));
                else if (!found) report.Error(row, Columns[0], DomainText.Format("Import_UnknownDeputy", Short(number), date.Year));
                else if (_caller.IsTownClerk && deputy.TownId != _caller.TownId) report.Error(row, Columns[0], DomainText.Format("Import_OtherTown", Short(number)));
            }

            if (report.ErrorCount > errors) return null;
            // The known code instance, so a chunk of rows does not hold a copy of the category per row.
            var code = DutyCategory.All.First(c => c == category);
            return new ParsedRow(deputy.Id, deputy.TownId, date, code, count, description, external.Length > 0 ? external : null);
        }

        private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }

    /// <summary>Collects problems, listing at most <see cref="MaxListedIssues"/> of each kind but counting all.</summary>
    private sealed class Report
    {
        private readonly List<ImportIssue> _errors = [];
        private readonly List<ImportIssue> _warnings = [];
        private readonly List<int> _duplicates = [];

        private bool _unknownCategory;

        public int ErrorCount { get; private set; }

        public void UnknownCategory() => _unknownCategory = true;

        public void Error(int row, string? column, string message)
        {
            lock (_errors)
            {
                ErrorCount++;
                if (_errors.Count < MaxListedIssues) _errors.Add(new ImportIssue(row, column, message));
            }
        }

        public void Warning(int row, string? column, string message)
        {
            if (_warnings.Count < MaxListedIssues) _warnings.Add(new ImportIssue(row, column, message));
        }

        public void Duplicate(int row)
        {
            lock (_duplicates)
            {
                if (_duplicates.Count < MaxListedIssues) _duplicates.Add(row);
            }
        }

        public void SortDuplicates() => _duplicates.Sort();

        public DutyImportResult Result(bool succeeded, int rows, int imported, int duplicates, long? batchId) =>
            new(succeeded, rows, imported, duplicates, ErrorCount, _errors, _warnings, _duplicates, batchId)
            {
                ValidCategories = _unknownCategory
                    ? DutyCategory.All.Select(c => DomainText.Format("Import_CategoryChoice", c, DutyCategory.NameOf(c))).ToList()
                    : [],
            };
    }
}
