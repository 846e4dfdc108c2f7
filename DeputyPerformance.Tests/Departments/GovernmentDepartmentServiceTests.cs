using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Departments;

public sealed class GovernmentDepartmentServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private GovernmentDepartmentService Service => fx.Get<GovernmentDepartmentService>();

    [Fact]
    public async Task ADuplicateNameIsRefused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new GovernmentDepartmentInput { Name = "税务局" }));

        Assert.Equal("DuplicateName", ex.Key);
        Assert.Contains("税务局", ex.Message);
    }

    [Fact]
    public async Task CountyStaffEditAndOthersCannot()
    {
        var (town, _) = await fx.TownsAsync();
        var row = (await Service.ListAsync(TestCallers.CommitteeMember, new ListQuery(Search: "审计局"))).Items.Single();
        var input = await Service.GetForEditAsync(TestCallers.CountyClerk, row.Id);
        input.Kind = DepartmentKind.VerticallyManaged;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), input));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.CommitteeMember, input));
        await Service.SaveAsync(TestCallers.CountyClerk, input);

        Assert.Equal(DepartmentKind.VerticallyManaged, (await Service.GetForEditAsync(TestCallers.CountyClerk, row.Id)).Kind);
    }

    [Fact]
    public async Task AnUnusedDepartmentIsDeleted()
    {
        var id = await Service.SaveAsync(TestCallers.Admin, new GovernmentDepartmentInput { Name = "临时办公室" });

        await Service.DeleteAsync(TestCallers.Admin, id);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetForEditAsync(TestCallers.Admin, id));
    }
}
