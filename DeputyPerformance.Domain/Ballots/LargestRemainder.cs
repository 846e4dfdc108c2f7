namespace DeputyPerformance.Domain.Ballots;

/// <summary>
/// Percentages that must add up to exactly 100 (Hamilton's largest-remainder method): each share gets its
/// rounded-down value, and the units still missing go to the largest remainders (ties: the larger count, then
/// the earlier option), so 1:1:1 is 33.34 / 33.33 / 33.33 and never 99.99.
/// </summary>
public static class LargestRemainder
{
    public static IReadOnlyList<decimal> Split(IReadOnlyList<int> counts, int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        long total = counts.Sum(c => (long)c);
        if (total == 0)
        {
            return counts.Select(_ => 0m).ToList();
        }

        long scale = 1;
        for (var i = 0; i < decimals; i++) scale *= 10;
        var units = 100 * scale;
        var floors = new long[counts.Count];
        var remainders = new long[counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            // Integer arithmetic: no rounding error before the remainder is known.
            floors[i] = counts[i] * units / total;
            remainders[i] = counts[i] * units % total;
        }

        var missing = units - floors.Sum();
        foreach (var i in Enumerable.Range(0, counts.Count).OrderByDescending(i => remainders[i]).ThenByDescending(i => counts[i]).ThenBy(i => i))
        {
            if (missing-- <= 0) break;
            floors[i]++;
        }

        return floors.Select(f => (decimal)f / scale).ToList();
    }
}
