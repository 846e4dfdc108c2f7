using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class TownServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private TownService Service => fx.Get<TownService>();

    [Fact]
    public async Task ADuplicateNameIsRefusedWithAMessageNamingIt()
    {
        var before = await fx.CountAsync<Town>();

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new TownInput { Name = " 兴田街道 ", Kind = TownKind.SubDistrict }));

        Assert.Equal("DuplicateName", ex.Key);
        Assert.Contains("兴田街道", ex.Message);
        Assert.Equal(before, await fx.CountAsync<Town>());
    }

    [Fact]
    public async Task RenamingATownToItsOwnNameIsNoDuplicate()
    {
        var (town, _) = await fx.TownsAsync();
        var input = await Service.GetForEditAsync(TestCallers.CountyClerk, town);
        input.Kind = TownKind.SubDistrict;

        Assert.Equal(town, await Service.SaveAsync(TestCallers.CountyClerk, input));
    }

    [Fact]
    public async Task DeletingATownStillUsedIsRefusedAndNothingIsDeleted()
    {
        var (_, other) = await fx.TownsAsync();
        var before = await fx.CountAsync<Town>();

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.DeleteAsync(TestCallers.CountyClerk, other));

        Assert.Equal("InUse", ex.Key);
        Assert.Equal(DomainText.Get("InUse"), ex.Message);
        Assert.Equal(before, await fx.CountAsync<Town>());
        Assert.NotNull(await Service.GetForEditAsync(TestCallers.CountyClerk, other));
    }

    [Fact]
    public async Task AnUnusedTownIsDeleted()
    {
        var id = await Service.SaveAsync(TestCallers.Admin, new TownInput { Name = "临时镇" });

        await Service.DeleteAsync(TestCallers.Admin, id);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetForEditAsync(TestCallers.Admin, id));
    }

    [Fact]
    public async Task OnlyCountyStaffWriteTowns()
    {
        var (town, _) = await fx.TownsAsync();
        var input = new TownInput { Name = "越权镇" };

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), input));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.CommitteeMember, input));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteAsync(TestCallers.TownClerk(town), town));
        Assert.DoesNotContain((await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Search: "越权镇"))).Items, t => t.Name == "越权镇");
    }

    [Fact]
    public async Task TownClerksAndCommitteeMembersReadTheCountyList()
    {
        var (town, _) = await fx.TownsAsync();

        var forClerk = await Service.ListAsync(TestCallers.TownClerk(town), new ListQuery());
        var forMember = await Service.ListAsync(TestCallers.CommitteeMember, new ListQuery());

        Assert.True(forClerk.TotalCount >= 20);
        Assert.Equal(forClerk.TotalCount, forMember.TotalCount);
    }

    [Fact]
    public async Task ADeputyCannotListTowns() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ListAsync(TestCallers.Deputy(1), new ListQuery()));

    [Fact]
    public async Task ListSortsByNameDescendingWithTheTotalCount()
    {
        var first = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(PageSize: 8, SortBy: nameof(TownRow.Name), Descending: true));
        var rest = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Page: 1, PageSize: 8, SortBy: nameof(TownRow.Name), Descending: true));

        var names = first.Items.Concat(rest.Items).Select(t => t.Name).ToList();
        Assert.Equal(16, names.Count);
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), names);
        Assert.Equal(first.TotalCount, await fx.CountAsync<Town>());
    }

    [Theory]
    [InlineData("Id")]
    [InlineData("name")]
    [InlineData("Name DESC")]
    public async Task AnUnknownSortColumnFallsBackToTheName(string sortBy)
    {
        var page = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(SortBy: sortBy));

        var names = page.Items.Select(t => t.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }
}
