using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Organization;

/// <summary>Choices for the pick lists of forms and filters, limited to what the caller may use.</summary>
public sealed class LookupService(IDbContextFactory<DeputyDbContext> factory)
{
    public async Task<IReadOnlyList<Option>> TermsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Terms.AsNoTracking().OrderByDescending(t => t.StartYear).Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
    }

    /// <summary>The years the terms cover, newest first, and the year pages open with: this year, or the last year of the latest term.</summary>
    public async Task<(IReadOnlyList<int> Years, int DefaultYear)> YearsAsync(int currentYear, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var terms = await db.Terms.AsNoTracking().Select(t => new { t.StartYear, t.EndYear }).ToListAsync(ct);
        var years = terms.SelectMany(t => Enumerable.Range(t.StartYear, t.EndYear - t.StartYear + 1)).Distinct().OrderDescending().ToList();
        if (years.Count == 0)
        {
            return ([currentYear], currentYear);
        }

        return (years, years.Contains(currentYear) ? currentYear : years.Where(y => y <= currentYear).DefaultIfEmpty(years[^1]).First());
    }

    public async Task<IReadOnlyList<Option>> TownsAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var towns = db.Towns.AsNoTracking();
        if (caller.IsTownClerk)
        {
            towns = towns.Where(t => t.Id == caller.TownId);
        }

        return await towns.OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Option>> DelegationsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Delegations.AsNoTracking().OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Option>> ElectoralDistrictsAsync(int townId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ElectoralDistricts.AsNoTracking().Where(d => d.TownId == townId).OrderBy(t => t.Name)
            .Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
    }

    /// <summary>The liaison stations of a deputy's town (where his report to constituents can be held).</summary>
    public async Task<IReadOnlyList<Option>> StationsOfDeputyAsync(int deputyId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var townId = await db.Deputies.Where(d => d.Id == deputyId).Select(d => d.TownId).FirstOrDefaultAsync(ct);
        return await db.LiaisonStations.AsNoTracking().Where(s => s.TownId == townId).OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Option>> LiaisonStationsAsync(int townId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.LiaisonStations.AsNoTracking().Where(d => d.TownId == townId).OrderBy(t => t.Name)
            .Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
    }
}
