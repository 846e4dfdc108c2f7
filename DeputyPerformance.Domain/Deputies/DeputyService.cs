using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Deputies;

public sealed class DeputyRow
{
    public int Id { get; init; }
    public string TermName { get; init; } = "";
    public string DeputyNumber { get; init; } = "";
    public string Name { get; init; } = "";
    public DeputyLevel Level { get; init; }
    public int TownId { get; init; }
    public string TownName { get; init; } = "";
    public string? ElectoralDistrictName { get; init; }
    public string? DelegationName { get; init; }
    public string? LiaisonStationName { get; init; }
    public DeputyStatus Status { get; init; }
    public bool IsStateOrganLeader { get; init; }
}

/// <summary>Filters of the deputy list beside the search text.</summary>
public sealed record DeputyFilter(int? TermId = null, int? TownId = null, DeputyLevel? Level = null, DeputyStatus? Status = null);

/// <summary>Use cases on deputy records, each checking the caller's role and town scope first.</summary>
public sealed class DeputyService(
    IDbContextFactory<DeputyDbContext> factory, DeputyValidator validator, ILogger<DeputyService> logger)
{
    private static readonly IReadOnlyDictionary<string, Expression<Func<DeputyRow, object?>>> SortColumns =
        new Dictionary<string, Expression<Func<DeputyRow, object?>>>
        {
            [nameof(DeputyRow.DeputyNumber)] = r => r.DeputyNumber,
            [nameof(DeputyRow.Name)] = r => r.Name,
            [nameof(DeputyRow.Level)] = r => r.Level,
            [nameof(DeputyRow.TownName)] = r => r.TownName,
            [nameof(DeputyRow.ElectoralDistrictName)] = r => r.ElectoralDistrictName,
            [nameof(DeputyRow.DelegationName)] = r => r.DelegationName,
            [nameof(DeputyRow.LiaisonStationName)] = r => r.LiaisonStationName,
            [nameof(DeputyRow.Status)] = r => r.Status,
            [nameof(DeputyRow.TermName)] = r => r.TermName,
        };

    public async Task<PagedResult<DeputyRow>> ListAsync(Caller caller, ListQuery query, DeputyFilter filter, CancellationToken ct = default)
    {
        Guard.Allow(DeputyPolicy.CanList(caller), caller, "Deputy.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var deputies = db.Deputies.AsNoTracking();
        if (caller.IsTownClerk)
        {
            deputies = deputies.Where(d => d.TownId == caller.TownId);
        }

        if (filter.TermId is { } termId) deputies = deputies.Where(d => d.TermId == termId);
        if (filter.TownId is { } townId) deputies = deputies.Where(d => d.TownId == townId);
        if (filter.Level is { } level) deputies = deputies.Where(d => d.Level == level);
        if (filter.Status is { } status) deputies = deputies.Where(d => d.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            deputies = deputies.Where(d => d.Name.Contains(search) || d.DeputyNumber.Contains(search));
        }

        return await Project(deputies).OrderByColumn(query, SortColumns, nameof(DeputyRow.DeputyNumber)).ToPageAsync(query, ct);
    }

    private static IQueryable<DeputyRow> Project(IQueryable<Deputy> deputies) =>
        deputies.Select(d => new DeputyRow
        {
            Id = d.Id,
            TermName = d.Term!.Name,
            DeputyNumber = d.DeputyNumber,
            Name = d.Name,
            Level = d.Level,
            TownId = d.TownId,
            TownName = d.Town!.Name,
            ElectoralDistrictName = d.ElectoralDistrict!.Name,
            DelegationName = d.Delegation!.Name,
            LiaisonStationName = d.LiaisonStation!.Name,
            Status = d.Status,
            IsStateOrganLeader = d.IsStateOrganLeader,
        });

    /// <summary>A deputy's own record, for his "my record" page.</summary>
    public async Task<DeputyRow> GetOwnRecordAsync(Caller caller, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsDeputy && caller.DeputyId is not null, caller, "Deputy.OwnRecord", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(db.Deputies.AsNoTracking().Where(d => d.Id == caller.DeputyId)).FirstOrDefaultAsync(ct)
               ?? throw new NotFoundException();
    }

    public async Task<DeputyInput> GetForEditAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.Deputies.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        Guard.Allow(DeputyPolicy.CanRead(caller, d.Id, d.TownId), caller, "Deputy.Read", logger, id);
        return new DeputyInput
        {
            Id = d.Id,
            TermId = d.TermId,
            DeputyNumber = d.DeputyNumber,
            Name = d.Name,
            Gender = d.Gender,
            Level = d.Level,
            TownId = d.TownId,
            ElectoralDistrictId = d.ElectoralDistrictId,
            DelegationId = d.DelegationId,
            LiaisonStationId = d.LiaisonStationId,
            Phone = d.Phone,
            IsStateOrganLeader = d.IsStateOrganLeader,
            Status = d.Status,
            StatusSince = d.StatusSince,
        };
    }

    public async Task<int> SaveAsync(Caller caller, DeputyInput input, CancellationToken ct = default)
    {
        Guard.Allow(DeputyPolicy.CanWrite(caller, input.TownId), caller, "Deputy.Save", logger, input.Id);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await CheckConsistencyAsync(db, input, ct);

        Deputy deputy;
        if (input.Id is { } id)
        {
            deputy = await db.Deputies.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
            // Moving a deputy needs the right to both his old and his new town.
            Guard.Allow(DeputyPolicy.CanWrite(caller, deputy.TownId), caller, "Deputy.Save", logger, id);
            if (deputy.TermId != input.TermId)
            {
                throw new DomainException("Deputy_TermIsFixed");
            }
        }
        else
        {
            deputy = new Deputy(input.TermId, input.DeputyNumber.Trim(), input.Name.Trim(), input.Level, input.TownId);
            db.Deputies.Add(deputy);
        }

        deputy.Update(input.DeputyNumber.Trim(), input.Name.Trim(), input.Gender, input.Level, input.TownId,
            input.ElectoralDistrictId, input.DelegationId, input.LiaisonStationId,
            string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(), input.IsStateOrganLeader);
        // The status changes only through an exit case (Exits/ExitCaseService): the form shows it, never sets it.
        if (input.Status != deputy.Status || (input.Status != DeputyStatus.Active && input.StatusSince != deputy.StatusSince))
        {
            throw new DomainException("Deputy_StatusOnlyThroughCase");
        }

        await db.SaveChangesAsync(ct);
        return deputy.Id;
    }

    public async Task DeleteAsync(Caller caller, int id, CancellationToken ct = default)
    {
        Guard.Allow(DeputyPolicy.CanDelete(caller), caller, "Deputy.Delete", logger, id);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var deputy = await db.Deputies.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        db.Deputies.Remove(deputy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Logs, reports or accounts still point at the deputy. Nothing was written.
            logger.LogWarning("Deputy.Delete refused for {User}: deputy {Id} is still referenced ({Reason})", caller.UserName, id,
                ex.InnerException?.Message ?? ex.Message);
            throw new DomainException("InUse");
        }
    }

    /// <summary>Rules that need the database: the term exists, the number is free in the term, the district and station lie in the deputy's town.</summary>
    private static async Task CheckConsistencyAsync(DeputyDbContext db, DeputyInput input, CancellationToken ct)
    {
        if (!await db.Terms.AnyAsync(t => t.Id == input.TermId, ct)) throw new DomainException("TermRequired");
        if (!await db.Towns.AnyAsync(t => t.Id == input.TownId, ct)) throw new DomainException("TownRequired");
        var number = input.DeputyNumber.Trim();
        if (await db.Deputies.AnyAsync(d => d.TermId == input.TermId && d.DeputyNumber == number && d.Id != input.Id, ct))
        {
            throw new DomainException("Deputy_DuplicateNumber", number);
        }

        if (input.ElectoralDistrictId is { } districtId
            && !await db.ElectoralDistricts.AnyAsync(x => x.Id == districtId && x.TownId == input.TownId, ct))
        {
            throw new DomainException("Deputy_DistrictNotInTown");
        }

        if (input.LiaisonStationId is { } stationId
            && !await db.LiaisonStations.AnyAsync(x => x.Id == stationId && x.TownId == input.TownId, ct))
        {
            throw new DomainException("Deputy_StationNotInTown");
        }

        if (input.DelegationId is { } delegationId && !await db.Delegations.AnyAsync(x => x.Id == delegationId, ct))
        {
            throw new DomainException("ValueInvalid");
        }
    }
}
