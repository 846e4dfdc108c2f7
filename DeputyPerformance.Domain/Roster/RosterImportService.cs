using System.Data.Common;
using System.Text.RegularExpressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Roster;

/// <summary>A problem of one row; Column is the canonical column name (see <see cref="RosterFormat.DisplayName"/>).</summary>
public sealed record RosterRowError(int Row, string Column, string Message);

public sealed record NamedInTown(string Town, string Name);

/// <summary>One field of an existing deputy that the import changes; Column is canonical, values as the user's language shows them.</summary>
public sealed record FieldChange(string Column, string Old, string New);

/// <summary>An existing deputy (term and number) that the import updates, by name as he is now, and what changes.</summary>
public sealed record DeputyChange(int Row, string Term, string Number, string Name, IReadOnlyList<FieldChange> Fields);

/// <summary>What an import would do (a preview) or did; nothing is written while Errors or FileError exist.</summary>
public sealed record RosterPreview
{
    /// <summary>At most this many row errors are listed; <see cref="ErrorCount"/> counts them all.</summary>
    public const int MaxListedErrors = 1000;

    public string? FileError { get; init; }
    public int RowCount { get; init; }
    public int DeputiesToCreate { get; init; }
    /// <summary>Rows whose deputy (same term and number) already exists: he is updated from the file.</summary>
    public int DeputiesToUpdate { get; init; }
    /// <summary>Of <see cref="DeputiesToUpdate"/>, those whose row changes a field; the first <see cref="MaxListedErrors"/> are in <see cref="Changes"/>.</summary>
    public int DeputiesChanged { get; init; }
    public IReadOnlyList<DeputyChange> Changes { get; init; } = [];
    public IReadOnlyList<string> NewTerms { get; init; } = [];
    public IReadOnlyList<string> NewTowns { get; init; } = [];
    public IReadOnlyList<NamedInTown> NewDistricts { get; init; } = [];
    public IReadOnlyList<string> NewDelegations { get; init; } = [];
    public IReadOnlyList<NamedInTown> NewStations { get; init; } = [];
    public IReadOnlyList<RosterRowError> Errors { get; init; } = [];
    public int ErrorCount { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool CanImport => FileError is null && ErrorCount == 0 && RowCount > 0;
}

/// <summary>The outcome of an import: Created, Updated (changed) and Unchanged deputies when Imported.</summary>
public sealed record RosterImportResult(RosterPreview Preview, bool Imported)
{
    public int Created { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }
}

/// <summary>
/// Imports the deputy roster (domain.md section 7): every row is validated first; then all rows are written in one
/// transaction, creating the terms, towns, districts, delegations and stations the file names, or nothing at all.
/// A deputy already in the term (same number) is updated from the file; his status and phone are kept.
/// </summary>
public sealed partial class RosterImportService(IDbContextFactory<DeputyDbContext> factory, ILogger<RosterImportService> logger, ImportQueue queue)
{
    private const int WriteSlice = 5000;

    /// <summary>Validates the file and tells what an import would create and update; writes nothing.</summary>
    public async Task<RosterPreview> PreviewAsync(Caller caller, Stream content, string fileName, long maxBytes = RosterReader.DefaultMaxBytes, CancellationToken ct = default)
    {
        Guard.Allow(DeputyPolicy.CanImportRoster(caller), caller, "Roster.Preview", logger, fileName);
        return await queue.RunAsync(token => PreviewCoreAsync(content, fileName, maxBytes, token), ct);
    }

