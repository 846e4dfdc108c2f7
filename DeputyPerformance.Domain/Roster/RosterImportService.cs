using System.Text.RegularExpressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Roster;

public sealed record RosterRowError(int Row, string Column, string Message);

public sealed record NamedInTown(string Town, string Name);

/// <summary>What an import would do (a preview) or did; nothing is written while Errors or FileError exist.</summary>
public sealed record RosterPreview
{
    public string? FileError { get; init; }
    public int RowCount { get; init; }
    public int DeputiesToCreate { get; init; }
    public int DeputiesToUpdate { get; init; }
    public IReadOnlyList<string> NewTerms { get; init; } = [];
    public IReadOnlyList<string> NewTowns { get; init; } = [];
    public IReadOnlyList<NamedInTown> NewDistricts { get; init; } = [];
    public IReadOnlyList<string> NewDelegations { get; init; } = [];
    public IReadOnlyList<NamedInTown> NewStations { get; init; } = [];
    public IReadOnlyList<RosterRowError> Errors { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool CanImport => FileError is null && Errors.Count == 0 && RowCount > 0;
}

public sealed record RosterImportResult(RosterPreview Preview, bool Imported);

/// <summary>
/// Imports the deputy roster (domain.md section 7): every row is validated first; then all rows are written in one
/// transaction, creating the terms, towns, districts, delegations and stations the file names, or nothing at all.
/// A deputy already in the term (same number) is updated from the file.
/// </summary>
public sealed partial class RosterImportService(IDbContextFactory<DeputyDbContext> factory, ILogger<RosterImportService> logger)
{
    public async Task<RosterPreview> PreviewAsync(Caller caller, Stream content, string fileName, long maxBytes = RosterReader.DefaultMaxBytes, CancellationToken ct = default)
    {
        Guard.Allow(DeputyPolicy.CanImportRoster(caller), caller, "Roster.Preview", logger, fileName);
        var (preview, _) = await PlanAsync(content, fileName, maxBytes, ct);
        return preview;
    }

    public async Task<RosterImportResult> ImportAsync(Caller caller, Stream content, string fileName, long maxBytes = RosterReader.DefaultMaxBytes, CancellationToken ct = default)
    {
        Guard.Allow(DeputyPolicy.CanImportRoster(caller), caller, "Roster.Import", logger, fileName);
        var (preview, rows) = await PlanAsync(content, fileName, maxBytes, ct);
        if (!preview.CanImport)
        {
            return new RosterImportResult(preview, false);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var terms = await db.Terms.ToDictionaryAsync(t => t.Name, ct);
        foreach (var name in preview.NewTerms)
        {
            var years = Term.ParseYears(name)!.Value;
            terms[name] = db.Terms.Add(new Term(name, years.Start, years.End)).Entity;
        }

        var towns = await db.Towns.ToDictionaryAsync(t => t.Name, ct);
        foreach (var name in preview.NewTowns)
        {
            towns[name] = db.Towns.Add(new Town(name, TownKind.Town)).Entity;
        }

        var delegations = await db.Delegations.ToDictionaryAsync(d => d.Name, ct);
        foreach (var name in preview.NewDelegations)
        {
            delegations[name] = db.Delegations.Add(new Delegation(name)).Entity;
        }

        await db.SaveChangesAsync(ct);

        var districts = (await db.ElectoralDistricts.ToListAsync(ct)).ToDictionary(d => (d.TownId, d.Name));
        foreach (var d in preview.NewDistricts)
        {
            var townId = towns[d.Town].Id;
            districts[(townId, d.Name)] = db.ElectoralDistricts.Add(new ElectoralDistrict(d.Name, townId)).Entity;
        }

        var stations = (await db.LiaisonStations.ToListAsync(ct)).ToDictionary(s => (s.TownId, s.Name));
        foreach (var s in preview.NewStations)
        {
            var townId = towns[s.Town].Id;
            stations[(townId, s.Name)] = db.LiaisonStations.Add(new LiaisonStation(s.Name, StationKind.Village, townId)).Entity;
        }

        await db.SaveChangesAsync(ct);

        var termIds = rows.Select(r => terms[r.Term].Id).Distinct().ToList();
        var existing = await db.Deputies.Where(d => termIds.Contains(d.TermId)).ToDictionaryAsync(d => (d.TermId, d.DeputyNumber), ct);
        foreach (var row in rows)
        {
            var termId = terms[row.Term].Id;
            var townId = towns[row.Town].Id;
            if (!existing.TryGetValue((termId, row.Number), out var deputy))
            {
                deputy = db.Deputies.Add(new Deputy(termId, row.Number, row.Name, row.Level, townId)).Entity;
                existing[(termId, row.Number)] = deputy;
            }

            deputy.Update(row.Number, row.Name, row.Gender, row.Level, townId,
                row.District.Length > 0 ? districts[(townId, row.District)].Id : null,
                row.Delegation.Length > 0 ? delegations[row.Delegation].Id : null,
                row.Station.Length > 0 ? stations[(townId, row.Station)].Id : null,
                deputy.Phone, row.IsLeader);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{User} imported a roster of {Rows} rows from {File}", caller.UserName, preview.RowCount, fileName);
        return new RosterImportResult(preview, true);
    }

    /// <summary>A CSV template (UTF-8 with BOM, so Excel shows Chinese) with the English headers and one example row.</summary>
    public static byte[] CsvTemplate(bool chineseHeaders)
    {
        var header = chineseHeaders ? RosterFormat.Columns.Select(RosterFormat.ChineseHeader) : RosterFormat.Columns;
        var text = string.Join(",", header) + "\r\n" + DomainText.Get("Roster_TemplateExample") + "\r\n";
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)];
    }

