using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Deputies;

public sealed class DeputyServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task TownClerkListsOnlyDeputiesOfHisTown()
    {
        var townId = await FirstTownIdAsync();
        var page = await _db.Get<DeputyService>().ListAsync(TestCallers.TownClerk(townId), new ListQuery(PageSize: 200), new DeputyFilter());

        Assert.Equal(15, page.TotalCount);
        Assert.All(page.Items, d => Assert.Equal(townId, d.TownId));
    }

    [Fact]
    public async Task TownClerkCannotCreateDeputyOfAnotherTownAndNothingIsWritten()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var towns = await ctx.Towns.OrderBy(t => t.Id).Select(t => t.Id).Take(2).ToListAsync();
        var before = await ctx.Deputies.CountAsync();
        var input = new DeputyInput { TermId = await ctx.Terms.Select(t => t.Id).FirstAsync(), DeputyNumber = "X001", Name = "Test", TownId = towns[1] };

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<DeputyService>().SaveAsync(TestCallers.TownClerk(towns[0]), input));

        Assert.Equal(before, await ctx.Deputies.CountAsync());
    }

    private async Task<int> FirstTownIdAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return await ctx.Towns.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
    }
}
