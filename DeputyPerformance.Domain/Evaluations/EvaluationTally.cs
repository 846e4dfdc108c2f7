using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Evaluations;

/// <summary>The result of one committee vote on a department, as the evaluation records it.</summary>
public sealed record EvaluationVoteResult(EvaluationOutcome Outcome, int Members, int Present, TallyCounts Counts, int? Denominator, string DecidingRule);

/// <summary>
/// Turns a committee vote into an evaluation outcome: more returned than issued → void (held again); not more than half
/// of all members present → no quorum (refused, held again); else the 镇海 grade of <see cref="DepartmentGrading"/>.
/// </summary>
public static class EvaluationTally
{
    public static EvaluationVoteResult Outcome(TallyCounts counts, int members, int present, GradingDenominator denominator)
    {
        if (members <= 0 || present < 0 || present > members)
        {
            throw new DomainException("Ballot_MembersInvalid", present, members);
        }

        if (counts.Returned > counts.Issued)
        {
            return new EvaluationVoteResult(EvaluationOutcome.Void, members, present, counts, null, "Rule_VoidReturnedOverIssued");
        }

        if (present * 2 <= members)
        {
            return new EvaluationVoteResult(EvaluationOutcome.NoQuorum, members, present, counts, null, "Evaluation_RuleNoQuorum");
        }

        if (counts.Issued > present)
        {
            throw new DomainException("Evaluation_IssuedOverPresent", counts.Issued, present);
        }

        var grade = DepartmentGrading.Grade(counts, members, present, denominator);
        var outcome = grade.Grade switch
        {
            DepartmentGrade.Satisfied => EvaluationOutcome.Satisfied,
            DepartmentGrade.BasicallySatisfied => EvaluationOutcome.BasicallySatisfied,
            _ => EvaluationOutcome.Dissatisfied,
        };
        return new EvaluationVoteResult(outcome, members, present, counts, grade.Denominator, grade.DecidingRule);
    }
}

/// <summary>Reads the vote engine's outcome of a committee vote as an evaluation records it.</summary>
public static class EvaluationVoteResults
{
    public static EvaluationVoteResult From(Ballots.VoteOutcome outcome)
    {
        var o = outcome.IsVoid ? EvaluationOutcome.Void : outcome.Grade switch
        {
            DepartmentGrade.Satisfied => EvaluationOutcome.Satisfied,
            DepartmentGrade.BasicallySatisfied => EvaluationOutcome.BasicallySatisfied,
            DepartmentGrade.Dissatisfied => EvaluationOutcome.Dissatisfied,
            _ => throw new DomainException("ValueInvalid"),
        };
        return new EvaluationVoteResult(o, outcome.Members ?? 0, outcome.Present ?? 0, outcome.Counts, outcome.Denominator, outcome.DecidingRule);
    }
}
