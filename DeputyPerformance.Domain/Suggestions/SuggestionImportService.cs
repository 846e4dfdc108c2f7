using System.Globalization;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>A problem with one row (Row is the spreadsheet row, the header being row 1) or with the file (row 1); the column as the user's language names it.</summary>
public sealed record SuggestionImportIssue(int Row, string? Column, string Message);

/// <param name="Imported">The suggestions written (a preview: the suggestions the import would write).</param>
/// <param name="Written">False for a preview: nothing was written.</param>
public sealed record SuggestionImportResult(int RowsRead, int Imported, int Unchanged, IReadOnlyList<SuggestionImportIssue> Errors, IReadOnlyList<SuggestionImportIssue> Warnings,
    bool Written = true)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// import-suggestions (domain.md section 7): every row is checked first and nothing is written while any row is wrong;
/// then all rows go in one transaction. A suggestion already stored (same session year and number) is left as it is, so
/// a re-import changes nothing. Imported suggestions are accepted (with their deputies' suggestion duty, as the app
/// records it), assigned, replied and rated as the row says; an imported rating is final and carries no vote.
/// </summary>
public sealed class SuggestionImportService(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock, ILogger<SuggestionImportService> logger)
{
    private const string Importer = "import-suggestions";

    public async Task<SuggestionImportResult> ImportFileAsync(Caller caller, string path, CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(path);
        return await ImportAsync(caller, Path.GetFileName(path), stream, ct);
    }

    /// <summary>Checks every row as the import does and says what it would write, writing nothing (the upload page's preview).</summary>
    public Task<SuggestionImportResult> PreviewAsync(Caller caller, string fileName, Stream stream, CancellationToken ct = default) =>
        ImportAsync(caller, fileName, stream, previewOnly: true, ct);

    public Task<SuggestionImportResult> ImportAsync(Caller caller, string fileName, Stream stream, CancellationToken ct = default) =>
        ImportAsync(caller, fileName, stream, previewOnly: false, ct);

