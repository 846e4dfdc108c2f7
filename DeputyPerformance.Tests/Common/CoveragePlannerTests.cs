using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Tests.Common;

public sealed class CoveragePlannerTests
{
    [Fact]
    public void TheEarlyYearsCarryTheRemainderAndEveryoneIsCoveredOnce()
    {
        var plan = CoveragePlanner.Spread(30, [2017, 2018, 2019, 2020]);

        Assert.Equal([8, 8, 7, 7], plan.Select(p => p.Count));
        Assert.Equal([2017, 2018, 2019, 2020], plan.Select(p => p.Year));
        Assert.Equal(30, plan.Sum(p => p.Count));
    }

    [Fact]
    public void FewerDueThanYearsLeavesTheLastYearsEmpty() =>
        Assert.Equal([1, 1, 0], CoveragePlanner.Spread(2, [2019, 2020, 2021]).Select(p => p.Count));

    [Fact]
    public void TheLastYearTakesAllThatIsLeft() =>
        Assert.Equal([9], CoveragePlanner.Spread(9, [2021]).Select(p => p.Count));

    [Fact]
    public void NoYearsLeftGiveNoPlan() => Assert.Empty(CoveragePlanner.Spread(5, []));

    [Fact]
    public void NothingDueGivesZeroEachYear() => Assert.All(CoveragePlanner.Spread(0, [2019, 2020]), p => Assert.Equal(0, p.Count));
}
