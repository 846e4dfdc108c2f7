using System.Globalization;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.Domain.Exits;

/// <summary>An approved log of an absence category: its id, date, category and count (a log's count counts).</summary>
public sealed record AbsenceFact(long LogId, DateOnly Date, string CategoryCode, int Count);

/// <summary>A published annual score and grade.</summary>
public sealed record GradeFact(int Year, int Score, ScoreGrade Grade);

/// <summary>
/// A confirmed, non-void vote on a constituent report: the approving ballots (满意 + 基本满意), the valid ones, and the
/// threshold of the vote's year below which the rate opens a review.
/// </summary>
public sealed record ReportVoteFact(int VoteId, int ReportId, int Year, int Approving, int Valid, int BelowPercent);

/// <summary>A recorded criminal detention; released without conviction it no longer counts.</summary>
public sealed record DetentionFact(int Id, DateOnly DetainedOn, DateOnly? ReleasedOn, bool Convicted);

/// <summary>What the exit rules read about one deputy: his term, the days of his mandate and the data.</summary>
public sealed record ExitFacts(
    int DeputyId, int TermStartYear, int TermEndYear, DateOnly? MandateEndedOn,
    IReadOnlyList<AbsenceFact> Absences, IReadOnlyList<GradeFact> Grades, IReadOnlyList<ReportVoteFact> ReportVotes,
    IReadOnlyList<DetentionFact> Detentions)
{
    public DateOnly MandateStart => new(TermStartYear, 1, 1);

    public DateOnly MandateEnd
    {
        get
        {
            var termEnd = new DateOnly(TermEndYear, 12, 31);
            return MandateEndedOn is { } ended && ended < termEnd ? ended : termEnd;
        }
    }

    public bool InMandate(DateOnly day) => day >= MandateStart && day <= MandateEnd;
}

/// <summary>A flag the data calls for: rule, year, evidence in words of the export, and the records behind it.</summary>
public sealed record ExpectedFlag(string Rule, int Year, string Evidence, string Refs)
{
    public ExitTier Tier => ExitRuleCodes.TierOf(Rule);
}

/// <summary>
/// The exit rules (domain.md section 5), a pure function: a deputy's facts and the year's rules in, the flags the data
/// calls for out. Everything is counted only over the days of his mandate.
/// </summary>
public static class ExitFlagRules
{
    public static IReadOnlyList<ExpectedFlag> Evaluate(ExitFacts facts, Func<int, ExitRuleSet> rulesOf)
    {
        var flags = new List<ExpectedFlag>();
        CongressAbsences(facts, rulesOf, flags);
        RecessAbsences(facts, rulesOf, flags);
        PoorGrades(facts, rulesOf, flags);
        ReportVotes(facts, flags);
        Detentions(facts, flags);
        return flags;
    }

    /// <summary>The report rate is below the threshold: approving / valid &lt; below% (exactly 50.00% is not below 50).</summary>
    public static bool RateBelow(int approving, int valid, int belowPercent) => valid > 0 && (long)approving * 100 < (long)belowPercent * valid;

    private static void CongressAbsences(ExitFacts facts, Func<int, ExitRuleSet> rulesOf, List<ExpectedFlag> flags)
    {
        // Counted over the term, raised once: in the year in which the count reaches the threshold.
        var counted = new List<AbsenceFact>();
        var total = 0;
        int? raisedIn = null;
        foreach (var a in facts.Absences.Where(a => facts.InMandate(a.Date)).OrderBy(a => a.Date).ThenBy(a => a.LogId))
        {
            var rules = rulesOf(a.Date.Year);
            if (a.CategoryCode != rules.CongressAbsenceCategory) continue;
            counted.Add(a);
            total += a.Count;
            if (raisedIn is null && total >= rules.CongressAbsencesPerTerm) raisedIn = a.Date.Year;
        }

        if (raisedIn is { } year) flags.Add(new ExpectedFlag(ExitRuleCodes.CongressAbsencesTerm, year, Dates(counted), LogRefs(counted)));
    }

