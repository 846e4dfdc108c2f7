using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;

namespace DeputyPerformance.Domain.Auditing;

/// <summary>One changed field as a reader sees it: its name from resources, the old and the new value ("" when none).</summary>
public sealed record AuditChange(string Field, string Old, string New);

public sealed class AuditRow
{
    public long Id { get; init; }
    public long Sequence { get; init; }
    public DateTime AtUtc { get; init; }
    public string UserName { get; init; } = "";
    public string Action { get; init; } = "";
    public string EntityType { get; init; } = "";
    public string EntityId { get; init; } = "";
    public string Changes { get; init; } = "";

    /// <summary>The record type's name in the UI language.</summary>
    public string EntityName => AuditText.Entity(EntityType);

    public string ActionName => AuditText.Action(Action);

    /// <summary>The changed values, readable: field names from resources, old → new.</summary>
    public IReadOnlyList<AuditChange> Details => AuditText.Describe(EntityType, Action, Changes);
}

/// <summary>Filters of the audit grid and its export; all applied in SQL. Dates are the server's local calendar days.</summary>
public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, string? UserName = null, string? EntityType = null, string? Action = null);

/// <summary>The audit trail, for administrators only: the grid, its Excel export and the chain's verification.</summary>
public sealed class AuditService(IDbContextFactory<DeputyDbContext> factory, ILogger<AuditService> logger)
{
    public const int MaxExportRows = 100_000;

    private static readonly IReadOnlyDictionary<string, Expression<Func<AuditRow, object?>>> SortColumns =
        new Dictionary<string, Expression<Func<AuditRow, object?>>>
        {
            [nameof(AuditRow.Id)] = r => r.Sequence,
            [nameof(AuditRow.Sequence)] = r => r.Sequence,
            [nameof(AuditRow.AtUtc)] = r => r.Sequence,
            [nameof(AuditRow.UserName)] = r => r.UserName,
            [nameof(AuditRow.EntityType)] = r => r.EntityType,
            [nameof(AuditRow.Action)] = r => r.Action,
        };

