using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class TermServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private TermService Service => fx.Get<TermService>();

    [Fact]
    public async Task ADuplicateTermIsRefused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new TermInput { Name = "2016-2021", StartYear = 2016, EndYear = 2021 }));

        Assert.Equal("DuplicateName", ex.Key);
        Assert.Contains("2016-2021", ex.Message);
    }

    [Fact]
    public async Task ATermWithDeputiesCannotBeDeleted()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(async () => await Service.DeleteAsync(TestCallers.Admin, await fx.TermIdAsync()));

        Assert.Equal("InUse", ex.Key);
        Assert.Equal(1, await fx.CountAsync<Term>());
    }

    [Fact]
    public async Task ATownClerkCannotAddATerm()
    {
        var (town, _) = await fx.TownsAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.SaveAsync(TestCallers.TownClerk(town), new TermInput { Name = "2026-2031", StartYear = 2026, EndYear = 2031 }));
    }

    [Fact]
    public async Task AnInvalidTermIsRefusedWithItsMessages()
    {
        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new TermInput { Name = "", StartYear = 2030, EndYear = 2020 }));

        Assert.Contains(DomainText.Get("Term_NameRequired"), ex.Errors);
        Assert.Contains(DomainText.Get("Term_EndBeforeStart"), ex.Errors);
    }
}