    private static void RecessAbsences(ExitFacts facts, Func<int, ExitRuleSet> rulesOf, List<ExpectedFlag> flags)
    {
        foreach (var year in facts.Absences.Where(a => facts.InMandate(a.Date)).GroupBy(a => a.Date.Year).OrderBy(g => g.Key))
        {
            var rules = rulesOf(year.Key);
            var counted = year.Where(a => a.CategoryCode == rules.RecessAbsenceCategory).OrderBy(a => a.Date).ThenBy(a => a.LogId).ToList();
            if (counted.Sum(a => a.Count) >= rules.RecessAbsencesPerYear)
            {
                flags.Add(new ExpectedFlag(ExitRuleCodes.RecessAbsencesYear, year.Key, Dates(counted), LogRefs(counted)));
            }
        }
    }

    private static void PoorGrades(ExitFacts facts, Func<int, ExitRuleSet> rulesOf, List<ExpectedFlag> flags)
    {
        var byYear = facts.Grades.Where(g => g.Year >= facts.TermStartYear && g.Year <= facts.MandateEnd.Year)
            .GroupBy(g => g.Year).ToDictionary(g => g.Key, g => g.First());
        foreach (var year in byYear.Keys.Order())
        {
            var rules = rulesOf(year);
            if (PoorRun(byYear, year, rules.PoorYearsInRow) is { } run)
            {
                flags.Add(new ExpectedFlag(ExitRuleCodes.PoorGradeConsecutive, year, Grades(run), ScoreRefs(run)));
            }
            else if (rules.WarningTalkPoorYears > 0 && PoorRun(byYear, year, rules.WarningTalkPoorYears) is { } warned)
            {
                flags.Add(new ExpectedFlag(ExitRuleCodes.PoorGradeWarning, year, Grades(warned), ScoreRefs(warned)));
            }
        }
    }

    /// <summary>The <paramref name="length"/> years ending with <paramref name="year"/> when all are poor, else null.</summary>
    private static List<GradeFact>? PoorRun(Dictionary<int, GradeFact> byYear, int year, int length)
    {
        if (length < 1) return null;
        var run = new List<GradeFact>();
        for (var y = year - length + 1; y <= year; y++)
        {
            if (!byYear.TryGetValue(y, out var g) || g.Grade != ScoreGrade.Poor) return null;
            run.Add(g);
        }

        return run;
    }

    private static void ReportVotes(ExitFacts facts, List<ExpectedFlag> flags)
    {
        foreach (var year in facts.ReportVotes.Where(v => v.Year >= facts.TermStartYear && v.Year <= facts.MandateEnd.Year)
                     .Where(v => RateBelow(v.Approving, v.Valid, v.BelowPercent)).GroupBy(v => v.Year).OrderBy(g => g.Key))
        {
            var votes = year.OrderBy(v => v.VoteId).ToList();
            var evidence = string.Join("; ", votes.Select(v => string.Create(CultureInfo.InvariantCulture,
                $"{v.Approving}/{v.Valid} = {Math.Round(100m * v.Approving / v.Valid, 2, MidpointRounding.AwayFromZero):0.00}% < {v.BelowPercent}%")));
            flags.Add(new ExpectedFlag(ExitRuleCodes.ReportSatisfactionLow, year.Key, evidence, string.Join(";", votes.Select(v => $"vote:{v.VoteId}"))));
        }
    }

    private static void Detentions(ExitFacts facts, List<ExpectedFlag> flags)
    {
        foreach (var year in facts.Detentions.Where(d => facts.InMandate(d.DetainedOn) && (d.ReleasedOn is null || d.Convicted))
                     .GroupBy(d => d.DetainedOn.Year).OrderBy(g => g.Key))
        {
            var list = year.OrderBy(d => d.DetainedOn).ToList();
            flags.Add(new ExpectedFlag(ExitRuleCodes.Detention, year.Key,
                string.Join("; ", list.Select(d => d.DetainedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
                string.Join(";", list.Select(d => $"detention:{d.Id}"))));
        }
    }

    private static string Dates(IEnumerable<AbsenceFact> absences) => string.Join("; ", absences.Select(a =>
        a.Count == 1 ? a.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{a.Date:yyyy-MM-dd} x{a.Count}")));

    private static string LogRefs(IEnumerable<AbsenceFact> absences) => string.Join(";", absences.Select(a => $"log:{a.LogId}"));

    private static string Grades(IEnumerable<GradeFact> run) =>
        string.Join("; ", run.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Year}: {g.Score} {g.Grade.ContractCode()}")));

    private static string ScoreRefs(IEnumerable<GradeFact> run) => string.Join(";", run.Select(g => $"score:{g.Year}"));
}
