namespace DeputyPerformance.Domain.Scoring;

/// <summary>The grade bands (银川 by default); the contract code is what exports write.</summary>
public enum ScoreGrade
{
    Good,
    Fair,
    Poor,
}

/// <summary>Why a deputy cannot be on the excellence shortlist.</summary>
public enum ShortlistExclusion
{
    StateOrganLeader,
    OpenExitCase,
    PoorGrade,
    MandateNotActive,
}

/// <summary>Approved activity of one deputy in one category in one year: the sum of the logs' counts.</summary>
public sealed record CategoryCount(string Code, int Count);

/// <summary>What a category contributed: count x points, then the cap.</summary>
public sealed record CategoryPoints(string Code, int Count, int RawPoints, int Points)
{
    public bool Capped => RawPoints != Points;
}

public sealed record DeputyFacts(int DeputyId, int TownId, int? DelegationId);

public sealed record DeputyYearScore(
    int DeputyId, int TownId, int? DelegationId, int Score, ScoreGrade Grade, int RankCounty, int RankTown, int? RankDelegation,
    IReadOnlyList<CategoryPoints> Breakdown);

public sealed record ShortlistCandidate(int DeputyId, int Score, ScoreGrade Grade, bool IsStateOrganLeader, bool HasOpenExitCase, bool MandateActive);

public sealed record ShortlistEntry(int DeputyId, int Score, IReadOnlyList<ShortlistExclusion> Exclusions, int? EligibleRank, bool Proposed)
{
    public bool Eligible => Exclusions.Count == 0;
}

public sealed record ShortlistSelection(int EligibleCount, int Quota, bool TiedAtBoundary, IReadOnlyList<ShortlistEntry> Entries);

/// <summary>
/// The scoring rules as plain C#: caps, deductions, grades, ranks with shared places (1, 2, 2, 4) and the
/// shortlist. The database computes the same with one SQL aggregation (ScoreQueries); a test checks both agree.
/// </summary>
public static class ScoreCalculator
{
    public static CategoryPoints PointsOf(CategoryCount count, RuleCategoryValues rule)
    {
        var raw = (long)count.Count * rule.Points;
        var capped = rule.Cap is not { } cap ? raw : rule.Points >= 0 ? Math.Min(raw, cap) : Math.Max(raw, -(long)cap);
        return new CategoryPoints(count.Code, count.Count, (int)raw, (int)capped);
    }

    /// <summary>Base + the points of each category the rules know (others count nothing), caps applied.</summary>
    public static (int Score, IReadOnlyList<CategoryPoints> Breakdown) ScoreOf(IEnumerable<CategoryCount> counts, RuleValues rules)
    {
        var breakdown = new List<CategoryPoints>();
        foreach (var group in counts.GroupBy(c => c.Code))
        {
            if (rules.Category(group.Key) is not { } rule)
            {
                continue;
            }

            var total = new CategoryCount(group.Key, group.Sum(c => c.Count));
            breakdown.Add(PointsOf(total, rule));
        }

        var order = rules.Categories.Select(c => c.Code).ToList();
        breakdown.Sort((a, b) => order.IndexOf(a.Code).CompareTo(order.IndexOf(b.Code)));
        return (rules.BaseScore + breakdown.Sum(b => b.Points), breakdown);
    }

    public static ScoreGrade GradeOf(int score, RuleValues rules) =>
        score >= rules.GoodFrom ? ScoreGrade.Good : score >= rules.FairFrom ? ScoreGrade.Fair : ScoreGrade.Poor;

    /// <summary>Standard competition ranking by score, highest first: equal scores share a rank and the next rank skips (1, 2, 2, 4).</summary>
    public static IReadOnlyList<int> Ranks(IReadOnlyList<int> scores)
    {
        var ranks = new int[scores.Count];
        foreach (var i in Enumerable.Range(0, scores.Count))
        {
            ranks[i] = 1 + scores.Count(s => s > scores[i]);
        }

        return ranks;
    }