    private async Task<RosterPreview> PreviewCoreAsync(Stream content, string fileName, long maxBytes, CancellationToken ct)
    {
        var (file, fileError) = await ReadAsync(content, fileName, maxBytes, ct);
        if (file is null)
        {
            return fileError!;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return (await PlanAsync(db, file, ct)).Preview;
    }

    /// <summary>Validates the file again and, when no row has an error, writes all of it in one transaction.</summary>
    public async Task<RosterImportResult> ImportAsync(Caller caller, Stream content, string fileName, long maxBytes = RosterReader.DefaultMaxBytes, CancellationToken ct = default)
    {
        Guard.Allow(DeputyPolicy.CanImportRoster(caller), caller, "Roster.Import", logger, fileName);
        return await queue.RunAsync(token => ImportCoreAsync(caller, content, fileName, maxBytes, token), ct);
    }

    private async Task<RosterImportResult> ImportCoreAsync(Caller caller, Stream content, string fileName, long maxBytes, CancellationToken ct)
    {
        var (file, fileError) = await ReadAsync(content, fileName, maxBytes, ct);
        if (file is null)
        {
            return new RosterImportResult(fileError!, false);
        }

        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.AuditActor = caller.UserName;
            // The plan is made inside the write transaction, so what it found missing is still missing when it is created.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var plan = await PlanAsync(db, file, ct);
            if (!plan.Preview.CanImport)
            {
                return new RosterImportResult(plan.Preview, false);
            }

            var result = await WriteAsync(db, plan, ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("{User} imported a roster from {File}: {Created} deputies created, {Updated} updated, {Unchanged} unchanged",
                caller.UserName, fileName, result.Created, result.Updated, result.Unchanged);
            return result;
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            // Another writer (a clerk on the master data pages) can still hold the database or take a name first.
            logger.LogWarning(ex, "Roster import from {File} by {User} failed while writing", fileName, caller.UserName);
            throw new DomainException("Roster_SaveFailed");
        }
    }

    private static async Task<(RosterFile? File, RosterPreview? FileError)> ReadAsync(Stream content, string fileName, long maxBytes, CancellationToken ct)
    {
        try
        {
            return (await RosterReader.ReadAsync(content, fileName, maxBytes, ct), null);
        }
        catch (DomainException ex)
        {
            return (null, new RosterPreview { FileError = ex.Message });
        }
    }

    private static async Task<RosterImportResult> WriteAsync(DeputyDbContext db, Plan plan, CancellationToken ct)
    {
        var preview = plan.Preview;
        var newTerms = plan.NewTermYears.ToDictionary(y => y, y => db.Terms.Add(new Term(TermName(y), y.Start, y.End)).Entity);

        var towns = await db.Towns.ToDictionaryAsync(t => t.Name, ct);
        foreach (var name in preview.NewTowns)
        {
            towns[name] = db.Towns.Add(new Town(name, RosterFormat.TownKindOf(name))).Entity;
        }

        var delegations = await db.Delegations.ToDictionaryAsync(d => d.Name, ct);
        foreach (var name in preview.NewDelegations)
        {
            delegations[name] = db.Delegations.Add(new Delegation(name)).Entity;
        }

        // Districts and stations need the ids of new towns, deputies those of everything else.
        await db.SaveChangesAsync(ct);

        var districts = await db.ElectoralDistricts.ToDictionaryAsync(d => (d.TownId, d.Name), ct);
        foreach (var d in preview.NewDistricts)
        {
            var townId = towns[d.Town].Id;
            districts[(townId, d.Name)] = db.ElectoralDistricts.Add(new ElectoralDistrict(d.Name, townId)).Entity;
        }

        var stations = await db.LiaisonStations.ToDictionaryAsync(s => (s.TownId, s.Name), ct);
        foreach (var s in preview.NewStations)
        {
            var townId = towns[s.Town].Id;
            stations[(townId, s.Name)] = db.LiaisonStations.Add(new LiaisonStation(s.Name, RosterFormat.StationKindOf(s.Name), townId)).Entity;
        }

        await db.SaveChangesAsync(ct);
        var termIds = plan.TermIds.Concat(newTerms.Select(t => KeyValuePair.Create(t.Key, t.Value.Id))).ToDictionary();
        var townIds = towns.ToDictionary(t => t.Key, t => t.Value.Id);
        var districtIds = districts.ToDictionary(d => d.Key, d => d.Value.Id);
        var stationIds = stations.ToDictionary(s => s.Key, s => s.Value.Id);
        var delegationIds = delegations.ToDictionary(d => d.Key, d => d.Value.Id);
        db.ChangeTracker.Clear();

        // Deputies in slices, each loading the deputies it updates by key and clearing the change tracker after it,
        // so that memory stays flat for the largest files; the transaction still spans them all.
        var (created, updated) = (0, 0);
        foreach (var slice in plan.Rows.Chunk(WriteSlice))
        {
            var ids = slice.Select(r => plan.DeputyIds.GetValueOrDefault((termIds[r.Term], r.Number))).Where(id => id != 0).ToList();
            var existing = await db.Deputies.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => (d.TermId, d.DeputyNumber), ct);
            foreach (var row in slice)
            {
                var termId = termIds[row.Term];
                var townId = townIds[row.Town];
                if (!existing.TryGetValue((termId, row.Number), out var deputy))
                {
                    deputy = db.Deputies.Add(new Deputy(termId, row.Number, row.Name, row.Level, townId)).Entity;
                    created++;
                }

                deputy.Update(row.Number, row.Name, row.Gender, row.Level, townId,
                    row.District.Length > 0 ? districtIds[(townId, row.District)] : null,
                    row.Delegation.Length > 0 ? delegationIds[row.Delegation] : null,
                    row.Station.Length > 0 ? stationIds[(townId, row.Station)] : null,
                    deputy.Phone, row.IsLeader);
            }

            // Entries() detects the changes: a deputy whose row says what the database already holds is not written again.
            updated += db.ChangeTracker.Entries<Deputy>().Count(e => e.State == EntityState.Modified);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return new RosterImportResult(preview, true) { Created = created, Updated = updated, Unchanged = plan.Rows.Count - created - updated };
    }

    private static string TermName((int Start, int End) years) => $"{years.Start}-{years.End}";

    private sealed record ValidRow(int RowNumber, (int Start, int End) Term, string Number, string Name, DeputyLevel Level, string Town,
        string District, string Delegation, string Station, Gender Gender, bool IsLeader);

    /// <summary>
    /// The preview with the valid rows behind it, the ids of the existing terms (by years) and of the deputies of the
    /// file's terms (by term id and number), and the years of the terms to create.
    /// </summary>
    private sealed record Plan(RosterPreview Preview, IReadOnlyList<ValidRow> Rows, IReadOnlyDictionary<(int Start, int End), int> TermIds,
        IReadOnlyDictionary<(int TermId, string Number), int> DeputyIds, IReadOnlyList<(int Start, int End)> NewTermYears);

    private static async Task<Plan> PlanAsync(DeputyDbContext db, RosterFile file, CancellationToken ct)
    {
        var (rows, errors) = Validate(file, ct);

        // A handful of queries whatever the size of the file: the master data in full (hundreds of rows at most),
        // and the numbers of the deputies of the terms the file names.
        var knownTerms = await db.Terms.AsNoTracking().Select(t => new { t.Id, t.Name, t.StartYear, t.EndYear }).ToListAsync(ct);
        // A term is found by its years, whatever its name; with two terms of the same years, the one named like the file's.
        var termIds = knownTerms.GroupBy(t => (t.StartYear, t.EndYear))
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Name == TermName(g.Key) ? 0 : 1).ThenBy(t => t.Id).First().Id);
        var townIds = await db.Towns.AsNoTracking().ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        var knownDistricts = (await db.ElectoralDistricts.AsNoTracking().Select(d => new { d.TownId, d.Name }).ToListAsync(ct))
            .Select(d => (d.TownId, d.Name)).ToHashSet();
        var knownStations = (await db.LiaisonStations.AsNoTracking().Select(d => new { d.TownId, d.Name }).ToListAsync(ct))
            .Select(d => (d.TownId, d.Name)).ToHashSet();
        var knownDelegations = (await db.Delegations.AsNoTracking().Select(d => d.Name).ToListAsync(ct)).ToHashSet();
        var fileTermIds = rows.Select(r => r.Term).Distinct().Where(termIds.ContainsKey).Select(y => termIds[y]).ToList();
        var existing = (await db.Deputies.AsNoTracking().Where(d => fileTermIds.Contains(d.TermId))
            .Select(d => new Current(d.Id, d.TermId, d.DeputyNumber, d.Name, d.Gender, d.Level, d.Town!.Name,
                d.ElectoralDistrict != null ? d.ElectoralDistrict.Name : "", d.Delegation != null ? d.Delegation.Name : "",
                d.LiaisonStation != null ? d.LiaisonStation.Name : "", d.IsStateOrganLeader))
            .ToListAsync(ct)).ToDictionary(d => (d.TermId, d.Number));
        var deputyIds = existing.ToDictionary(p => p.Key, p => p.Value.Id);
        var townNames = townIds.ToDictionary(p => p.Value, p => p.Key);
        var districtErrors = OtherTownErrors(rows, RosterFormat.ElectoralDistrict, r => r.District, knownDistricts, townIds, townNames, "Roster_DistrictInOtherTown").ToList();
        var stationErrors = OtherTownErrors(rows, RosterFormat.Station, r => r.Station, knownStations, townIds, townNames, "Roster_StationInOtherTown").ToList();
        errors.AddRange(districtErrors);
        errors.AddRange(stationErrors);
        var badDistrictRows = districtErrors.Select(e => e.Row).ToHashSet();
        var badStationRows = stationErrors.Select(e => e.Row).ToHashSet();
        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        var changes = new List<DeputyChange>();
        foreach (var row in rows)
        {
            if (termIds.TryGetValue(row.Term, out var termId) && existing.TryGetValue((termId, row.Number), out var current)
                && ChangesOf(current, row) is { Count: > 0 } fields)
            {
                changes.Add(new DeputyChange(row.RowNumber, TermName(row.Term), row.Number, current.Name, fields));
            }
        }

