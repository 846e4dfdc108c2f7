using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Ballots;

/// <summary>The verdict of a deputy's report to his constituents (大悟 bands).</summary>
public enum ReportBand
{
    Competent,
    BasicallyCompetent,
    NotCompetent,
    NoValidBallots,
    Void,
}

/// <summary>The thresholds of a year's rule set for constituent reports, in whole percent.</summary>
public sealed record ReportThresholds(int CompetentFromPercent, int BasicFromPercent, int ExitReviewBelowPercent, int RectificationAbovePercent)
{
    /// <summary>The shipped defaults (domain.md section 3): 80 / 50 (大悟), exit review below 50 (寿县), rectification when 不满意 is over half (平凉).</summary>
    public static ReportThresholds Defaults { get; } = SatisfactionRuleSet.Defaults(0).ReportThresholds;
}

/// <summary>Everything a tally says: counts, exact rates, the band and the rule that decided it, and the consequences.</summary>
public sealed record TallyResult(
    TallyCounts Counts, bool IsVoid, int Valid, decimal? SatisfactionRate, decimal? SatisfiedRate, ReportBand Band, string DecidingRule,
    bool NeedsRectification, bool RaisesExitReview, IReadOnlyList<decimal> Split)
{
    /// <summary>A rate as people read it: percent with two decimals in the current culture, or a dash.</summary>
    /// <remarks>The one rounding rule of every rate shown: two decimals, half away from zero (16.665 → 16.67).</remarks>
    public static string Format(decimal? rate) =>
        rate is { } r ? Math.Round(r, 2, MidpointRounding.AwayFromZero).ToString("0.00", System.Globalization.CultureInfo.CurrentCulture) + "%" : "—";
}

/// <summary>
/// The tally engine: pure functions over <see cref="TallyCounts"/>. Rates are exact decimals in percent
/// ((满意 + 基本满意) / valid × 100); every threshold comparison is done on whole numbers (count × 100 against
/// threshold × valid), so 50.00% is exactly 50% and never 49.999...
/// </summary>
public static class SatisfactionTally
{
    public static TallyResult ConstituentReport(TallyCounts counts, ReportThresholds rules)
    {
        var split = LargestRemainder.Split([counts.Satisfied, counts.BasicallySatisfied, counts.Dissatisfied]);
        if (counts.Returned > counts.Issued)
        {
            return new TallyResult(counts, true, counts.Valid, null, null, ReportBand.Void, "Rule_VoidReturnedOverIssued", false, false, split);
        }

        var valid = counts.Valid;
        if (valid == 0)
        {
            return new TallyResult(counts, false, 0, null, null, ReportBand.NoValidBallots, "Rule_NoValidBallots", false, false, split);
        }

        long approving = counts.Satisfied + counts.BasicallySatisfied;
        var rate = approving * 100m / valid;
        var satisfiedRate = counts.Satisfied * 100m / valid;
        var (band, rule) = approving * 100 >= (long)rules.CompetentFromPercent * valid ? (ReportBand.Competent, "Rule_CompetentFrom")
            : approving * 100 >= (long)rules.BasicFromPercent * valid ? (ReportBand.BasicallyCompetent, "Rule_BasicFrom")
            : (ReportBand.NotCompetent, "Rule_NotCompetentBelow");
        var exitReview = approving * 100 < (long)rules.ExitReviewBelowPercent * valid;
        var rectification = counts.Dissatisfied * 100L > (long)rules.RectificationAbovePercent * valid;
        return new TallyResult(counts, false, valid, rate, satisfiedRate, band, rule, rectification, exitReview, split);
    }
}

/// <summary>Whose count is the denominator of a department grade (configurable in the rule set).</summary>
public enum GradingDenominator
{
    AllMembers,
    PresentMembers,
    ValidBallots,
}

public enum DepartmentGrade
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

public sealed record DepartmentGradeResult(DepartmentGrade Grade, int Denominator, string DecidingRule, IReadOnlyList<decimal> Split);

/// <summary>
/// The grade of a government department evaluated by the standing committee (镇海 rule): 满意 at least half of the
/// denominator → 满意; else 满意 + 基本满意 more than half → 基本满意 (exactly half is not more); else 不满意.
/// The vote needs a quorum: more than half of all members present.
/// </summary>
public static class DepartmentGrading
{
    public static DepartmentGradeResult Grade(TallyCounts counts, int allMembers, int present, GradingDenominator denominator)
    {
        if (allMembers <= 0 || present < 0 || present > allMembers)
        {
            throw new DomainException("Ballot_MembersInvalid", present, allMembers);
        }

        if (present * 2 <= allMembers)
        {
            throw new DomainException("Ballot_NoQuorum", present, allMembers);
        }

        if (counts.Returned > counts.Issued)
        {
            throw new DomainException("Ballot_VoidVote", counts.Returned, counts.Issued);
        }

        var denom = denominator switch
        {
            GradingDenominator.AllMembers => allMembers,
            GradingDenominator.PresentMembers => present,
            _ => counts.Valid,
        };
        var split = LargestRemainder.Split([counts.Satisfied, counts.BasicallySatisfied, counts.Dissatisfied]);
        if (denom > 0 && counts.Satisfied * 2L >= denom)
        {
            return new DepartmentGradeResult(DepartmentGrade.Satisfied, denom, "Rule_SatisfiedAtLeastHalf", split);
        }

        return denom > 0 && (counts.Satisfied + (long)counts.BasicallySatisfied) * 2 > denom
            ? new DepartmentGradeResult(DepartmentGrade.BasicallySatisfied, denom, "Rule_ApprovingOverHalf", split)
            : new DepartmentGradeResult(DepartmentGrade.Dissatisfied, denom, "Rule_NotOverHalf", split);
    }
}