    /// <summary>The same template as an .xlsx workbook.</summary>
    public static byte[] XlsxTemplate(bool chineseHeaders)
    {
        var example = DomainText.Get("Roster_TemplateExample").Split(',');
        var row = new Dictionary<string, object>();
        for (var i = 0; i < RosterFormat.Columns.Count; i++)
        {
            var column = RosterFormat.Columns[i];
            row[chineseHeaders ? RosterFormat.ChineseHeader(column) : column] = i < example.Length ? example[i] : "";
        }

        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new[] { row });
        return stream.ToArray();
    }

    private sealed record ValidRow(int RowNumber, string Term, string Number, string Name, DeputyLevel Level, string Town,
        string District, string Delegation, string Station, Gender Gender, bool IsLeader);

    private async Task<(RosterPreview Preview, IReadOnlyList<ValidRow> Rows)> PlanAsync(Stream content, string fileName, long maxBytes, CancellationToken ct)
    {
        RosterFile file;
        try
        {
            file = await RosterReader.ReadAsync(content, fileName, maxBytes, ct);
        }
        catch (DomainException ex)
        {
            return (new RosterPreview { FileError = ex.Message }, []);
        }

        var errors = new List<RosterRowError>();
        var rows = new List<ValidRow>();
        var seen = new Dictionary<(string Term, string Number), int>();
        foreach (var record in file.Rows)
        {
            var before = errors.Count;
            void Error(string column, string key, params object?[] args) => errors.Add(new RosterRowError(record.RowNumber, column, DomainText.Format(key, args)));

            var term = record[RosterFormat.Term];
            if (term.Length == 0) Error(RosterFormat.Term, "Roster_Required");
            else if (Term.ParseYears(term) is null) Error(RosterFormat.Term, "Roster_TermFormat", term);

            var number = record[RosterFormat.DeputyNumber];
            if (number.Length == 0) Error(RosterFormat.DeputyNumber, "Roster_Required");
            else if (!NumberPattern().IsMatch(number)) Error(RosterFormat.DeputyNumber, "Deputy_NumberFormat");
            else if (seen.TryGetValue((term, number), out var firstRow)) Error(RosterFormat.DeputyNumber, "Roster_DuplicateNumber", number, firstRow);
            else seen[(term, number)] = record.RowNumber;

            var name = record[RosterFormat.Name];
            if (name.Length == 0) Error(RosterFormat.Name, "Roster_Required");
            else if (name.Length > 50) Error(RosterFormat.Name, "NameTooLong");

            var level = RosterFormat.LevelOf(record[RosterFormat.Level]);
            if (level is null) Error(RosterFormat.Level, "Roster_UnknownValue", record[RosterFormat.Level]);

            var town = record[RosterFormat.Town];
            if (town.Length == 0) Error(RosterFormat.Town, "Roster_Required");
            else if (town.Length > 50) Error(RosterFormat.Town, "NameTooLong");

            foreach (var (column, max) in new[] { (RosterFormat.ElectoralDistrict, 50), (RosterFormat.Delegation, 50), (RosterFormat.Station, 80) })
            {
                if (record[column].Length > max) Error(column, "NameTooLong");
            }

            var gender = RosterFormat.GenderOf(record[RosterFormat.Gender]);
            if (gender is null) Error(RosterFormat.Gender, "Roster_UnknownValue", record[RosterFormat.Gender]);

            var leader = RosterFormat.YesNoOf(record[RosterFormat.IsLeader]);
            if (leader is null) Error(RosterFormat.IsLeader, "Roster_UnknownValue", record[RosterFormat.IsLeader]);

            if (errors.Count == before)
            {
                rows.Add(new ValidRow(record.RowNumber, term, number, name, level!.Value, town, record[RosterFormat.ElectoralDistrict],
                    record[RosterFormat.Delegation], record[RosterFormat.Station], gender!.Value, leader!.Value));
            }
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var knownTerms = await db.Terms.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var knownTowns = await db.Towns.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var townIdByName = knownTowns.ToDictionary(t => t.Name, t => t.Id);
        var knownDistricts = (await db.ElectoralDistricts.AsNoTracking().Select(d => new { d.TownId, d.Name }).ToListAsync(ct))
            .Select(d => (d.TownId, d.Name)).ToHashSet();
        var knownStations = (await db.LiaisonStations.AsNoTracking().Select(d => new { d.TownId, d.Name }).ToListAsync(ct))
            .Select(d => (d.TownId, d.Name)).ToHashSet();
        var knownDelegations = (await db.Delegations.AsNoTracking().Select(d => d.Name).ToListAsync(ct)).ToHashSet();
        var termIdByName = knownTerms.ToDictionary(t => t.Name, t => t.Id);
        var fileTermIds = rows.Select(r => r.Term).Distinct().Where(termIdByName.ContainsKey).Select(n => termIdByName[n]).ToList();
        var existingNumbers = (await db.Deputies.AsNoTracking().Where(d => fileTermIds.Contains(d.TermId))
            .Select(d => new { d.TermId, d.DeputyNumber }).ToListAsync(ct)).Select(d => (d.TermId, d.DeputyNumber)).ToHashSet();

        bool KnownInTown(HashSet<(int, string)> known, string town, string name) =>
            townIdByName.TryGetValue(town, out var id) && known.Contains((id, name));

        var updates = rows.Count(r => termIdByName.TryGetValue(r.Term, out var id) && existingNumbers.Contains((id, r.Number)));
        var preview = new RosterPreview
        {
            RowCount = file.Rows.Count,
            DeputiesToCreate = rows.Count - updates,
            DeputiesToUpdate = updates,
            NewTerms = rows.Select(r => r.Term).Distinct().Where(t => !termIdByName.ContainsKey(t)).Order().ToList(),
            NewTowns = rows.Select(r => r.Town).Distinct().Where(t => !townIdByName.ContainsKey(t)).Order().ToList(),
            NewDistricts = rows.Where(r => r.District.Length > 0 && !KnownInTown(knownDistricts, r.Town, r.District))
                .Select(r => new NamedInTown(r.Town, r.District)).Distinct().OrderBy(d => d.Town).ThenBy(d => d.Name).ToList(),
            NewStations = rows.Where(r => r.Station.Length > 0 && !KnownInTown(knownStations, r.Town, r.Station))
                .Select(r => new NamedInTown(r.Town, r.Station)).Distinct().OrderBy(d => d.Town).ThenBy(d => d.Name).ToList(),
            NewDelegations = rows.Select(r => r.Delegation).Where(d => d.Length > 0 && !knownDelegations.Contains(d)).Distinct().Order().ToList(),
            Errors = errors,
            Warnings = file.Warnings,
        };
        return (preview, rows);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,30}$")]
    private static partial Regex NumberPattern();
}