        var warnings = file.Warnings.ToList();
        if (changes.FirstOrDefault(c => c.Fields.Any(f => f.Column == RosterFormat.Name)) is { } renamed)
        {
            var renames = changes.Count(c => c.Fields.Any(f => f.Column == RosterFormat.Name));
            warnings.Add(DomainText.Format("Roster_Renames", renames, renamed.Number, renamed.Name, renamed.Fields.First(f => f.Column == RosterFormat.Name).New));
        }

        bool KnownInTown(HashSet<(int, string)> known, string town, string name) =>
            townIds.TryGetValue(town, out var id) && known.Contains((id, name));

        var newTermYears = rows.Select(r => r.Term).Distinct().Where(y => !termIds.ContainsKey(y)).Order().ToList();
        var updates = rows.Count(r => termIds.TryGetValue(r.Term, out var id) && deputyIds.ContainsKey((id, r.Number)));
        var preview = new RosterPreview
        {
            RowCount = file.Rows.Count,
            DeputiesToCreate = rows.Count - updates,
            DeputiesToUpdate = updates,
            DeputiesChanged = changes.Count,
            Changes = changes.Take(RosterPreview.MaxListedErrors).ToList(),
            NewTerms = newTermYears.Select(TermName).ToList(),
            NewTowns = rows.Select(r => r.Town).Distinct().Where(t => !townIds.ContainsKey(t)).Order(StringComparer.Ordinal).ToList(),
            NewDistricts = NewInTown(rows.Where(r => !badDistrictRows.Contains(r.RowNumber)).Select(r => (r.Town, r.District)), knownDistricts, KnownInTown),
            NewStations = NewInTown(rows.Where(r => !badStationRows.Contains(r.RowNumber)).Select(r => (r.Town, r.Station)), knownStations, KnownInTown),
            NewDelegations = rows.Select(r => r.Delegation).Where(d => d.Length > 0 && !knownDelegations.Contains(d)).Distinct()
                .Order(StringComparer.Ordinal).ToList(),
            Errors = errors.Take(RosterPreview.MaxListedErrors).ToList(),
            ErrorCount = errors.Count,
            Warnings = warnings,
        };
        return new Plan(preview, rows, termIds, deputyIds, newTermYears);
    }

