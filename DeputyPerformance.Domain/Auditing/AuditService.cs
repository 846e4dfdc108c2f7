using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Auditing;

public sealed class AuditRow
{
    public long Id { get; init; }
    public DateTime AtUtc { get; init; }
    public string UserName { get; init; } = "";
    public string Action { get; init; } = "";
    public string EntityType { get; init; } = "";
    public string EntityId { get; init; } = "";
    public string Changes { get; init; } = "";
}

/// <summary>The audit trail, for administrators only.</summary>
public sealed class AuditService(IDbContextFactory<DeputyDbContext> factory, ILogger<AuditService> logger)
{
    private static readonly IReadOnlyDictionary<string, Expression<Func<AuditRow, object?>>> SortColumns =
        new Dictionary<string, Expression<Func<AuditRow, object?>>>
        {
            [nameof(AuditRow.Id)] = r => r.Id,
            [nameof(AuditRow.AtUtc)] = r => r.Id,
            [nameof(AuditRow.UserName)] = r => r.UserName,
            [nameof(AuditRow.EntityType)] = r => r.EntityType,
            [nameof(AuditRow.Action)] = r => r.Action,
        };

    public async Task<PagedResult<AuditRow>> ListAsync(Caller caller, ListQuery query, CancellationToken ct = default)
    {
        Guard.Allow(OrganizationPolicy.CanReadAudit(caller), caller, "Audit.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = db.AuditEntries.AsNoTracking().Select(a => new AuditRow
        {
            Id = a.Id, AtUtc = a.AtUtc, UserName = a.UserName, Action = a.Action, EntityType = a.EntityType, EntityId = a.EntityId, Changes = a.Changes,
        });
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            rows = rows.Where(r => r.UserName.Contains(s) || r.EntityType.Contains(s) || r.EntityId == s);
        }

        // Newest first unless the grid asks otherwise; AtUtc sorts by Id, which follows insertion.
        var q = query.SortBy is null ? query with { SortBy = nameof(AuditRow.Id), Descending = true } : query;
        return await rows.OrderByColumn(q, SortColumns, nameof(AuditRow.Id)).ToPageAsync(q, ct);
    }
}
