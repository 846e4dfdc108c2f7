using DeputyPerformance.Domain.Suggestions;

namespace DeputyPerformance.Tests.Suggestions;

public sealed class SuggestionStatisticsTests
{
    [Fact]
    public void TheCategorySplitSumsToAHundredByLargestRemainder()
    {
        var f = SuggestionStatistics.Figures(1, "roads", new DepartmentCounts(93, 93, 90, 54, 33, 2, 4, 0, 0, 0));

        Assert.Equal([58.07m, 35.48m, 2.15m, 4.30m], f.CategorySplit);
        Assert.Equal(100m, f.CategorySplit.Sum());
    }

    [Fact]
    public void TheOnTimeRateCountsFirstRepliesAndSatisfactionCountsSatisfiedAndBasicallySatisfied()
    {
        var f = SuggestionStatistics.Figures(1, "roads", new DepartmentCounts(10, 8, 6, 3, 3, 1, 1, 4, 2, 2));

        Assert.Equal(75m, f.OnTimeRate);
        Assert.Equal(8, f.Rated);
        Assert.Equal(75m, f.SatisfactionRate);
    }

    [Fact]
    public void ADepartmentWithoutRepliesHasNoRatesAndNoSplit()
    {
        var f = SuggestionStatistics.Figures(1, "roads", new DepartmentCounts(3, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        Assert.Null(f.OnTimeRate);
        Assert.Null(f.SatisfactionRate);
        Assert.Empty(f.CategorySplit);
    }
}