    /// <summary>What an existing deputy has now, with names for his town, district, delegation and station.</summary>
    private sealed record Current(int Id, int TermId, string Number, string Name, Gender Gender, DeputyLevel Level, string Town,
        string District, string Delegation, string Station, bool IsLeader);

    /// <summary>The fields a row changes, as the import writes them (phone and status are kept; an empty gender is Unspecified).</summary>
    private static List<FieldChange> ChangesOf(Current now, ValidRow row)
    {
        var fields = new List<FieldChange>();
        void Compare(string column, string old, string @new)
        {
            if (!string.Equals(old, @new, StringComparison.Ordinal)) fields.Add(new FieldChange(column, old, @new));
        }

        Compare(RosterFormat.Name, now.Name, row.Name);
        Compare(RosterFormat.Level, LevelName(now.Level), LevelName(row.Level));
        Compare(RosterFormat.Town, now.Town, row.Town);
        Compare(RosterFormat.ElectoralDistrict, now.District, row.District);
        Compare(RosterFormat.Delegation, now.Delegation, row.Delegation);
        Compare(RosterFormat.Station, now.Station, row.Station);
        Compare(RosterFormat.Gender, GenderName(now.Gender), GenderName(row.Gender));
        Compare(RosterFormat.IsLeader, YesNo(now.IsLeader), YesNo(row.IsLeader));
        return fields;
    }

    private static string LevelName(DeputyLevel level) => DomainText.Get("Roster_Level_" + level);

    private static string GenderName(Gender gender) => gender == Gender.Unspecified ? "" : DomainText.Get("Roster_Gender_" + gender);

