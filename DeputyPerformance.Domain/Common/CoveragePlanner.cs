namespace DeputyPerformance.Domain.Common;

/// <summary>One remaining year of a term and how many of those still due it must take.</summary>
public sealed record CoverageShare(int Year, int Count);

/// <summary>
/// Spreads what is still due in a term (deputies to report, departments to evaluate) over the remaining years so
/// that everyone is covered once: each year takes its rounded-up share of what the earlier years left
/// (ceil(left / years left)), so the early years carry the remainder and the last year never takes more than the first.
/// </summary>
public static class CoveragePlanner
{
    public static IReadOnlyList<CoverageShare> Spread(int due, IReadOnlyList<int> years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(due);
        var plan = new CoverageShare[years.Count];
        var remaining = due;
        for (var i = 0; i < years.Count; i++)
        {
            var share = (int)Math.Ceiling(remaining / (double)(years.Count - i));
            plan[i] = new CoverageShare(years[i], share);
            remaining -= share;
        }

        return plan;
    }
}