    public async Task<PagedResult<AuditRow>> ListAsync(Caller caller, ListQuery query, AuditFilter? filter = null, CancellationToken ct = default)
    {
        Guard.Allow(OrganizationPolicy.CanReadAudit(caller), caller, "Audit.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = Filtered(db, query.Search, filter ?? new AuditFilter());
        // Newest first unless the grid asks otherwise; time sorts by the chain's sequence, which follows writing.
        var q = query.SortBy is null ? query with { SortBy = nameof(AuditRow.Sequence), Descending = true } : query;
        return await rows.OrderByColumn(q, SortColumns, nameof(AuditRow.Sequence)).ToPageAsync(q, ct);
    }

    /// <summary>The record types present in the trail, for the grid's filter.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(Caller caller, CancellationToken ct = default)
    {
        Guard.Allow(OrganizationPolicy.CanReadAudit(caller), caller, "Audit.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    /// <summary>The filtered trail as .xlsx (newest first, at most <see cref="MaxExportRows"/> rows), headers and values readable.</summary>
    public async Task ExportAsync(Caller caller, AuditFilter filter, string? search, Stream output, CancellationToken ct = default)
    {
        Guard.Allow(OrganizationPolicy.CanReadAudit(caller), caller, "Audit.Export", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Filtered(db, search, filter).OrderByDescending(r => r.Sequence).Take(MaxExportRows).ToListAsync(ct);
        var headers = new[] { "Audit_Sequence", "Audit_At", "Audit_User", "Audit_Action", "Audit_Entity", "Audit_EntityId", "Audit_Changes" }
            .Select(AuditText.Header).ToArray();
        var records = rows.Select(r => new Dictionary<string, object?>
        {
            [headers[0]] = r.Sequence,
            [headers[1]] = DateTime.SpecifyKind(r.AtUtc, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            [headers[2]] = ImportFiles.Neutralise(r.UserName),
            [headers[3]] = r.ActionName,
            [headers[4]] = r.EntityName,
            [headers[5]] = r.EntityId,
            [headers[6]] = ImportFiles.Neutralise(AuditText.ToText(r.Details)),
        });
        await output.SaveAsAsync(records, excelType: ExcelType.XLSX, cancellationToken: ct);
    }

    /// <summary>Walks the hash chain and names the first missing, altered or inserted entry (the verify-audit verb).</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AuditChain.VerifyAsync(db, ct);
    }

    private static IQueryable<AuditRow> Filtered(DeputyDbContext db, string? search, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime();
            entries = entries.Where(a => a.AtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime();
            entries = entries.Where(a => a.AtUtc < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            var user = filter.UserName.Trim();
            entries = entries.Where(a => a.UserName.StartsWith(user)); // a clerk types the start of a name
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType)) entries = entries.Where(a => a.EntityType == filter.EntityType);
        if (!string.IsNullOrWhiteSpace(filter.Action)) entries = entries.Where(a => a.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            entries = entries.Where(a => a.UserName.Contains(s) || a.EntityType.Contains(s) || a.EntityId == s);
        }

        return entries.Select(a => new AuditRow
        {
            Id = a.Id, Sequence = a.Sequence, AtUtc = a.AtUtc, UserName = a.UserName, Action = a.Action, EntityType = a.EntityType,
            EntityId = a.EntityId, Changes = a.Changes,
        });
    }
}

/// <summary>Names and values of the trail in the UI language (Resources/AuditText).</summary>
public static class AuditText
{
    /// <summary>The actions the trail records, for the grid's filter.</summary>
    public static readonly IReadOnlyList<string> Actions =
        ["Added", "Modified", "Deleted", "PasswordChanged", "PasswordReset", "Unlocked", "Disabled", "Enabled", "RoleChanged"];

    public static string Entity(string type) => Lookup("AuditEntity_" + type, type)!;

    public static string Action(string action) => Lookup("AuditAction_" + action, action)!;

    public static string Header(string key) => DomainText.Get(key);

    public static string Field(string type, string field) =>
        Lookup($"AuditField_{type}_{field}", null) ?? Lookup("AuditField_" + field, field)!;

    /// <summary>Added rows list their values as new, deleted rows as old, changes as old → new.</summary>
    public static IReadOnlyList<AuditChange> Describe(string entityType, string action, string changes)
    {
        if (string.IsNullOrWhiteSpace(changes))
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(changes);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var result = new List<AuditChange>();
            foreach (var property in json.RootElement.EnumerateObject())
            {
                var value = property.Value;
                var field = Field(entityType, property.Name);
                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("from", out var from) && value.TryGetProperty("to", out var to))
                {
                    result.Add(new AuditChange(field, Format(from), Format(to)));
                }
                else if (action == "Deleted")
                {
                    result.Add(new AuditChange(field, Format(value), ""));
                }
                else
                {
                    result.Add(new AuditChange(field, "", Format(value)));
                }
            }

            return result;
        }
        catch (JsonException)
        {
            return [new AuditChange(Field(entityType, "Changes"), "", changes)];
        }
    }

    /// <summary>"Field: old → new; Field: new" for the export's single cell.</summary>
    public static string ToText(IEnumerable<AuditChange> changes) =>
        string.Join("; ", changes.Select(c => c.Old.Length == 0 ? $"{c.Field}: {c.New}" : c.New.Length == 0 ? $"{c.Field}: {c.Old} → ∅" : $"{c.Field}: {c.Old} → {c.New}"));

    private static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => DomainText.Get("Audit_True"),
        JsonValueKind.False => DomainText.Get("Audit_False"),
        JsonValueKind.String => FormatText(value.GetString() ?? ""),
        _ => value.GetRawText(),
    };

    // Dates and times as the reader writes them; anything else as stored.
    private static string FormatText(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && text.Length > 10
            ? at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : text;

    private static string? Lookup(string key, string? fallback)
    {
        var text = DomainText.Get(key);
        return text == key ? fallback : text;
    }
}
