using DeputyPerformance.Domain.Deputies;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Support;

/// <summary>
/// One demo-county database shared by the tests of a class (IClassFixture): seeding takes about a second.
/// Tests in a class run one after another; a test that writes uses its own names and numbers and asserts
/// differences, never absolute counts of what another test may add.
/// </summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public CapturingLoggerProvider Logs { get; } = new();

    public TestDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync(seedDemo: true, logs: Logs);

    public async Task DisposeAsync() => await Db.DisposeAsync();

    public T Get<T>() where T : notnull => Db.Get<T>();

    /// <summary>The demo county's towns by id: the first is the demo town clerk's.</summary>
    public async Task<(int First, int Second)> TownsAsync()
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        var ids = await db.Towns.OrderBy(t => t.Id).Select(t => t.Id).Take(2).ToListAsync();
        return (ids[0], ids[1]);
    }

    public async Task<int> TermIdAsync()
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Terms.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
    }

    /// <summary>A seeded deputy of the town (the lowest id: the demo deputy's own record for the first town).</summary>
    public async Task<Deputy> DeputyOfTownAsync(int townId)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Deputies.AsNoTracking().Where(d => d.TownId == townId).OrderBy(d => d.Id).FirstAsync();
    }

    public async Task<int> DistrictOfTownAsync(int townId)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.ElectoralDistricts.Where(d => d.TownId == townId).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
    }

    public async Task<int> StationOfTownAsync(int townId)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.LiaisonStations.Where(d => d.TownId == townId).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
    }

    public async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Set<T>().CountAsync();
    }

    public async Task<long> LastAuditIdAsync()
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    /// <summary>Audit entries written after the given id, oldest first.</summary>
    public async Task<List<Domain.Auditing.AuditEntry>> AuditSinceAsync(long lastId)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Id > lastId).OrderBy(a => a.Id).ToListAsync();
    }
}
