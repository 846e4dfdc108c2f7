using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

/// <summary>Stations lie in a town: a town clerk manages his own town's stations and nothing else.</summary>
public sealed class LiaisonStationServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private LiaisonStationService Service => fx.Get<LiaisonStationService>();

    [Fact]
    public async Task ATownClerkAddsAStationInHisTown()
    {
        var (town, _) = await fx.TownsAsync();

        var id = await Service.SaveAsync(TestCallers.TownClerk(town), new LiaisonStationInput { Name = "新建村代表联络站", TownId = town });

        Assert.Equal(town, (await Service.GetForEditAsync(TestCallers.TownClerk(town), id)).TownId);
    }

    [Fact]
    public async Task ATownClerkCannotAddAStationInAnotherTown()
    {
        var (town, other) = await fx.TownsAsync();
        var before = await fx.CountAsync<LiaisonStation>();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.SaveAsync(TestCallers.TownClerk(town), new LiaisonStationInput { Name = "外镇联络站", TownId = other }));

        Assert.Equal(before, await fx.CountAsync<LiaisonStation>());
    }

    [Fact]
    public async Task ATownClerkListsOnlyHisTownsStations()
    {
        var (town, _) = await fx.TownsAsync();

        var page = await Service.ListAsync(TestCallers.TownClerk(town), new ListQuery(PageSize: 200));

        Assert.True(page.TotalCount >= 5);
        Assert.All(page.Items, s => Assert.Equal(town, s.TownId));
    }

    [Fact]
    public async Task ATownClerkCannotReadAStationOfAnotherTown()
    {
        var (town, other) = await fx.TownsAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Service.GetForEditAsync(TestCallers.TownClerk(town), await fx.StationOfTownAsync(other)));
    }

    [Fact]
    public async Task ATownClerkCannotMoveHisStationToAnotherTown()
    {
        var (town, other) = await fx.TownsAsync();
        var input = await Service.GetForEditAsync(TestCallers.TownClerk(town), await fx.StationOfTownAsync(town));
        input.TownId = other;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), input));

        Assert.Equal(town, (await Service.GetForEditAsync(TestCallers.CountyClerk, input.Id!.Value)).TownId);
    }

    [Fact]
    public async Task ATownClerkCannotTakeOverAStationOfAnotherTownByClaimingHisOwnTown()
    {
        var (town, other) = await fx.TownsAsync();
        var foreign = await Service.GetForEditAsync(TestCallers.CountyClerk, await fx.StationOfTownAsync(other));
        var crafted = new LiaisonStationInput { Id = foreign.Id, Name = "被占用", Kind = foreign.Kind, TownId = town };

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), crafted));

        var stored = await Service.GetForEditAsync(TestCallers.CountyClerk, foreign.Id!.Value);
        Assert.Equal(foreign.Name, stored.Name);
        Assert.Equal(other, stored.TownId);
    }

    [Fact]
    public async Task ATownClerkCannotDeleteAStationOfAnotherTown()
    {
        var (town, other) = await fx.TownsAsync();
        var before = await fx.CountAsync<LiaisonStation>();

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Service.DeleteAsync(TestCallers.TownClerk(town), await fx.StationOfTownAsync(other)));

        Assert.Equal(before, await fx.CountAsync<LiaisonStation>());
    }

    [Fact]
    public async Task ADuplicateNameInTheSameTownIsRefusedButAllowedInAnotherTown()
    {
        var (town, other) = await fx.TownsAsync();
        var existing = await Service.GetForEditAsync(TestCallers.CountyClerk, await fx.StationOfTownAsync(town));

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new LiaisonStationInput { Name = existing.Name, TownId = town }));
        var elsewhere = await Service.SaveAsync(TestCallers.CountyClerk, new LiaisonStationInput { Name = existing.Name, TownId = other });

        Assert.Equal("DuplicateName", ex.Key);
        Assert.Contains(existing.Name, ex.Message);
        Assert.True(elsewhere > 0);
    }

    [Fact]
    public async Task AStationUsedByDeputiesCannotBeDeleted()
    {
        var (town, _) = await fx.TownsAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(async () =>
            await Service.DeleteAsync(TestCallers.TownClerk(town), await fx.StationOfTownAsync(town)));

        Assert.Equal("InUse", ex.Key);
    }

    [Fact]
    public async Task ACommitteeMemberReadsButCannotWrite()
    {
        var (town, _) = await fx.TownsAsync();

        var page = await Service.ListAsync(TestCallers.CommitteeMember, new ListQuery());

        Assert.True(page.TotalCount >= 100);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.SaveAsync(TestCallers.CommitteeMember, new LiaisonStationInput { Name = "委员站", TownId = town }));
    }
}