    private async Task<SuggestionImportResult> ImportAsync(Caller caller, string fileName, Stream stream, bool previewOnly, CancellationToken ct)
    {
        Guard.Allow(SuggestionPolicy.CanManage(caller), caller, "Suggestion.Import", logger, fileName);
        var errors = new List<SuggestionImportIssue>();
        var warnings = new List<SuggestionImportIssue>();
        var rows = new List<(int Row, Dictionary<string, string> Cells)>();
        using (var source = LogFileReader.Open(fileName, stream, ct))
        {
            if (!source.Read())
            {
                errors.Add(new SuggestionImportIssue(1, null, DomainText.Get("SgImport_Empty")));
                return new SuggestionImportResult(0, 0, 0, errors, warnings, Written: false);
            }

            var map = new Dictionary<int, string>();
            for (var i = 0; i < source.FieldCount; i++)
            {
                var header = source[i].Trim().Trim('\uFEFF');
                if (header.Length == 0) continue;
                if (Aliases.TryGetValue(header, out var column) && !map.ContainsValue(column)) map[i] = column;
                else warnings.Add(new SuggestionImportIssue(1, header, DomainText.Format("Import_ExtraColumn", header)));
            }

            foreach (var required in Required.Where(r => !map.ContainsValue(r)))
            {
                errors.Add(new SuggestionImportIssue(1, ColumnName(required), DomainText.Format("SgImport_MissingColumn", ColumnName(required))));
            }

            if (errors.Count > 0) return new SuggestionImportResult(0, 0, 0, errors, warnings, Written: false);
            while (source.Read())
            {
                var cells = map.ToDictionary(m => m.Value, m => m.Key < source.FieldCount ? source[m.Key].Trim() : "");
                if (cells.Values.All(v => v.Length == 0)) continue;
                rows.Add((source.Row, cells));
            }
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var terms = await db.Terms.AsNoTracking().ToListAsync(ct);
        var departments = (await db.GovernmentDepartments.AsNoTracking().ToListAsync(ct)).GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.First().Id);
        var deputies = (await db.Deputies.AsNoTracking().Select(d => new { d.Id, d.TermId, d.DeputyNumber, d.TownId }).ToListAsync(ct))
            .ToDictionary(d => (d.TermId, d.DeputyNumber), d => (d.Id, d.TownId));
        var stored = (await db.Suggestions.AsNoTracking().Select(s => new { s.Year, s.Number }).ToListAsync(ct)).Select(s => (s.Year, s.Number)).ToHashSet();
        var seen = new HashSet<(int, int)>();
        var plans = new List<Plan>();
        var unchanged = 0;
        foreach (var (row, cells) in rows)
        {
            var before = errors.Count;
            void Error(string column, string key, params object?[] args) => errors.Add(new SuggestionImportIssue(row, ColumnName(column), DomainText.Format(key, args)));
            string Cell(string column) => cells.GetValueOrDefault(column, "");
            DateOnly? DateCell(string column)
            {
                var text = Cell(column);
                if (text.Length == 0) return null;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                Error(column, "SgImport_DateInvalid", text);
                return null;
            }

            if (!int.TryParse(Cell("number"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0) Error("number", "SgImport_NumberInvalid", Cell("number"));
            if (!int.TryParse(Cell("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1949 or > 2200) Error("year", "SgImport_YearInvalid", Cell("year"));
            if (errors.Count > before) continue;
            if (!seen.Add((year, number)))
            {
                Error("number", "SgImport_DuplicateInFile", $"{year}-{number:000}");
                continue;
            }

            if (stored.Contains((year, number)))
            {
                unchanged++;
                continue;
            }

            var term = terms.FirstOrDefault(t => t.StartYear <= year && year <= t.EndYear);
            var numbers = Cell("deputy_numbers").Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var people = new List<(int Id, int TownId)>();
            if (numbers.Length == 0) Error("deputy_numbers", "SgImport_Required", ColumnName("deputy_numbers"));
            foreach (var n in numbers)
            {
                if (term is not null && deputies.TryGetValue((term.Id, n), out var d)) people.Add(d);
                else Error("deputy_numbers", "SgImport_DeputyUnknown", n, year);
            }

            var lead = Cell("lead_department");
            int? leadId = null;
            if (lead.Length > 0)
            {
                if (departments.TryGetValue(lead, out var id)) leadId = id;
                else Error("lead_department", "SgImport_DepartmentUnknown", lead);
            }

            var coIds = new List<int>();
            foreach (var name in Cell("co_departments").Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (departments.TryGetValue(name, out var id)) coIds.Add(id);
                else Error("co_departments", "SgImport_DepartmentUnknown", name);
            }

            var assigned = DateCell("assigned");
            var due = DateCell("due");
            var replied = DateCell("replied");
            ReplyCategory? category = null;
            if (Cell("reply_category") is { Length: > 0 } c)
            {
                if (Enum.TryParse<ReplyCategory>(c, ignoreCase: true, out var parsed) && c.Length == 1) category = parsed;
                else Error("reply_category", "SgImport_CategoryInvalid", c);
            }

            SatisfactionOption? rating = null;
            if (Cell("rating") is { Length: > 0 } r)
            {
                rating = SuggestionSheet.RatingOf(r);
                if (rating is null) Error("rating", "SgImport_RatingInvalid", r);
            }

            var key = false;
            if (Cell("key") is { Length: > 0 } k)
            {
                if (SuggestionSheet.FlagOf(k) is { } flag) key = flag;
                else Error("key", "SgImport_KeyInvalid", k);
            }

            if (leadId is not null && assigned is null) Error("assigned", "SgImport_Required", ColumnName("assigned"));
            if (leadId is null && (assigned is not null || coIds.Count > 0 || category is not null)) Error("lead_department", "SgImport_Required", ColumnName("lead_department"));
            if ((category is null) != (replied is null)) Error(category is null ? "reply_category" : "replied", "SgImport_ReplyIncomplete");
            if (rating is not null && category is null) Error("rating", "SgImport_RatingWithoutReply");
            if (key && Cell("supervisor").Length == 0) Error("supervisor", "SgImport_Required", ColumnName("supervisor"));
            if (errors.Count > before) continue;

            var plan = new Plan(row, year, number, people, Cell("title"), Cell("content"), leadId, coIds, assigned, due, category, replied, rating,
                key ? Cell("supervisor") : null);
            try
            {
                // Built once in memory now, so every rule of the entity speaks before anything is written.
                var built = Build(plan, SuggestionRuleSet.Defaults(year));
                if (due is { } given && given != built.DueOn && built.DueOn is not null)
                {
                    warnings.Add(new SuggestionImportIssue(row, ColumnName("due"), DomainText.Format("SgImport_DueDiffers", Iso(given), Iso(built.DueOn.Value))));
                }
            }
            catch (DomainException ex)
            {
                errors.Add(new SuggestionImportIssue(row, null, ex.Message));
                continue;
            }

            plans.Add(plan);
        }

        if (errors.Count > 0) return new SuggestionImportResult(rows.Count, 0, unchanged, errors, warnings, Written: false);
        if (previewOnly) return new SuggestionImportResult(rows.Count, plans.Count, unchanged, errors, warnings, Written: false);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var made = new List<Suggestion>();
        // A supervisor's name that is one vice-chairman in office links the key suggestion to his record (his "my key suggestions").
        var viceChairmen = (await db.CommitteeMembers.AsNoTracking().Where(m => m.IsActive && m.Position == Committee.CommitteePosition.ViceChairman)
                .Select(m => new { m.Id, m.Name }).ToListAsync(ct))
            .GroupBy(m => m.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
        foreach (var plan in plans)
        {
            var s = Build(plan, await SuggestionService.RulesAsync(db, plan.Year, ct),
                plan.Supervisor is { } name && viceChairmen.TryGetValue(name, out var member) ? member : null);
            db.Suggestions.Add(s);
            made.Add(s);
        }

        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var s in made)
        {
            await SuggestionService.RecordDutiesAsync(db, s, caller.UserName, now, ct);
        }

        await tx.CommitAsync(ct);
        logger.LogInformation("{User} imported {Count} suggestion(s) from {File}", caller.UserName, made.Count, fileName);
        return new SuggestionImportResult(rows.Count, made.Count, unchanged, errors, warnings);
    }

    private sealed record Plan(
        int Row, int Year, int Number, List<(int Id, int TownId)> People, string Title, string Content, int? LeadId, List<int> CoIds, DateOnly? Assigned,
        DateOnly? Due, ReplyCategory? Category, DateOnly? Replied, SatisfactionOption? Rating, string? Supervisor);

    /// <summary>The suggestion the row describes, taken through the state machine; the imported rating is final (no rehandling).</summary>
    private static Suggestion Build(Plan p, SuggestionRuleSet rules, int? supervisorMemberId = null)
    {
        var submitted = p.Assigned ?? new DateOnly(p.Year, 1, 1);
        DateTime At(DateOnly d) => d.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var s = new Suggestion(p.Year, p.Number, p.People[0].Id, p.People[0].TownId, p.Title, p.Content, null, p.People.Skip(1).Select(x => x.Id), Importer, At(submitted));
        s.Accept(Importer, At(submitted));
        if (p.LeadId is { } lead)
        {
            s.Assign(lead, p.CoIds, p.Assigned!.Value, rules, Importer, At(p.Assigned.Value));
            if (p.Due is { } due && due == SuggestionClock.ExtendedReplyDue(p.Assigned.Value, rules) && due != s.DueOn)
            {
                s.Extend(DomainText.Get("SgImport_ExtendedInFile"), rules, Importer, At(p.Assigned.Value));
            }

            if (p.Category is { } category)
            {
                s.Reply(category, DomainText.Get("SgImport_ReplyText"), DomainText.Get("SgImport_ContactText"), p.Replied!.Value, Importer, At(p.Replied.Value));
                if (p.Rating is { } rating)
                {
                    var final = new SuggestionRuleSet(p.Year) { MaxRehandlings = 0 };
                    s.Rate(rating, p.Replied.Value, null, final, Importer, At(p.Replied.Value));
                }
            }
        }

        if (p.Supervisor is not null) s.MakeKey(supervisorMemberId, p.Supervisor, Importer, At(submitted));
        return s;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly string[] Required = ["number", "year", "deputy_numbers", "title", "content"];

    public static string ColumnName(string column) => DomainText.Get("SgColumn_" + column);

    /// <summary>Headers accepted per column: the contract name, and its English and Chinese headers.</summary>
    private static readonly Dictionary<string, string> Aliases = BuildAliases();

    private static Dictionary<string, string> BuildAliases()
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in SuggestionSheet.ContractColumns)
        {
            aliases[column] = column;
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("zh-CN") })
            {
                foreach (var manager in DomainText.ResourceManagers)
                {
                    if (manager.GetString("SgColumn_" + column, culture) is { } text) aliases.TryAdd(text, column);
                }
            }
        }

        return aliases;
    }
}