    private static Dictionary<int, int> RankBy<T>(IEnumerable<T> items, Func<T, int> id, Func<T, int> score)
    {
        var sorted = items.OrderByDescending(score).ToList();
        var result = new Dictionary<int, int>();
        for (var i = 0; i < sorted.Count; i++)
        {
            result[id(sorted[i])] = i > 0 && score(sorted[i]) == score(sorted[i - 1]) ? result[id(sorted[i - 1])] : i + 1;
        }

        return result;
    }

    /// <summary>Scores and ranks a year for the given deputies from their approved counts (the reference for the SQL).</summary>
    public static IReadOnlyList<DeputyYearScore> ScoreYear(IEnumerable<DeputyFacts> deputies, ILookup<int, CategoryCount> approvedCounts, RuleValues rules)
    {
        var scored = deputies.Select(d => (Facts: d, Result: ScoreOf(approvedCounts[d.DeputyId], rules))).ToList();
        var county = RankBy(scored, s => s.Facts.DeputyId, s => s.Result.Score);
        var town = scored.GroupBy(s => s.Facts.TownId)
            .SelectMany(g => RankBy(g, s => s.Facts.DeputyId, s => s.Result.Score)).ToDictionary();
        var delegation = scored.Where(s => s.Facts.DelegationId is not null).GroupBy(s => s.Facts.DelegationId)
            .SelectMany(g => RankBy(g, s => s.Facts.DeputyId, s => s.Result.Score)).ToDictionary();
        return scored.Select(s => new DeputyYearScore(
                s.Facts.DeputyId, s.Facts.TownId, s.Facts.DelegationId, s.Result.Score, GradeOf(s.Result.Score, rules),
                county[s.Facts.DeputyId], town[s.Facts.DeputyId], delegation.TryGetValue(s.Facts.DeputyId, out var r) ? r : null,
                s.Result.Breakdown))
            .ToList();
    }

    /// <summary>How many deputies the quota allows: eligible x percent / 100, rounded as the rules say.</summary>
    public static int QuotaOf(int eligible, int percent, QuotaRounding rounding)
    {
        var hundredths = (long)eligible * percent;
        return (int)(rounding == QuotaRounding.Floor ? hundredths / 100 : (hundredths + 50) / 100);
    }

    /// <summary>
    /// 评优: the top of the eligible deputies by score, within the quota. Deputies tied with the last one inside
    /// the quota are all proposed (the committee decides), and the selection says so.
    /// </summary>
    public static ShortlistSelection Shortlist(IEnumerable<ShortlistCandidate> candidates, RuleValues rules)
    {
        var all = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.DeputyId).ToList();
        var exclusions = all.ToDictionary(c => c.DeputyId, Exclusions);
        var eligible = all.Where(c => exclusions[c.DeputyId].Count == 0).ToList();
        var quota = QuotaOf(eligible.Count, rules.ShortlistPercent, rules.ShortlistRounding);
        var eligibleRank = RankBy(eligible, c => c.DeputyId, c => c.Score);
        var entries = all.Select(c =>
        {
            int? rank = eligibleRank.TryGetValue(c.DeputyId, out var r) ? r : null;
            return new ShortlistEntry(c.DeputyId, c.Score, exclusions[c.DeputyId], rank, rank is { } x && x <= quota);
        }).ToList();
        var tied = entries.Count(e => e.Proposed) > quota;
        return new ShortlistSelection(eligible.Count, quota, tied, entries);

        static IReadOnlyList<ShortlistExclusion> Exclusions(ShortlistCandidate c)
        {
            var list = new List<ShortlistExclusion>();
            if (c.IsStateOrganLeader) list.Add(ShortlistExclusion.StateOrganLeader);
            if (c.HasOpenExitCase) list.Add(ShortlistExclusion.OpenExitCase);
            if (c.Grade == ScoreGrade.Poor) list.Add(ShortlistExclusion.PoorGrade);
            if (!c.MandateActive) list.Add(ShortlistExclusion.MandateNotActive);
            return list;
        }
    }

    public static string ContractCode(this ScoreGrade grade) => grade switch
    {
        ScoreGrade.Good => "good",
        ScoreGrade.Fair => "fair",
        _ => "poor",
    };
}