    private static string YesNo(bool yes) => DomainText.Get(yes ? "Roster_Yes" : "Roster_No");

    /// <summary>
    /// A district or station the row names that does not exist in the row's town but in another: an error, not new
    /// master data (a typo of the town, or a deputy filed under the wrong town).
    /// </summary>
    private static IEnumerable<RosterRowError> OtherTownErrors(IEnumerable<ValidRow> rows, string column, Func<ValidRow, string> name,
        HashSet<(int TownId, string Name)> known, Dictionary<string, int> townIds, Dictionary<int, string> townNames, string key)
    {
        var townsOf = known.GroupBy(k => k.Name).ToDictionary(g => g.Key, g => g.Select(k => townNames.GetValueOrDefault(k.TownId, "")).Order(StringComparer.Ordinal).ToList());
        foreach (var row in rows)
        {
            var value = name(row);
            if (value.Length == 0 || !townsOf.TryGetValue(value, out var towns)) continue;
            if (townIds.TryGetValue(row.Town, out var townId) && known.Contains((townId, value))) continue;
            yield return new RosterRowError(row.RowNumber, column, DomainText.Format(key, value, string.Join(DomainText.Get("Roster_ListSeparator"), towns), row.Town));
        }
    }

    private static List<NamedInTown> NewInTown(IEnumerable<(string Town, string Name)> named, HashSet<(int, string)> known,
        Func<HashSet<(int, string)>, string, string, bool> knownInTown) =>
        named.Where(n => n.Name.Length > 0 && !knownInTown(known, n.Town, n.Name)).Distinct()
            .Select(n => new NamedInTown(n.Town, n.Name))
            .OrderBy(n => n.Town, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal).ToList();

    /// <summary>Checks every row and collects every problem; only rows without any become ValidRows.</summary>
    private static (List<ValidRow> Rows, List<RosterRowError> Errors) Validate(RosterFile file, CancellationToken ct)
    {
        var errors = new List<RosterRowError>();
        var rows = new List<ValidRow>();
        var firstRowOf = new Dictionary<((int, int) Term, string Number), int>();
        foreach (var record in file.Rows)
        {
            ct.ThrowIfCancellationRequested();
            var before = errors.Count;
            void Error(string column, string key, params object?[] args) =>
                errors.Add(new RosterRowError(record.RowNumber, column, DomainText.Format(key, args)));

            var termText = record[RosterFormat.Term];
            var term = Term.ParseYears(termText);
            if (termText.Length == 0) Error(RosterFormat.Term, "Roster_Required");
            else if (term is null) Error(RosterFormat.Term, "Roster_TermFormat", termText);

            var number = record[RosterFormat.DeputyNumber];
            if (number.Length == 0) Error(RosterFormat.DeputyNumber, "Roster_Required");
            else if (number.Length > 30) Error(RosterFormat.DeputyNumber, "Deputy_NumberTooLong");
            else if (!NumberPattern().IsMatch(number)) Error(RosterFormat.DeputyNumber, "Deputy_NumberFormat");
            else if (term is { } years && !firstRowOf.TryAdd((years, number), record.RowNumber))
            {
                Error(RosterFormat.DeputyNumber, "Roster_DuplicateNumber", number, firstRowOf[(years, number)]);
            }

            var name = record[RosterFormat.Name];
            if (name.Length == 0) Error(RosterFormat.Name, "Roster_Required");
            else if (name.Length > 50) Error(RosterFormat.Name, "NameTooLong");

            var levelText = record[RosterFormat.Level];
            var level = RosterFormat.LevelOf(levelText);
            if (levelText.Length == 0) Error(RosterFormat.Level, "Roster_Required");
            else if (level is null) Error(RosterFormat.Level, "Roster_UnknownValue", levelText);

            var town = record[RosterFormat.Town];
            if (town.Length == 0) Error(RosterFormat.Town, "Roster_Required");
            else if (town.Length > 50) Error(RosterFormat.Town, "NameTooLong");

            // Districts and stations belong to the row's town (the same name may exist in two towns).
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
                rows.Add(new ValidRow(record.RowNumber, term!.Value, number, name, level!.Value, town, record[RosterFormat.ElectoralDistrict],
                    record[RosterFormat.Delegation], record[RosterFormat.Station], gender!.Value, leader!.Value));
            }
        }

        return (rows, errors);
    }

    /// <summary>The rule of <see cref="DeputyValidator"/> (letters, digits, - and _), length checked separately.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NumberPattern();
}
