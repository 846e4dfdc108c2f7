using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class ElectoralDistrictServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private ElectoralDistrictService Service => fx.Get<ElectoralDistrictService>();

    [Fact]
    public async Task ATownClerkAddsADistrictOnlyInHisTown()
    {
        var (town, other) = await fx.TownsAsync();

        var id = await Service.SaveAsync(TestCallers.TownClerk(town), new ElectoralDistrictInput { Name = "第9选区", TownId = town });

        Assert.True(id > 0);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.SaveAsync(TestCallers.TownClerk(town), new ElectoralDistrictInput { Name = "第9选区", TownId = other }));
    }

    [Fact]
    public async Task ATownClerkListsOnlyHisTownsDistricts()
    {
        var (town, _) = await fx.TownsAsync();

        var page = await Service.ListAsync(TestCallers.TownClerk(town), new ListQuery(PageSize: 200));

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, d => Assert.Equal(town, d.TownId));
    }

    [Fact]
    public async Task ADuplicateNameInTheSameTownIsRefused()
    {
        var (town, _) = await fx.TownsAsync();
        var existing = await Service.GetForEditAsync(TestCallers.CountyClerk, await fx.DistrictOfTownAsync(town));

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new ElectoralDistrictInput { Name = existing.Name, TownId = town }));

        Assert.Equal("DuplicateName", ex.Key);
    }

    [Fact]
    public async Task AnUnknownTownIsRefused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new ElectoralDistrictInput { Name = "无镇选区", TownId = 999_999 }));

        Assert.Equal("TownRequired", ex.Key);
    }

    [Fact]
    public async Task ListSortsByNameDescending()
    {
        var page = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(PageSize: 30, SortBy: nameof(ElectoralDistrictRow.Name), Descending: true));

        var names = page.Items.Select(d => d.Name).ToList();
        Assert.Equal(30, names.Count);
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), names);
        Assert.True(page.TotalCount >= 60);
    }
}
