using DeputyPerformance.Domain.Ballots;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>What the database counts for one lead department: suggestions, first replies (on time), categories, final ratings.</summary>
public sealed record DepartmentCounts(int Count, int Replied, int OnTime, int A, int B, int C, int D, int Satisfied, int BasicallySatisfied, int Dissatisfied);

/// <summary>
/// One department's figures: the on-time rate over the first replies, the A-D split of the latest replies as
/// percentages that sum to exactly 100 (largest remainder), and the satisfaction rate (满意 + 基本满意 over the rated).
/// </summary>
public sealed record DepartmentFigures(
    int DepartmentId, string Department, DepartmentCounts Counts, decimal? OnTimeRate, IReadOnlyList<decimal> CategorySplit, int Rated,
    decimal? SatisfactionRate);

public static class SuggestionStatistics
{
    public static DepartmentFigures Figures(int departmentId, string department, DepartmentCounts c)
    {
        var categories = c.A + c.B + c.C + c.D;
        var split = categories == 0 ? [] : LargestRemainder.Split([c.A, c.B, c.C, c.D]);
        var rated = c.Satisfied + c.BasicallySatisfied + c.Dissatisfied;
        return new DepartmentFigures(departmentId, department, c, Percent(c.OnTime, c.Replied), split, rated,
            Percent(c.Satisfied + c.BasicallySatisfied, rated));
    }

    /// <summary>A share in percent with two decimals (half away from zero); null without a base.</summary>
    public static decimal? Percent(int part, int whole) =>
        whole == 0 ? null : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);
}
