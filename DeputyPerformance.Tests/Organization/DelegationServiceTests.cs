using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class DelegationServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private DelegationService Service => fx.Get<DelegationService>();

    [Fact]
    public async Task ADuplicateNameIsRefused()
    {
        var existing = (await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(PageSize: 1))).Items[0];

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.SaveAsync(TestCallers.CountyClerk, new DelegationInput { Name = existing.Name }));

        Assert.Equal("DuplicateName", ex.Key);
    }

    [Fact]
    public async Task OnlyCountyStaffAddDelegations()
    {
        var (town, _) = await fx.TownsAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), new DelegationInput { Name = "新代表团" }));
        Assert.True(await Service.SaveAsync(TestCallers.CountyClerk, new DelegationInput { Name = "新代表团" }) > 0);
    }

    [Fact]
    public async Task ADelegationWithDeputiesCannotBeDeleted()
    {
        var used = (await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Search: "兴田街道"))).Items.Single();

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.DeleteAsync(TestCallers.CountyClerk, used.Id));

        Assert.Equal("InUse", ex.Key);
    }
}
