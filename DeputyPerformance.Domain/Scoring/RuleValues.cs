namespace DeputyPerformance.Domain.Scoring;

/// <summary>How the shortlist quota (eligible x percent / 100) becomes a whole number of deputies.</summary>
public enum QuotaRounding
{
    /// <summary>Never more than the percentage (名额不超过): 20% of 14 = 2.8 gives 2.</summary>
    Floor,
    /// <summary>Nearest, halves up: 20% of 14 = 2.8 gives 3, 20% of 12 = 2.4 gives 2, 20% of ... = x.5 gives up.</summary>
    HalfUp,
}

/// <summary>One category of a year's rules. Cap: the most points (absolute) the category adds or deducts in a year; null = none.</summary>
public sealed record RuleCategoryValues(string Code, int Points, int? Cap);

/// <summary>The rules that score one year, as plain values (the C# calculator and the SQL both read these).</summary>
public sealed record RuleValues(
    int Year, int BaseScore, int GoodFrom, int FairFrom, int ShortlistPercent, QuotaRounding ShortlistRounding,
    IReadOnlyList<RuleCategoryValues> Categories)
{
    public RuleCategoryValues? Category(string code) => Categories.FirstOrDefault(c => c.Code == code);
}
