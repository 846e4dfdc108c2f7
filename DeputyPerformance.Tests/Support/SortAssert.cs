namespace DeputyPerformance.Tests.Support;

/// <summary>
/// Asserts that a list came back in the order the database was asked for: each row's key is not before the previous
/// one's (nulls first, text by ordinal as SQLite's BINARY collation, enums by the name they are stored as), ties in the
/// tie-break's order, and the keys vary, so an unsorted result cannot pass by chance.
/// </summary>
public static class SortAssert
{
    public static void Ordered<T>(IReadOnlyList<T> rows, Func<T, object?> key, bool descending, Func<T, object?> tieBreak, bool tieDescending, string because)
    {
        Assert.True(rows.Count > 2, $"{because}: only {rows.Count} rows");
        Assert.True(rows.Select(key).Distinct().Count() > 1, $"{because}: every row has the same key, the order proves nothing");
        for (var i = 1; i < rows.Count; i++)
        {
            var c = Compare(key(rows[i - 1]), key(rows[i])) * (descending ? -1 : 1);
            Assert.True(c <= 0, $"{because}: row {i - 1} ({key(rows[i - 1])}) comes before row {i} ({key(rows[i])})");
            if (c == 0)
            {
                var t = Compare(tieBreak(rows[i - 1]), tieBreak(rows[i])) * (tieDescending ? -1 : 1);
                Assert.True(t < 0, $"{because}: tie at row {i} ({tieBreak(rows[i - 1])}, {tieBreak(rows[i])}) is not broken in order");
            }
        }
    }

    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.CompareOrdinal(x, y),
        (Enum x, Enum y) => string.CompareOrdinal(x.ToString(), y.ToString()),
        (IComparable x, _) => x.CompareTo(b),
        _ => throw new ArgumentException($"cannot compare {a} and {b}"),
    };
}
