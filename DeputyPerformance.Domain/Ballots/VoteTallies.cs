using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Ballots;

/// <summary>
/// The result of any vote as every page, export and owner reads it. A void vote has no rate and no band: its
/// <see cref="Verdict"/> is <c>void</c> and the rates are null.
/// </summary>
public sealed record VoteOutcome(
    VoteKind Kind, TallyCounts Counts, bool IsVoid, int Valid, decimal? SatisfactionRate, decimal? SatisfiedRate, IReadOnlyList<decimal> Split,
    string Verdict, string VerdictKey, string DecidingRule, ReportBand? Band, DepartmentGrade? Grade, int? Members, int? Present, int? Denominator,
    bool NeedsRectification, bool RaisesExitReview)
{
    public const string VoidVerdict = "void";
}

/// <summary>Committee members at confirmation: all (the quorum's base) and those present.</summary>
public sealed record Attendance(int Members, int Present);

/// <summary>The one mapping from a vote's kind to its tally rule.</summary>
public static class VoteTallies
{
    public static VoteOutcome Tally(VoteKind kind, TallyCounts counts, SatisfactionRuleSet rules, Attendance? attendance = null) => kind switch
    {
        VoteKind.ConstituentReport => Report(counts, rules.ReportThresholds),
        VoteKind.DepartmentEvaluation or VoteKind.KeySuggestion => Committee(kind, counts, attendance ?? throw new DomainException("Vote_PresentRequired"), rules.DepartmentDenominator),
        // A deputy rating a reply casts one ballot: the 镇海 rule over the valid ballots reads it as it is.
        VoteKind.SuggestionReply => Graded(kind, counts, null, GradingDenominator.ValidBallots),
        _ => throw new DomainException("ValueInvalid"),
    };

    /// <summary>The resource key that names a stored verdict code.</summary>
    public static string VerdictKey(string verdict) => verdict switch
    {
        "competent" => "Band_Competent",
        "basically-competent" => "Band_BasicallyCompetent",
        "not-competent" => "Band_NotCompetent",
        "no-valid-ballots" => "Band_NoValidBallots",
        "satisfied" => "DepartmentGrade_Satisfied",
        "basically-satisfied" => "DepartmentGrade_BasicallySatisfied",
        "dissatisfied" => "DepartmentGrade_Dissatisfied",
        _ => "Band_Void",
    };

    /// <summary>Whether a kind is voted by the standing committee (members and those present are recorded).</summary>
    public static bool IsCommitteeKind(VoteKind kind) => kind is VoteKind.DepartmentEvaluation or VoteKind.KeySuggestion;

    private static VoteOutcome Report(TallyCounts counts, ReportThresholds thresholds)
    {
        var t = SatisfactionTally.ConstituentReport(counts, thresholds);
        var verdict = t.Band switch
        {
            ReportBand.Competent => "competent",
            ReportBand.BasicallyCompetent => "basically-competent",
            ReportBand.NotCompetent => "not-competent",
            ReportBand.NoValidBallots => "no-valid-ballots",
            _ => VoteOutcome.VoidVerdict,
        };
        return new VoteOutcome(VoteKind.ConstituentReport, counts, t.IsVoid, t.Valid, t.SatisfactionRate, t.SatisfiedRate, t.Split, verdict,
            "Band_" + t.Band, t.DecidingRule, t.IsVoid ? null : t.Band, null, null, null, null, t.NeedsRectification, t.RaisesExitReview);
    }

    /// <summary>A committee vote (department evaluation, key suggestion) under a given grading denominator.</summary>
    public static VoteOutcome Committee(VoteKind kind, TallyCounts counts, Attendance attendance, GradingDenominator denominator)
    {
        if (attendance.Members <= 0 || attendance.Present < 0 || attendance.Present > attendance.Members)
        {
            throw new DomainException("Ballot_MembersInvalid", attendance.Present, attendance.Members);
        }

        // Quorum first: without more than half of all members present there is no vote at all, not even a void one.
        if (attendance.Present * 2 <= attendance.Members) throw new DomainException("Ballot_NoQuorum", attendance.Present, attendance.Members);
        return Graded(kind, counts, attendance, denominator);
    }

    private static VoteOutcome Graded(VoteKind kind, TallyCounts counts, Attendance? attendance, GradingDenominator denominator)
    {
        var split = LargestRemainder.Split([counts.Satisfied, counts.BasicallySatisfied, counts.Dissatisfied]);
        if (counts.Returned > counts.Issued)
        {
            return new VoteOutcome(kind, counts, true, counts.Valid, null, null, split, VoteOutcome.VoidVerdict, "Band_Void", "Rule_VoidReturnedOverIssued",
                null, null, attendance?.Members, attendance?.Present, null, false, false);
        }

        // Without a committee (a deputy rating a reply) every ballot issued is a voter present.
        var voters = attendance ?? new Attendance(Math.Max(1, counts.Issued), Math.Max(1, counts.Issued));
        var grade = DepartmentGrading.Grade(counts, voters.Members, voters.Present, denominator);
        var valid = counts.Valid;
        decimal? rate = valid > 0 ? (counts.Satisfied + (decimal)counts.BasicallySatisfied) * 100m / valid : null;
        decimal? satisfiedRate = valid > 0 ? counts.Satisfied * 100m / valid : null;
        var verdict = grade.Grade switch
        {
            DepartmentGrade.Satisfied => "satisfied",
            DepartmentGrade.BasicallySatisfied => "basically-satisfied",
            _ => "dissatisfied",
        };
        return new VoteOutcome(kind, counts, false, valid, rate, satisfiedRate, split, verdict, "DepartmentGrade_" + grade.Grade, grade.DecidingRule,
            null, grade.Grade, attendance?.Members, attendance?.Present, grade.Denominator, false, false);
    }
}
